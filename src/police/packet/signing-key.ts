// The dealer's Ed25519 signing key for police packets. Created on first use under DATA_DIR with
// mode 0600 (like the master key), never overwritten ('wx': two processes racing keep the first).
// The public key is served by the API and shipped in every packet; its fingerprint (SHA-256 of
// the SubjectPublicKeyInfo DER) is printed on the 回答書 so the police can compare it.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIGNING_KEY_FILE = 'police-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** sha256 of the public key's SPKI DER, hex. */
  fingerprint: string;
}

export function publicKeyInfo(publicKey: KeyObject): { publicKeyPem: string; fingerprint: string } {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: createHash('sha256').update(der).digest('hex') };
}

/** Loads the key, creating it when absent; `created` tells the caller to audit the creation. */
export function loadOrCreateSigningKey(dataDir: string): { key: SigningKey; created: boolean } {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${SIGNING_KEY_FILE} does not hold an Ed25519 key`);
  return { key: { privateKey, ...publicKeyInfo(createPublicKey(privateKey)) }, created };
}

/** Ed25519 (RFC 8032) is deterministic: the same key and message give the same signature. */
export function signBytes(key: SigningKey, data: Buffer): Buffer {
  return sign(null, data, key.privateKey);
}

export function verifyBytes(publicKeyPem: string | Buffer, data: Buffer, signature: Buffer): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

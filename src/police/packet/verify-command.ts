// `npm run cli -- packet verify <zip> [--key public.pem]`: checks a packet's manifests and its
// signature, names every altered, missing or extra file, and exits 1 on any problem. The key is
// the one given, else this installation's own signing key (DATA_DIR), else the key inside the
// packet — which proves only that the packet is self-consistent, so the output then says to
// compare the fingerprint with the one the dealer published.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { SIGNING_KEY_FILE } from './signing-key.js';
import { verifyPacket } from './verify-packet.js';

function dealerKey(config: Config): string | undefined {
  const file = path.join(config.paths.dataDir, SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) return undefined;
  return createPublicKey(createPrivateKey(fs.readFileSync(file))).export({ type: 'spki', format: 'pem' }).toString();
}

export async function packetVerifyCommand(args: string[], config: Config, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  const zip = positionals[0];
  if (!zip) {
    out.write('usage: packet verify <packet.zip> [--key public-key.pem]\n');
    return 2;
  }
  const given = values.key ? fs.readFileSync(values.key, 'utf8') : dealerKey(config);
  const r = await verifyPacket(zip, { publicKeyPem: given });
  const source = values.key ? 'the given key' : given ? "this installation's signing key" : 'the key inside the packet (compare its fingerprint with the one the dealer published)';
  out.write(`packet ${path.basename(zip)}: ${r.files} entries in ${r.root ?? '(no bag folder)'}\n`);
  if (r.keyFingerprint) out.write(`signature checked with ${source}: sha256 ${r.keyFingerprint}\n`);
  if (r.ok) {
    out.write('OK: every file matches the manifests and the Ed25519 signature verifies\n');
    return 0;
  }
  for (const p of r.problems) out.write(`FAILED ${p.file}: ${p.problem}\n`);
  return 1;
}

// AES-256-GCM encryption at rest for every blob (ID images, evidence photos, packets).
// Personal data encrypted to a high standard does not make a lost disk a reportable leak
// (個人情報保護法施行規則7条; DOMAIN §2.4).
//
// File format: "DCB1" | keyId (8 bytes = first 8 of sha256(key)) | nonce (12) | ciphertext | tag (16).
// A fresh random nonce per blob. The keyId lets a wrong key fail with a clear error before any
// decryption is attempted; the GCM tag makes any altered byte fail; garbage is never returned.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import type { BlobStore, StagedBlob } from './blob-store.js';
import { type WrittenFile, writeOnThread } from './blob-writer-thread.js';
import { IntegrityError } from './errors.js';

const MAGIC = Buffer.from('DCB1');
const HEADER = MAGIC.length + 8 + 12;
const TAG = 16;

export interface RawBlobStore extends BlobStore {
  stage(data: Buffer | Readable, transform?: () => Transform): Promise<StagedBlob>;
  stageWith(write: (tmpPath: string) => Promise<WrittenFile>): Promise<StagedBlob>;
  size(key: string): Promise<number>;
  readRange(key: string, start: number, length: number): Promise<Buffer>;
  readStream(key: string, start?: number, end?: number): Readable;
}

export function keyId(key: Buffer): Buffer {
  return createHash('sha256').update(key).digest().subarray(0, 8);
}

export class EncryptedBlobStore implements BlobStore {
  private readonly kid: Buffer;

  constructor(
    private readonly inner: RawBlobStore,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('AES-256 needs a 32-byte key');
    this.kid = keyId(key);
  }

  stage(data: Buffer | Readable): Promise<StagedBlob> {
    return this.inner.stage(data, () => this.encryptor());
  }

  /** The same file format, written (hashed, encrypted, fsynced) on a writer thread. */
  stageOnThread(data: Readable): Promise<StagedBlob> {
    const nonce = randomBytes(12);
    const header = Buffer.concat([MAGIC, this.kid, nonce]);
    return this.inner.stageWith((tmpPath) => writeOnThread(data, { tmpPath, encryption: { key: this.key, nonce, header } }));
  }

  private encryptor(): Transform {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    let headerSent = false;
    const header = Buffer.concat([MAGIC, this.kid, nonce]);
    return new Transform({
      transform(chunk: Buffer, _enc, cb) {
        const body = cipher.update(chunk);
        if (!headerSent) {
          headerSent = true;
          cb(null, Buffer.concat([header, body]));
        } else cb(null, body);
      },
      flush(cb) {
        const tail = Buffer.concat([cipher.final(), cipher.getAuthTag()]);
        cb(null, headerSent ? tail : Buffer.concat([header, tail]));
      },
    });
  }

  async get(key: string): Promise<Buffer> {
    return this.decrypt(await this.inner.get(key));
  }

  private checkHeader(head: Buffer, fileSize: number): void {
    if (fileSize < HEADER + TAG || !head.subarray(0, 4).equals(MAGIC)) {
      throw new IntegrityError('blob_corrupt', 'A stored file is not in the expected format.');
    }
    if (!head.subarray(4, 12).equals(this.kid)) {
      throw new IntegrityError('blob_wrong_key', 'A stored file was encrypted with a different master key.');
    }
  }

  /** Decrypts as it reads: the header and tag first, then the body in chunks; the tag is checked at the end. */
  async getStream(key: string): Promise<{ stream: Readable; size: number }> {
    const fileSize = await this.inner.size(key);
    const head = await this.inner.readRange(key, 0, HEADER);
    this.checkHeader(head, fileSize);
    const decipher = createDecipheriv('aes-256-gcm', this.key, head.subarray(12, HEADER));
    decipher.setAuthTag(await this.inner.readRange(key, fileSize - TAG, TAG));
    const body = this.inner.readStream(key, HEADER, fileSize - TAG - 1);
    const plain = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        cb(null, decipher.update(chunk));
      },
      flush(cb) {
        try {
          decipher.final();
          cb();
        } catch {
          cb(new IntegrityError('blob_tampered', 'A stored file failed its integrity check.'));
        }
      },
    });
    // pipeline() carries an error of either stream to the consumer and leaves none unhandled.
    return { stream: pipeline(body, plain, () => {}), size: fileSize - HEADER - TAG };
  }

  decrypt(file: Buffer): Buffer {
    this.checkHeader(file, file.length);
    const nonce = file.subarray(12, HEADER);
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce);
    decipher.setAuthTag(file.subarray(file.length - TAG));
    try {
      const plain = decipher.update(file.subarray(HEADER, file.length - TAG));
      // GCM's final() only checks the tag (it returns nothing): no second copy of the plaintext.
      const rest = decipher.final();
      return rest.length ? Buffer.concat([plain, rest]) : plain;
    } catch {
      throw new IntegrityError('blob_tampered', 'A stored file failed its integrity check.');
    }
  }

  /**
   * A small sentinel encrypted with the key in use. At start we decrypt it: a different key stops
   * the service loudly instead of failing later on the first ID image someone opens.
   */
  ensureKeyMatches(sentinelFile: string): void {
    const plain = Buffer.from('daicho key check');
    if (!fs.existsSync(sentinelFile)) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      fs.writeFileSync(sentinelFile, Buffer.concat([MAGIC, this.kid, nonce, body, cipher.getAuthTag()]), { mode: 0o600 });
      return;
    }
    if (!this.decrypt(fs.readFileSync(sentinelFile)).equals(plain)) {
      throw new IntegrityError('blob_wrong_key', 'The key check file does not match.');
    }
  }

  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  cleanTemp(): Promise<number> {
    return this.inner.cleanTemp();
  }
}

/**
 * The master key: MASTER_KEY (64 hex chars or base64 of 32 bytes) or DATA_DIR/master.key, created
 * with mode 0600 on first start. Errors name the source, never the value.
 */
export function loadMasterKey(opts: { masterKey?: string; keyFile: string }): Buffer {
  if (opts.masterKey) {
    const key = parseKey(opts.masterKey);
    if (!key) throw new Error('MASTER_KEY must be 32 bytes as 64 hex characters or base64');
    return key;
  }
  if (!fs.existsSync(opts.keyFile)) {
    const fresh = randomBytes(32);
    // wx: never overwrite a key that appeared meanwhile (it would orphan every blob).
    fs.writeFileSync(opts.keyFile, `${fresh.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return fresh;
  }
  const key = parseKey(fs.readFileSync(opts.keyFile, 'utf8').trim());
  if (!key) throw new Error(`The key file ${opts.keyFile} does not hold a 32-byte key`);
  return key;
}

function parseKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const b = Buffer.from(text, 'base64');
    return b.length === 32 ? b : null;
  }
  return null;
}

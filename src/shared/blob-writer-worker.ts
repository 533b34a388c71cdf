// The writer thread behind stageOnThread (blob-writer-thread.ts): hashes the plaintext, encrypts
// it and writes the temp file, so that for a stream of hundreds of MB (a police packet) this work
// runs on the second core while the event loop's thread produces the stream.
//
// Messages in: { chunk: ArrayBuffer } (transferred), then { end: true }. Messages out:
// { ack: bytes } per chunk, then { done: { sha256, size } } or { error: { code, message } }.
// The file is written with writeSync: this thread has nothing else to do, and every 64 MiB a
// background fdatasync starts so that the last fsync has little left to flush.
import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

export interface WriterSetup {
  tmpPath: string;
  /** AES-256-GCM key, nonce and the file header to write first; absent for a plain store. */
  encryption?: { key: Uint8Array; nonce: Uint8Array; header: Uint8Array };
}

const FLUSH_EVERY = 64 * 1024 * 1024;
const port = parentPort!;
const setup = workerData as WriterSetup;
const hash = createHash('sha256');
const cipher = setup.encryption ? createCipheriv('aes-256-gcm', setup.encryption.key, setup.encryption.nonce) : null;
let fd = -1;
let size = 0;
let sinceFlush = 0;
const flushes: Promise<void>[] = [];

function writeAll(data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
  sinceFlush += data.length;
  if (sinceFlush >= FLUSH_EVERY) {
    sinceFlush = 0;
    flushes.push(new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()))));
  }
}

function fail(err: unknown): void {
  const e = err as NodeJS.ErrnoException;
  if (fd >= 0) fs.closeSync(fd);
  fd = -1;
  port.postMessage({ error: { code: e.code ?? 'writer_failed', message: e.message } });
  port.close();
}

async function finish(): Promise<void> {
  if (cipher) {
    writeAll(cipher.final());
    writeAll(cipher.getAuthTag());
  }
  await Promise.all(flushes);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fd = -1;
  port.postMessage({ done: { sha256: hash.digest('hex'), size } });
  port.close();
}

try {
  fd = fs.openSync(setup.tmpPath, 'wx', 0o600);
  if (setup.encryption) writeAll(setup.encryption.header);
} catch (err) {
  fail(err);
}

port.on('message', (msg: { chunk?: ArrayBuffer; end?: true }) => {
  if (fd < 0) return;
  try {
    if (msg.chunk) {
      const plain = new Uint8Array(msg.chunk);
      hash.update(plain);
      size += plain.length;
      writeAll(cipher ? cipher.update(plain) : plain);
      port.postMessage({ ack: plain.length });
    } else if (msg.end) {
      finish().catch(fail);
    }
  } catch (err) {
    fail(err);
  }
});

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { putBlob } from '../../src/shared/blob-store.js';
import { EncryptedBlobStore, loadMasterKey } from '../../src/shared/encrypted-blob-store.js';
import { LocalBlobStore } from '../../src/shared/local-blob-store.js';
import { sha256Hex } from '../../src/shared/hash.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-blob-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const raw = new LocalBlobStore(path.join(dir, 'blobs'), path.join(dir, 'tmp'));
const key = randomBytes(32);
const store = new EncryptedBlobStore(raw, key);
const plaintext = Buffer.from('運転免許証 氏名 山田太郎 住所 東京都千代田区'.repeat(200));

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function filesUnder(d: string): string[] {
  return fs.readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('encrypted blob store', () => {
  it('round-trips a buffer and a stream, hashing the plaintext on the fly', async () => {
    const a = await putBlob(store, plaintext);
    expect(a.sha256).toBe(sha256Hex(plaintext));
    expect(a.size).toBe(plaintext.length);
    expect((await store.get(a.key)).equals(plaintext)).toBe(true);
    const chunks = [plaintext.subarray(0, 1000), plaintext.subarray(1000)];
    const b = await putBlob(store, Readable.from(chunks));
    expect((await store.get(b.key)).equals(plaintext)).toBe(true);
    expect(b.key).not.toBe(a.key);
  });

  it('streams a blob decrypted, in chunks, with its size; an altered byte errors the stream instead of ending it', async () => {
    const big = randomBytes(1_500_000); // several read chunks
    const a = await putBlob(store, big);
    const { stream, size } = await store.getStream(a.key);
    expect(size).toBe(big.length);
    let pieces = 0;
    stream.on('data', () => pieces++);
    expect((await drain(stream)).equals(big)).toBe(true);
    expect(pieces).toBeGreaterThan(1);

    const empty = await putBlob(store, Buffer.alloc(0));
    const e = await store.getStream(empty.key);
    expect(e.size).toBe(0);
    expect((await drain(e.stream)).length).toBe(0);

    const file = filesUnder(path.join(dir, 'blobs')).find((f) => f.endsWith(a.key))!;
    const bytes = fs.readFileSync(file);
    bytes[1_000_000]! ^= 1;
    fs.writeFileSync(file, bytes);
    const bad = await store.getStream(a.key);
    await expect(drain(bad.stream)).rejects.toMatchObject({ code: 'blob_tampered' });
    await expect(store.getStream('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('never writes the plaintext to disk', async () => {
    const a = await putBlob(store, plaintext);
    const onDisk = await raw.get(a.key);
    expect(onDisk.includes(Buffer.from('山田太郎'))).toBe(false);
    expect(onDisk.equals(plaintext)).toBe(false);
    for (const f of filesUnder(dir)) expect(fs.readFileSync(f).includes(Buffer.from('山田太郎'))).toBe(false);
  });

  it('fails loudly with a wrong key, and on any altered byte', async () => {
    const a = await putBlob(store, plaintext);
    const other = new EncryptedBlobStore(raw, randomBytes(32));
    await expect(other.get(a.key)).rejects.toMatchObject({ code: 'blob_wrong_key' });
    const file = filesUnder(path.join(dir, 'blobs')).find((f) => f.endsWith(a.key))!;
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    await expect(store.get(a.key)).rejects.toMatchObject({ code: 'blob_tampered' });
  });

  it('a crash between write and rename leaves no visible blob, and start-up cleans the temp file', async () => {
    const staged = await store.stage(plaintext);
    // simulated crash: never published
    expect(await store.exists(staged.key)).toBe(false);
    await expect(store.get(staged.key)).rejects.toMatchObject({ status: 404 });
    expect(fs.readdirSync(path.join(dir, 'tmp')).length).toBeGreaterThan(0);
    expect(await store.cleanTemp()).toBeGreaterThan(0);
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('discard removes a staged file (failed commit)', async () => {
    const staged = await store.stage(plaintext);
    await staged.discard();
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  });

  it('delete removes a blob', async () => {
    const a = await putBlob(store, plaintext);
    await store.delete(a.key);
    expect(await store.exists(a.key)).toBe(false);
  });
});

describe('staging on a writer thread (large streams: police packets)', () => {
  it('writes the same file format: the plaintext hash and size, decryptable by get, nothing plain on disk', async () => {
    // Many small writes and a few large ones, as a ZIP of headers and images arrives.
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const pieces = [Buffer.from('PK header'), big.subarray(0, 100), big.subarray(100, 2_500_000), ...Array.from({ length: 300 }, (_, i) => big.subarray(2_500_000 + i * 10, 2_500_010 + i * 10)), big.subarray(2_503_000)];
    const whole = Buffer.concat(pieces);
    const staged = await store.stageOnThread(Readable.from(pieces));
    expect(staged.sha256).toBe(sha256Hex(whole));
    expect(staged.size).toBe(whole.length);
    await staged.publish();
    expect((await store.get(staged.key)).equals(whole)).toBe(true);
    const file = filesUnder(path.join(dir, 'blobs')).find((f) => f.endsWith(staged.key))!;
    expect(fs.readFileSync(file).includes(big.subarray(1000, 1064))).toBe(false);

    const plain = await raw.stageOnThread(Readable.from([whole]));
    expect(plain.sha256).toBe(sha256Hex(whole));
    await plain.discard();
  });

  it('a failing source leaves no temp file, and the error reaches the caller', async () => {
    const before = fs.readdirSync(path.join(dir, 'tmp')).length;
    async function* failing() {
      yield randomBytes(2 * 1024 * 1024);
      throw new Error('producer failed');
    }
    await expect(store.stageOnThread(Readable.from(failing()))).rejects.toThrow('producer failed');
    expect(fs.readdirSync(path.join(dir, 'tmp')).length).toBe(before);
  });

  it('a file the thread cannot create rejects with its code', async () => {
    const gone = new EncryptedBlobStore(new LocalBlobStore(path.join(dir, 'blobs2'), path.join(dir, 'tmp2')), key);
    fs.rmSync(path.join(dir, 'tmp2'), { recursive: true });
    await expect(gone.stageOnThread(Readable.from([Buffer.from('x')]))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('master key', () => {
  it('is created with mode 0600 on first use and reused after', () => {
    const keyFile = path.join(dir, 'master.key');
    const k1 = loadMasterKey({ keyFile });
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ keyFile }).equals(k1)).toBe(true);
  });
  it('accepts hex or base64 MASTER_KEY and names the variable (not the value) when malformed', () => {
    const hex = randomBytes(32).toString('hex');
    expect(loadMasterKey({ masterKey: hex, keyFile: 'unused' }).toString('hex')).toBe(hex);
    expect(loadMasterKey({ masterKey: Buffer.from(hex, 'hex').toString('base64'), keyFile: 'unused' }).toString('hex')).toBe(hex);
    expect(() => loadMasterKey({ masterKey: 'secret-but-short', keyFile: 'unused' })).toThrow(/MASTER_KEY/);
    try {
      loadMasterKey({ masterKey: 'secret-but-short', keyFile: 'unused' });
    } catch (e) {
      expect(String(e)).not.toContain('secret-but-short');
    }
  });
  it('a sentinel stops a store opened with a different key', () => {
    const sentinel = path.join(dir, 'key-check.bin');
    store.ensureKeyMatches(sentinel);
    store.ensureKeyMatches(sentinel);
    expect(() => new EncryptedBlobStore(raw, randomBytes(32)).ensureKeyMatches(sentinel)).toThrow(/different master key/);
  });
});

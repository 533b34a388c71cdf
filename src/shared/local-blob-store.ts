// Local-filesystem blob store under DATA_DIR/blobs. Keys are random ids (not content hashes: the
// same ID image uploaded twice must not be linkable by key). Layout: blobs/ab/cd/<key>.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore, StagedBlob } from './blob-store.js';
import { type WrittenFile, writeOnThread } from './blob-writer-thread.js';
import { NotFoundError } from './errors.js';

const KEY_RE = /^[0-9a-f-]{36}$/;

export class LocalBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly tmp: string,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.mkdirSync(tmp, { recursive: true, mode: 0o700 });
  }

  private pathFor(key: string): string {
    if (!KEY_RE.test(key)) throw new NotFoundError('Blob');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  stage(data: Buffer | Readable, transform?: () => Transform): Promise<StagedBlob> {
    return this.stageWith(async (tmpPath) => {
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          size += chunk.length;
          cb(null, chunk);
        },
      });
      const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
      const out = fs.createWriteStream(tmpPath, { mode: 0o600, flags: 'wx' });
      await pipeline(source, meter, ...(transform ? [transform()] : []), out);
      const fh = await fsp.open(tmpPath, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      return { sha256: hash.digest('hex'), size };
    });
  }

  stageOnThread(data: Readable): Promise<StagedBlob> {
    return this.stageWith((tmpPath) => writeOnThread(data, { tmpPath }));
  }

  /**
   * The two-phase frame around a writer: `write` fills the temp file (created with 'wx', fsynced)
   * and returns the plaintext's hash and size; on failure the temp file is removed.
   */
  async stageWith(write: (tmpPath: string) => Promise<WrittenFile>): Promise<StagedBlob> {
    const key = randomUUID();
    const tmpPath = path.join(this.tmp, `${key}.part`);
    let written: WrittenFile;
    try {
      written = await write(tmpPath);
    } catch (err) {
      await fsp.rm(tmpPath, { force: true });
      throw err;
    }
    const finalPath = this.pathFor(key);
    return {
      key,
      ...written,
      publish: async () => {
        await fsp.mkdir(path.dirname(finalPath), { recursive: true, mode: 0o700 });
        await fsp.rename(tmpPath, finalPath);
        await fsyncDir(path.dirname(finalPath));
      },
      discard: async () => {
        await fsp.rm(tmpPath, { force: true });
      },
    };
  }

  /** Size of the stored file; NotFoundError when absent. */
  async size(key: string): Promise<number> {
    try {
      return (await fsp.stat(this.pathFor(key))).size;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('Blob');
      throw err;
    }
  }

  /** `length` bytes of the stored file from `start`. */
  async readRange(key: string, start: number, length: number): Promise<Buffer> {
    const fh = await fsp.open(this.pathFor(key), 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  /** The stored bytes from `start` up to and including `end`. */
  readStream(key: string, start = 0, end?: number): Readable {
    if (end !== undefined && end < start) return Readable.from([]);
    return fs.createReadStream(this.pathFor(key), { start, end });
  }

  async getStream(key: string): Promise<{ stream: Readable; size: number }> {
    const size = await this.size(key);
    return { stream: this.readStream(key), size };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fsp.readFile(this.pathFor(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('Blob');
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fsp.access(this.pathFor(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { force: true });
  }

  async cleanTemp(): Promise<number> {
    const names = await fsp.readdir(this.tmp);
    let n = 0;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      await fsp.rm(path.join(this.tmp, name), { force: true });
      n++;
    }
    return n;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // The rename is durable only once the directory entry is on disk.
  const fh = await fsp.open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

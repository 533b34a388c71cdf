// A small ZIP reader for verifying packets (APPNOTE 6.3: end of central directory, ZIP64 records,
// central directory, local headers; stored and deflated entries). It reads the directory once and
// streams each entry's data from the file, so a large packet is checked in bounded memory.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(b: Buffer, at: number): number {
  return Number(b.readBigUInt64LE(at));
}

export class ZipReader {
  readonly entries: ZipEntry[];
  private constructor(
    private readonly file: string,
    private readonly fd: number,
    entries: ZipEntry[],
  ) {
    this.entries = entries;
  }

  static open(file: string): ZipReader {
    const fd = fs.openSync(file, 'r');
    try {
      return new ZipReader(file, fd, readDirectory(fd, fs.fstatSync(fd).size));
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private dataStart(e: ZipEntry): number {
    const h = Buffer.alloc(30);
    fs.readSync(this.fd, h, 0, 30, e.localHeaderOffset);
    if (h.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`local header of ${e.name} not found`);
    return e.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }

  /** The entry's uncompressed bytes as a stream. */
  stream(e: ZipEntry): Readable {
    const start = this.dataStart(e);
    if (e.compressedSize === 0) return Readable.from([]);
    const raw = fs.createReadStream(this.file, { start, end: start + e.compressedSize - 1 });
    if (e.method === 0) return raw;
    if (e.method === 8) return raw.pipe(createInflateRaw());
    throw new ZipFormatError(`${e.name}: compression method ${e.method} is not supported`);
  }

  /** The entry's bytes in memory: for small tag files only. */
  async read(e: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of this.stream(e)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }
}

function readAt(fd: number, at: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = fs.readSync(fd, b, 0, length, at);
  if (n !== length) throw new ZipFormatError('unexpected end of file');
  return b;
}

function readDirectory(fd: number, size: number): ZipEntry[] {
  const tailLen = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, size - tailLen, tailLen);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('not a ZIP file (no end of central directory)');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  const eocdPos = size - tailLen + at;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = readAt(fd, eocdPos - 20, 20);
    if (loc.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipFormatError('ZIP64 locator not found');
    const rec = readAt(fd, u64(loc, 8), 56);
    if (rec.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipFormatError('ZIP64 end of central directory not found');
    count = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
  }
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (cd.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError(`central directory entry ${i + 1} is damaged`);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const e: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    readZip64Extra(cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen), e);
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** ZIP64 extended information (0x0001): only the fields whose 32-bit value is saturated. */
function readZip64Extra(extra: Buffer, e: ZipEntry): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      if (e.size === 0xffffffff) {
        e.size = u64(extra, r);
        r += 8;
      }
      if (e.compressedSize === 0xffffffff) {
        e.compressedSize = u64(extra, r);
        r += 8;
      }
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = u64(extra, r);
    }
    q += 4 + len;
  }
}

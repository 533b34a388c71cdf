// Writes a police packet as one ZIP stream (BagIt layout under one folder), without ever holding
// more than one image in memory: images are fetched one at a time and each is written before the
// next is fetched; records.pdf is streamed with back-pressure; the small files are buffers.
// Entry order is fixed: bagit.txt, images (record order), records.pdf, records.json, records.csv,
// records.schema.json, cover.pdf, then the tag files and the signature. The same content, key
// and approval date give the same bytes.
import { webcrypto } from 'node:crypto';
import type { Readable } from 'node:stream';
import { IntegrityError } from '../../shared/errors.js';
import { renderCoverPdf } from '../pdf/cover-pdf.js';
import { writeRecordsPdf } from '../pdf/records-pdf.js';
import { BAGIT_TXT, bagInfo, manifest, PUBLIC_KEY_FILE, README, SIGNATURE_FILE, sha256 } from './bagit.js';
import { recordsCsv } from './records-csv.js';
import { recordsJson, recordsSchema } from './records-json.js';
import { type SigningKey, signBytes } from './signing-key.js';
import type { PacketContent, RecordImage } from './types.js';
import { prefetchInOrder } from './prefetch.js';
import { PacketZip, type WrittenEntry } from './zip-writer.js';
import { tokyoDate } from '../../shared/japanese.js';

export interface PacketProgress {
  step: number;
  steps: number;
  recordsDone: number;
}

export interface BuildPacketInput {
  content: PacketContent;
  key: SigningKey;
  /** Reads an image's plaintext (the blob store decrypts and authenticates it). */
  fetch: (blobKey: string) => Promise<Buffer>;
  onProgress?: (p: PacketProgress) => void;
}

export interface BuiltPacket {
  root: string;
  payload: WrittenEntry[];
  images: number;
  tagmanifestSha256: string;
}

async function digestHex(bytes: Buffer): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

function extension(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'bin';
}

/** Starts writing; read `output` (e.g. into a staged blob) while awaiting `done`. */
export function buildPacket(input: BuildPacketInput): { output: Readable; done: Promise<BuiltPacket> } {
  const c = input.content;
  const root = `police-packet-${c.header.inquiry.id.slice(0, 8)}`;
  const zip = new PacketZip(root, tokyoDate(new Date(c.header.approvedAt)));
  const done = write(zip, input).catch((err: Error) => {
    zip.fail(err);
    throw err;
  });
  return { output: zip.output, done };
}

async function write(zip: PacketZip, input: BuildPacketInput): Promise<BuiltPacket> {
  const c = input.content;
  // One file per stored image, even when two records (two items of one trade-in) share it.
  const unique = new Map<string, { img: RecordImage; recordNo: number; n: number }>();
  for (const r of c.records) {
    r.images.forEach((img, i) => {
      if (!unique.has(img.sourceId)) unique.set(img.sourceId, { img, recordNo: r.recordNo, n: i + 1 });
    });
  }
  const steps = unique.size + c.records.length;
  let step = 0;
  const tick = (recordsDone: number) => input.onProgress?.({ step: ++step, steps, recordsDone });

  zip.addBuffer('bagit.txt', BAGIT_TXT);
  const payload: WrittenEntry[] = [];
  const files = new Map<string, { file: string; sha256: string }>();
  const keys = [...unique.values()].map((u) => u.img.blobKey);
  const fileBytes = prefetchInOrder(keys, input.fetch);
  for (const [sourceId, u] of unique) {
    const bytes = await fileBytes(u.img.blobKey);
    const prefix = u.img.kind === 'id_document' ? 'id' : 'photo';
    const file = `images/r${String(u.recordNo).padStart(3, '0')}/${prefix}-${u.n}.${extension(bytes)}`;
    // Hashed on the thread pool while the ZIP takes the bytes on this thread.
    const [digest, entry] = await Promise.all([digestHex(bytes), zip.addAndWait(`data/${file}`, bytes)]);
    if (u.img.sha256 && u.img.sha256 !== digest) throw new IntegrityError('packet_image_mismatch', 'A stored image does not match its recorded hash.');
    files.set(sourceId, { file, sha256: digest });
    payload.push({ ...entry, sha256: digest });
    tick(0);
  }
  for (const r of c.records) for (const img of r.images) Object.assign(img, files.get(img.sourceId));

  const pdfBytes = prefetchInOrder(
    c.records.flatMap((r) => r.images),
    (img) => input.fetch(img.blobKey),
  );
  const pdf = zip.addStream('data/records.pdf', 4 * 1024 * 1024);
  await writeRecordsPdf(c, {
    out: pdf.stream,
    image: (img) => pdfBytes(img),
    onRecord: (n) => tick(n),
    signal: zip.signal,
  });
  payload.push(await pdf.done);
  payload.push(zip.addBuffer('data/records.json', recordsJson(c)));
  payload.push(zip.addBuffer('data/records.csv', recordsCsv(c)));
  payload.push(zip.addBuffer('data/records.schema.json', recordsSchema()));
  payload.push(zip.addBuffer('data/cover.pdf', await renderCoverPdf(c, { fingerprint: input.key.fingerprint, images: unique.size })));

  const sorted = [...payload].sort((a, b) => (a.path < b.path ? -1 : 1));
  const tags = [
    zip.addBuffer('README.txt', README),
    zip.addBuffer(PUBLIC_KEY_FILE, Buffer.from(input.key.publicKeyPem, 'utf8')),
    zip.addBuffer('bag-info.txt', bagInfo(c.header, payload, { records: c.records.length, fingerprint: input.key.fingerprint })),
    zip.addBuffer('manifest-sha256.txt', manifest(sorted)),
  ];
  const bagitEntry = { path: 'bagit.txt', sha256: sha256(BAGIT_TXT), size: BAGIT_TXT.length };
  const tagmanifest = manifest([bagitEntry, ...tags].sort((a, b) => (a.path < b.path ? -1 : 1)));
  zip.addBuffer('tagmanifest-sha256.txt', tagmanifest);
  zip.addBuffer(SIGNATURE_FILE, signBytes(input.key, tagmanifest));
  zip.end();
  return { root: zip.root, payload: sorted, images: unique.size, tagmanifestSha256: sha256(tagmanifest) };
}

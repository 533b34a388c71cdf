// What a photo upload must pass beyond the shared image gate (src/shared/images.ts: type by
// content, pixel ceiling against decompression bombs, truncation): one still image, and nothing
// after the image's own end. A polyglot — a JPEG with a ZIP, PDF or script appended, a PNG with
// data after IEND — would be kept as "evidence" and handed to the police as it came, so it is
// refused. Trailing zero padding and the extra JPEG images of a multi-picture (MPF) file, which
// phones append, are allowed.
import sharp from 'sharp';
import { ValidationError } from '../shared/errors.js';
import { type ImageInfo, inspectImage } from '../shared/images.js';

const bad = (code: string, message: string) => new ValidationError(code, message, [{ path: 'file', code, message }]);

export interface PhotoInfo extends ImageInfo {
  /** Dimensions after EXIF orientation (the coordinate space of regions). */
  orientedWidth: number;
  orientedHeight: number;
}

export async function validatePhoto(buf: Buffer, maxPixels: number): Promise<PhotoInfo> {
  const info = await inspectImage(buf, { maxPixels });
  const meta = await sharp(buf, { limitInputPixels: maxPixels }).metadata();
  if ((meta.pages ?? 1) > 1) throw bad('image_animated', 'Animated or multi-page images are not accepted as photos.');
  const end = logicalEnd(buf, info.format);
  if (end === null) throw bad('image_corrupt', 'The image structure could not be followed to its end.');
  if (!allowedTrailer(buf.subarray(end))) throw bad('image_polyglot', 'The file carries data after the end of the image (a polyglot file); upload the photo alone.');
  const swap = (meta.orientation ?? 1) >= 5;
  return { ...info, orientedWidth: swap ? info.height : info.width, orientedHeight: swap ? info.width : info.height };
}

function allowedTrailer(t: Buffer): boolean {
  if (t.length === 0 || t.every((b) => b === 0)) return true;
  // MPF secondary images (depth maps, gain maps): further complete JPEG streams.
  return t[0] === 0xff && t[1] === 0xd8 && t[2] === 0xff;
}

/** Offset just past the image's last byte by its container structure, or null when malformed. */
export function logicalEnd(buf: Buffer, format: ImageInfo['format']): number | null {
  if (format === 'png') return pngEnd(buf);
  if (format === 'webp') return webpEnd(buf);
  return jpegEnd(buf);
}

function pngEnd(buf: Buffer): number | null {
  let p = 8;
  while (p + 12 <= buf.length) {
    const len = buf.readUInt32BE(p);
    const type = buf.toString('latin1', p + 4, p + 8);
    p += 12 + len;
    if (type === 'IEND') return p <= buf.length ? p : null;
  }
  return null;
}

function webpEnd(buf: Buffer): number | null {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF') return null;
  const end = 8 + buf.readUInt32LE(4);
  return end <= buf.length + 1 ? Math.min(end + (end % 2), buf.length) : null;
}

/** Segments up to SOS, then entropy-coded data to the next marker, repeated until EOI. */
function jpegEnd(buf: Buffer): number | null {
  let p = 2;
  while (p + 2 <= buf.length) {
    if (buf[p] !== 0xff) return null;
    const marker = buf[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    if (marker === 0xd9) return p + 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p += 2;
      continue;
    }
    if (p + 4 > buf.length) return null;
    const len = buf.readUInt16BE(p + 2);
    p += 2 + len;
    if (marker !== 0xda) continue;
    // Scan data: stop at a marker that is not a stuffed 0xFF00 or a restart marker.
    while (p + 1 < buf.length && !(buf[p] === 0xff && buf[p + 1] !== 0x00 && !(buf[p + 1]! >= 0xd0 && buf[p + 1]! <= 0xd7))) p++;
  }
  return null;
}

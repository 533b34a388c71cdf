// The gate every uploaded image passes before anything else touches it (ID documents, photos):
// real JPEG/PNG/WebP by content (not by name or declared type), non-empty, within the pixel
// ceiling (decompression bombs), and fully decodable (truncated files are refused, not half-read).
import sharp, { type Metadata } from 'sharp';
import { ValidationError } from './errors.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp';
export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

const FORMATS = new Set(['jpeg', 'png', 'webp']);
const bad = (code: string, message: string, path = 'file') => new ValidationError(code, message, [{ path, code, message }]);

export async function inspectImage(buf: Buffer, opts: { maxPixels: number; path?: string }): Promise<ImageInfo> {
  const path = opts.path ?? 'file';
  if (buf.length === 0) throw bad('image_empty', 'The file is empty.', path);
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    throw bad('image_unreadable', 'The file is not a readable image.', path);
  }
  if (!meta.format || !FORMATS.has(meta.format)) throw bad('image_unsupported', 'Only JPEG, PNG and WebP images are accepted.', path);
  const { width = 0, height = 0 } = meta;
  if (width < 1 || height < 1) throw bad('image_empty', 'The image has no pixels.', path);
  if (width * height > opts.maxPixels) throw bad('image_too_large', `The image exceeds ${opts.maxPixels} pixels.`, path);
  try {
    // A full decode proves the file is complete; failOn 'truncated' rejects cut-off JPEG/PNG data.
    await sharp(buf, { limitInputPixels: opts.maxPixels, failOn: 'truncated' }).raw().toBuffer({ resolveWithObject: false });
  } catch {
    throw bad('image_corrupt', 'The image is truncated or corrupt.', path);
  }
  return { format: meta.format as ImageFormat, width, height };
}

// The two renditions ever served of a photo (issue #5 §1, §4): the full-size redacted JPEG and a
// thumbnail made from it. Redaction is burned in, not an overlay: the pixels of each region are
// replaced by solid black in the decoded image, which is then re-encoded; nothing of what was
// under the box survives in the file. EXIF orientation is applied to the pixels (autoOrient); no
// metadata is written (never keepExif()/withMetadata(): they keep GPS and camera serials), so
// EXIF, GPS, XMP, IPTC and ICC are all gone. optimiseCoding off: ~20% faster (TECH-NOTES).
import sharp, { type Sharp } from 'sharp';
import type { Rect } from '../regions/kinds.js';

export const THUMB_SIDE = 320;

export interface Renditions {
  redacted: Buffer;
  thumbnail: Buffer;
}

/** `rects` are in the oriented, full-size coordinates; they are clipped to the image. */
export async function renderRenditions(original: Buffer, rects: Rect[], size: { width: number; height: number }, maxPixels: number): Promise<Renditions> {
  const redacted = await renderRedacted(original, rects, size, maxPixels);
  return { redacted, thumbnail: await thumbnailOf(redacted) };
}

/** The original, oriented, with solid black over each rectangle (burned in, not an overlay). */
async function burn(original: Buffer, rects: Rect[], size: { width: number; height: number }, maxPixels: number): Promise<Sharp> {
  const boxes = rects.map((r) => clip(r, size)).filter((r): r is Rect => r !== null);
  const pipeline = sharp(original, { limitInputPixels: maxPixels }).autoOrient();
  // PNG/WebP with transparency: flatten onto white (JPEG has no alpha; a hidden layer must not survive).
  if ((await pipeline.metadata()).hasAlpha) pipeline.flatten({ background: '#ffffff' });
  if (boxes.length) {
    pipeline.composite(
      boxes.map((b) => ({
        input: { create: { width: b.width, height: b.height, channels: 3 as const, background: { r: 0, g: 0, b: 0 } } },
        left: b.x,
        top: b.y,
      })),
    );
  }
  return pipeline.toColourspace('srgb');
}

export async function renderRedacted(original: Buffer, rects: Rect[], size: { width: number; height: number }, maxPixels: number): Promise<Buffer> {
  return (await burn(original, rects, size, maxPixels)).jpeg({ quality: 85, optimiseCoding: false }).toBuffer();
}

/**
 * A replacement for the evidence original with numbers the law forbids keeping burned out: the
 * same format, lossless for PNG/WebP and near-lossless JPEG, so the evidence loses nothing else.
 */
export async function renderMaskedOriginal(original: Buffer, rects: Rect[], size: { width: number; height: number }, maxPixels: number): Promise<Buffer> {
  const format = (await sharp(original, { limitInputPixels: maxPixels }).metadata()).format;
  const burned = await burn(original, rects, size, maxPixels);
  if (format === 'png') return burned.png().toBuffer();
  if (format === 'webp') return burned.webp({ lossless: true }).toBuffer();
  return burned.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}

/**
 * From the redacted bytes, so the thumbnail can only show what the redacted image shows (JPEG
 * shrink-on-load keeps this cheap).
 */
export function thumbnailOf(redacted: Buffer): Promise<Buffer> {
  return sharp(redacted).resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 80, optimiseCoding: false }).toBuffer();
}

function clip(r: Rect, size: { width: number; height: number }): Rect | null {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(size.width, Math.ceil(r.x + r.width));
  const y1 = Math.min(size.height, Math.ceil(r.y + r.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

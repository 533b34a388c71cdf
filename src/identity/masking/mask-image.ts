// Burns solid boxes over what may not be stored (rules 47, 48, 50, 51) and re-encodes the image in
// memory. A solid fill, not a blur: blurred digits can be recovered. Re-encoding through sharp
// without withMetadata()/keepExif() drops EXIF (GPS, camera serials), XMP and IPTC. The unmasked
// input is never written anywhere; the caller keeps it only in memory.

import type { DocumentType, MaskedRegion } from '../ocr/fields.js';
import type { BBox, OcrResult } from '../ocr/engine.js';
import { docFromOcr } from '../ocr/parse-text.js';
import { type Decoded, sharpOf } from '../ocr/pixels.js';
import { detectQrRegions } from './detect-qr.js';
import { findSensitiveRegions } from './find-regions.js';

export interface MaskOptions {
  format?: 'png' | 'jpeg';
  /** Extra pixels around each box, as a share of the box height (OCR boxes are tight). */
  margin?: number;
}

function pad(b: BBox, m: number, W: number, H: number): BBox {
  const p = Math.max(3, Math.round((b.y1 - b.y0) * m));
  return { x0: Math.max(0, b.x0 - p), y0: Math.max(0, b.y0 - p), x1: Math.min(W, b.x1 + p), y1: Math.min(H, b.y1 + p) };
}

/**
 * `ocr` must come from this very image (same orientation and size): its word boxes are the
 * coordinates masked. The image may be given encoded or already decoded.
 */
export async function maskDocumentImage(
  image: Buffer | Decoded,
  ocr: OcrResult,
  type: DocumentType,
  opts: MaskOptions = {},
): Promise<{ image: Buffer; regions: MaskedRegion[] }> {
  const meta = Buffer.isBuffer(image) ? await sharpOf(image).metadata() : image;
  const W = meta.width ?? 0;
  const H = meta.height ?? 0;
  const found: MaskedRegion[] = findSensitiveRegions(docFromOcr(ocr), type);
  if (type === 'HEALTH_INSURANCE_CARD' || type === 'QUALIFICATION_CERTIFICATE') {
    for (const bbox of await detectQrRegions(image, ocr)) found.push({ kind: 'qr_code', bbox });
  }
  const regions = found
    .map((r) => ({ kind: r.kind, bbox: pad(r.bbox, r.kind === 'qr_code' ? 0.05 : (opts.margin ?? 0.3), W, H) }))
    .filter((r, i, all) => r.bbox.x1 > r.bbox.x0 && r.bbox.y1 > r.bbox.y0 && all.findIndex((o) => JSON.stringify(o) === JSON.stringify(r)) === i);
  let img = sharpOf(image);
  if (regions.length) {
    img = img.composite(
      regions.map((r) => ({
        input: { create: { width: r.bbox.x1 - r.bbox.x0, height: r.bbox.y1 - r.bbox.y0, channels: 3 as const, background: { r: 0, g: 0, b: 0 } } },
        left: r.bbox.x0,
        top: r.bbox.y0,
      })),
    );
  }
  // PNG level 3: a noisy phone photo compresses within about 10% of level 6 for under 60% of its
  // CPU (17 against 30 ms for a 960 px card), and this runs for every upload.
  const out = opts.format === 'jpeg' ? await img.jpeg({ quality: 90 }).toBuffer() : await img.png({ compressionLevel: 3 }).toBuffer();
  return { image: out, regions };
}

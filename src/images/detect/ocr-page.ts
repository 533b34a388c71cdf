// OCR of a whole photo for the PII proposals. Photos are not cards: text can be anywhere and any
// size, so the page is read with automatic segmentation (PSM 3) in Japanese and English together,
// at a size where small screen text is legible to tesseract (about 2,000 px on the long side:
// small screenshots are enlarged up to 2×, 12-megapixel photos halved). Word boxes are mapped back
// to the photo's own (oriented, full-size) pixel coordinates before anything else sees them.
import sharp from 'sharp';
import type { OcrEngine, OcrResult } from '../../identity/ocr/engine.js';
import { type DocText, docFromOcr } from '../../identity/ocr/parse-text.js';
import { OCR_PNG } from '../../identity/ocr/pixels.js';

export interface OcrPage {
  doc: DocText;
  /** Mean confidence of the page (0-100) and the time spent in the worker. */
  confidence: number;
  ms: number;
}

const TARGET_LONG_SIDE = 2000;

export async function ocrPage(engine: OcrEngine, image: Buffer, size: { width: number; height: number }, maxPixels: number): Promise<OcrPage> {
  const long = Math.max(size.width, size.height);
  const scale = Math.min(2, Math.max(0.25, TARGET_LONG_SIDE / long));
  const png = await sharp(image, { limitInputPixels: maxPixels })
    .autoOrient()
    .resize(Math.max(1, Math.round(size.width * scale)), Math.max(1, Math.round(size.height * scale)), { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .png(OCR_PNG)
    .toBuffer();
  const result = await engine.recognize(png, { lang: 'jpn+eng', psm: 3 });
  return { doc: docFromOcr(rescale(result, 1 / scale)), confidence: result.confidence, ms: result.ms };
}

function rescale(r: OcrResult, f: number): OcrResult {
  const box = (b: { x0: number; y0: number; x1: number; y1: number }) => ({ x0: Math.floor(b.x0 * f), y0: Math.floor(b.y0 * f), x1: Math.ceil(b.x1 * f), y1: Math.ceil(b.y1 * f) });
  return { ...r, lines: r.lines.map((l) => ({ ...l, bbox: box(l.bbox), words: l.words.map((w) => ({ ...w, bbox: box(w.bbox) })) })) };
}

// What one tesseract.js job is given and what it returns: per-job parameters, the conversion of
// tesseract.js's page into our OcrResult, and the image a new worker is warmed with.

import sharp from 'sharp';
import type Tesseract from 'tesseract.js';
import type { OcrLine, OcrOptions, OcrResult } from './engine.js';

/**
 * Per-job Tesseract parameters. Passed as recognize() options, which tesseract.js applies between
 * SaveParameters() and RestoreParameters(): a whitelist or PSM never leaks into the next job.
 * Sauvola thresholding (method 2) on the untouched colour image measured best on cards. No
 * inverted-text pass (white on dark): ID documents print dark on light, and the pass costs CPU on
 * every line whose confidence is low (same accuracy measured without it, expiry band included).
 */
export function jobParams(opts: Pick<OcrOptions, 'psm' | 'whitelist' | 'dpi'>): Record<string, string> {
  const params: Record<string, string> = {
    tessedit_pageseg_mode: String(opts.psm ?? 6),
    thresholding_method: '2',
    preserve_interword_spaces: '1',
    tessedit_do_invert: '0',
  };
  if (opts.whitelist) params.tessedit_char_whitelist = opts.whitelist;
  // Tesseract's credible range is 70-2400 dpi; outside it the value is ignored with a warning.
  if (opts.dpi) params.user_defined_dpi = String(Math.round(Math.min(2400, Math.max(70, opts.dpi))));
  return params;
}

export function toResult(page: Tesseract.Page, ms: number): OcrResult {
  const box = (b: Tesseract.Bbox) => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 });
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        lines.push({
          text: line.text.replace(/\n+$/, ''),
          confidence: line.confidence,
          bbox: box(line.bbox),
          words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: box(w.bbox) })),
        });
      }
    }
  }
  return { text: page.text, confidence: page.confidence, lines, ms };
}

let warmup: Promise<Buffer> | null = null;
/** Glyph-like strokes: exercises the LSTM like text does, without needing any font installed. */
export function warmupImage(): Promise<Buffer> {
  let bars = '';
  for (let row = 0; row < 3; row++) {
    for (let i = 0; i < 12; i++) {
      const x = 20 + i * 30;
      const y = 20 + row * 50;
      bars += `<rect x="${x}" y="${y}" width="${6 + ((i * 7) % 14)}" height="28"/><rect x="${x}" y="${y + 12}" width="22" height="4"/>`;
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="180"><rect width="100%" height="100%" fill="#fff"/><g fill="#222">${bars}</g></svg>`;
  warmup ??= sharp(Buffer.from(svg)).png().toBuffer();
  return warmup;
}

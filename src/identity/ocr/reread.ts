// Confidence-driven re-reads. A full-page pass reads small or rare glyphs poorly (a 𠮷 read as 天,
// 壱 as 夫, a grey label lost); read again on its own, levelled and enlarged, the same line usually
// comes out right. So: the lines that hold a field read with low confidence are cropped from the
// decoded image (one decode, shared), turned level using the slope of their own word boxes, scaled
// to a comfortable glyph height and re-read as a single line (PSM 7). A re-read replaces the line
// only when tesseract is more confident in it. Nothing here knows a layout: lines come from the
// first pass, and the decision is made on confidences.

import sharp from 'sharp';
import type { OcrEngine, OcrResult, OcrWord } from './engine.js';
import type { DocumentFields, FieldName } from './fields.js';
import { type DocText, type TextLine, docFromOcr } from './parse-text.js';

/** Fields whose lines are worth a second look, with the confidence below which they get one. */
const REREAD_BELOW: Partial<Record<FieldName, number>> = {
  name: 0.88,
  address: 0.9,
  dateOfBirth: 0.85,
  expiryDate: 0.85,
  issueDate: 0.85,
};
/** At most this many lines per document (they run in parallel on the pool's workers). */
const MAX_LINES = 4;
/** Glyph height (px) the crop is scaled to: tesseract's LSTM reads CJK best around here. */
const TARGET_GLYPH = 48;

export interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export async function decode(image: Buffer): Promise<Decoded> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

const mean = (ws: OcrWord[]) => (ws.length ? ws.reduce((a, w) => a + w.confidence, 0) / ws.length : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Lines holding the given spans' fields read below their threshold, lowest confidence first. */
export function linesToReread(fields: DocumentFields, spansOf: (f: FieldName) => number[]): number[] {
  const want: Array<{ line: number; conf: number }> = [];
  for (const [name, below] of Object.entries(REREAD_BELOW) as Array<[FieldName, number]>) {
    const f = fields[name];
    if (!f || f.confidence >= below) continue;
    for (const line of spansOf(name)) want.push({ line, conf: f.confidence });
  }
  const seen = new Set<number>();
  return want.sort((a, b) => a.conf - b.conf).map((w) => w.line).filter((l) => !seen.has(l) && !!seen.add(l)).slice(0, MAX_LINES);
}

/**
 * Slope (dy/dx) of the line from the bottoms of its word boxes, between words of similar height
 * only (a small label beside a large name sits differently in its box).
 */
function slope(line: TextLine): number {
  const ws = line.words.map((w) => ({ x: (w.bbox.x0 + w.bbox.x1) / 2, y: w.bbox.y1, h: w.bbox.y1 - w.bbox.y0 }));
  const slopes: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    for (let j = i + 1; j < ws.length; j++) {
      const [a, b] = [ws[i]!, ws[j]!];
      const dx = b.x - a.x;
      if (dx > 4 * Math.max(a.h, b.h) && Math.abs(a.h - b.h) <= 0.15 * Math.max(a.h, b.h)) slopes.push((b.y - a.y) / dx);
    }
  }
  return slopes.length >= 3 ? median(slopes) : 0;
}

/**
 * Skew of the whole image in degrees (clockwise positive, as sharp's rotate() counts): the median
 * slope of the lines read with enough words to measure one. 0 when nothing can be measured.
 */
export function skewDegrees(ocr: OcrResult): number {
  const slopes = docFromOcr(ocr).lines.filter((l) => l.words.length >= 5).map(slope).filter((k) => k !== 0);
  if (slopes.length < 2) return 0;
  return (Math.atan(median(slopes)) * 180) / Math.PI;
}

/** The image turned level when it is skewed by more than half a degree (else as is). */
export async function levelled(image: Buffer, ocr: OcrResult): Promise<Buffer> {
  const deg = skewDegrees(ocr);
  if (Math.abs(deg) <= 0.5) return image;
  return sharp(image).rotate(-deg, { background: '#ffffff' }).png({ compressionLevel: 1 }).toBuffer();
}

/**
 * Re-reads one line. Returns the re-read line in the coordinates of the full image (boxes mapped
 * back approximately: parsers use them only for gaps and indentation), or null.
 */
async function rereadLine(engine: OcrEngine, img: Decoded, line: TextLine): Promise<TextLine | null> {
  const glyph = median(line.words.map((w) => Math.min(w.bbox.y1 - w.bbox.y0, w.bbox.x1 - w.bbox.x0 + 4)));
  if (glyph < 4) return null;
  const k = slope(line);
  const { x0, x1, y0, y1 } = line.bbox;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const len = x1 - x0;
  // A window around the line, tall enough to hold it after levelling.
  const half = Math.ceil(Math.abs(k) * len / 2 + glyph * 1.2);
  const left = Math.max(0, Math.floor(x0 - glyph));
  const right = Math.min(img.width, Math.ceil(x1 + glyph));
  const top = Math.max(0, Math.floor(cy - half));
  const bottom = Math.min(img.height, Math.ceil(cy + half));
  if (right - left < 8 || bottom - top < 8) return null;
  const scale = Math.max(1, Math.min(3, TARGET_GLYPH / glyph));
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).extract({ left, top, width: right - left, height: bottom - top });
  let w = right - left;
  let h = bottom - top;
  const deg = (Math.atan(k) * 180) / Math.PI;
  if (Math.abs(deg) > 0.6) {
    // Rotate about the window centre; the canvas grows, so re-centre on the line's centre.
    const { data, info } = await s.rotate(-deg, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const lcx = cx - left - w / 2;
    const lcy = cy - top - h / 2;
    const r = (-deg * Math.PI) / 180;
    const nx = info.width / 2 + lcx * Math.cos(r) - lcy * Math.sin(r);
    const ny = info.height / 2 + lcx * Math.sin(r) + lcy * Math.cos(r);
    const bandTop = Math.max(0, Math.floor(ny - glyph * 1.1));
    const bandBottom = Math.min(info.height, Math.ceil(ny + glyph * 1.1));
    const bandLeft = Math.max(0, Math.floor(nx - len / 2 - glyph));
    const bandRight = Math.min(info.width, Math.ceil(nx + len / 2 + glyph));
    s = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract({ left: bandLeft, top: bandTop, width: bandRight - bandLeft, height: bandBottom - bandTop });
    w = bandRight - bandLeft;
    h = bandBottom - bandTop;
  } else {
    const bandTop = Math.max(0, Math.floor(cy - top - glyph * 1.1));
    const bandBottom = Math.min(h, Math.ceil(cy - top + glyph * 1.1));
    s = sharp(await s.raw().toBuffer(), { raw: { width: w, height: h, channels: img.channels } }).extract({ left: 0, top: bandTop, width: w, height: bandBottom - bandTop });
    h = bandBottom - bandTop;
  }
  const png = await s.resize({ width: Math.round(w * scale), height: Math.round(h * scale), kernel: 'lanczos3' }).png({ compressionLevel: 1 }).toBuffer();
  const ocr = await engine.recognize(png, { lang: 'jpn', psm: 7 });
  const words = ocr.lines.flatMap((l) => l.words);
  if (!words.length) return null;
  // Back to full-image coordinates: x along the line, y on the original line's band.
  const mapped = {
    ...ocr,
    lines: [{
      text: ocr.lines.map((l) => l.text).join(' '),
      confidence: ocr.confidence,
      bbox: line.bbox,
      words: words.map((wd) => ({
        ...wd,
        bbox: { x0: Math.round(x0 - glyph + wd.bbox.x0 / scale), x1: Math.round(x0 - glyph + wd.bbox.x1 / scale), y0, y1 },
      })),
    }],
  };
  const re = docFromOcr(mapped).lines[0];
  return re ? { ...re, bbox: line.bbox } : null;
}

/**
 * Re-reads `lines` of `doc` from the image and returns a copy of `doc` in which every line whose
 * re-read tesseract is more confident in (and that lost no more than a third of its text) is
 * replaced; null when nothing changed.
 */
export async function rereadLines(engine: OcrEngine, img: Decoded, doc: DocText, lines: number[]): Promise<DocText | null> {
  if (!lines.length) return null;
  const reads = await Promise.all(lines.map((l) => rereadLine(engine, img, doc.lines[l]!).catch(() => null)));
  let changed = false;
  const out: DocText = { lines: [...doc.lines] };
  reads.forEach((re, i) => {
    const li = lines[i]!;
    const old = doc.lines[li]!;
    if (!re || re.text === old.text) return;
    if (mean(re.words) <= mean(old.words) || re.text.length < old.text.length * 0.67) return;
    out.lines[li] = re;
    changed = true;
  });
  return changed ? out : null;
}

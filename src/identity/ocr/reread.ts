// Confidence-driven re-reads. A full-page pass reads small or rare glyphs poorly (a 𠮷 read as 天,
// 壱 as 夫, a grey label lost); read again on its own, levelled and enlarged, the same text usually
// comes out right. So: the words that hold a field read with low confidence (the field's own words
// with a little margin, not its label and not the rest of the row) are cropped from the decoded
// image (one decode, shared), turned level using the slope of their line's word boxes, scaled to a
// comfortable glyph height and re-read as a single line (PSM 7). The re-read words replace those
// words only when tesseract is more confident in them; the label before them stays as read, so
// the parsers find the value where they found it. Nothing here knows a layout: words come from the
// first pass, and the decision is made on confidences.

import sharp from 'sharp';
import type { OcrEngine, OcrOptions, OcrResult, OcrWord } from './engine.js';
import type { DocumentFields, FieldName } from './fields.js';
import { type DocText, type Span, type TextLine, docFromOcr, isSliver } from './parse-text.js';
import { type Decoded, OCR_PNG, sharpOf, toPixels } from './pixels.js';

/** Fields whose lines are worth a second look, with the confidence below which they get one. */
const REREAD_BELOW: Partial<Record<FieldName, number>> = {
  name: 0.88,
  address: 0.9,
  dateOfBirth: 0.85,
  expiryDate: 0.85,
  issueDate: 0.85,
};
/** At most this many re-reads per document (they run in parallel on the pool's workers). */
const MAX_LINES = 4;
/** Glyph height (px) the crop is scaled to: tesseract's LSTM reads CJK best around here. */
const TARGET_GLYPH = 48;

const mean = (ws: OcrWord[]) => (ws.length ? ws.reduce((a, w) => a + w.confidence, 0) / ws.length : 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A stretch of one OCR line to read again: chars [start, end) of its text. */
export interface RereadTarget {
  line: number;
  start: number;
  end: number;
}

/**
 * The words of fields read below their threshold, lowest confidence first, one target per line
 * (fields sharing a line, such as a licence's name and birth date, are read together).
 */
export function rereadTargets(fields: DocumentFields, spansOf: (f: FieldName) => Span[]): RereadTarget[] {
  const want: Array<{ span: Span; conf: number }> = [];
  for (const [name, below] of Object.entries(REREAD_BELOW) as Array<[FieldName, number]>) {
    const f = fields[name];
    if (!f || f.confidence >= below) continue;
    for (const span of spansOf(name)) if (span.end > span.start) want.push({ span, conf: f.confidence });
  }
  const byLine = new Map<number, RereadTarget & { conf: number }>();
  for (const { span, conf } of want) {
    const t = byLine.get(span.line);
    if (!t) byLine.set(span.line, { line: span.line, start: span.start, end: span.end, conf });
    else Object.assign(t, { start: Math.min(t.start, span.start), end: Math.max(t.end, span.end), conf: Math.min(t.conf, conf) });
  }
  return [...byLine.values()].sort((a, b) => a.conf - b.conf).slice(0, MAX_LINES).map(({ line, start, end }) => ({ line, start, end }));
}

const solid = (w: OcrWord) => !isSliver(w);

/**
 * Slope (dy/dx) of the line from the bottoms of its word boxes, between words of similar height
 * only (a small label beside a large name sits differently in its box), and not slivers: the
 * card's edge read into the line (`|` at both ends of a row) is no glyph sitting on the baseline.
 */
function slope(line: TextLine): number {
  const ws = line.words.filter(solid).map((w) => ({ x: (w.bbox.x0 + w.bbox.x1) / 2, y: w.bbox.y1, h: w.bbox.y1 - w.bbox.y0 }));
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

/** Skews up to this many degrees are left as they are. */
export const LEVEL_DEG = 0.5;

/** The image turned level when it is skewed by more than half a degree (else `image` itself). */
export async function levelled(image: Decoded, ocr: OcrResult): Promise<Decoded> {
  const deg = skewDegrees(ocr);
  if (Math.abs(deg) <= LEVEL_DEG) return image;
  return toPixels(sharpOf(image).rotate(-deg, { background: '#ffffff' }));
}

/** Indices of the first and last word under chars [start, end) of a line, or null. */
export function wordRange(line: TextLine, start: number, end: number): [number, number] | null {
  const ids = line.wordOf.slice(Math.max(0, start), Math.max(start, end)).filter((w) => w >= 0);
  return ids.length ? [Math.min(...ids), Math.max(...ids)] : null;
}

/**
 * Re-reads words [wa, wb] of a line. Returns the line with those words replaced by the re-read
 * ones (boxes mapped back to the full image approximately: parsers use them only for gaps and
 * indentation) and the re-read words, or null.
 */
export async function rereadWindow(engine: OcrEngine, img: Decoded, line: TextLine, wa: number, wb: number, read: Pick<OcrOptions, 'lang' | 'whitelist'> & { glyph?: number } = { lang: 'jpn' }): Promise<{ line: TextLine; words: OcrWord[] } | null> {
  const inside = line.words.slice(wa, wb + 1);
  // Glyph height, leaving out sliver boxes (a stroke or card edge read as a letter) when others exist.
  const solids = inside.filter(solid);
  const glyph = median((solids.length ? solids : inside).map((w) => Math.min(w.bbox.y1 - w.bbox.y0, w.bbox.x1 - w.bbox.x0 + 4)));
  if (glyph < 4) return null;
  const k = slope(line);
  // The window: the words' own extent, plus a margin where a glyph the first pass dropped may
  // sit, but never over the neighbouring words (a label's remnants stay out of the re-read).
  const prev = line.words[wa - 1];
  const next = line.words[wb + 1];
  const x0 = Math.max(0, Math.floor(Math.max(inside[0]!.bbox.x0 - glyph * 0.8, prev ? prev.bbox.x1 + 1 : -Infinity)));
  const x1 = Math.min(img.width, Math.ceil(Math.min(inside.at(-1)!.bbox.x1 + glyph, next ? next.bbox.x0 - 1 : Infinity)));
  const len = x1 - x0;
  if (len < 8) return null;
  // The line's centre under the window (a slanted line is higher or lower there).
  const lb = line.bbox;
  const cx = (x0 + x1) / 2;
  const cy = (lb.y0 + lb.y1) / 2 + k * (cx - (lb.x0 + lb.x1) / 2);
  // A crop around the window, tall enough to hold it after levelling.
  const half = Math.ceil((Math.abs(k) * len) / 2 + glyph * 1.2);
  const top = Math.max(0, Math.floor(cy - half));
  const bottom = Math.min(img.height, Math.ceil(cy + half));
  if (bottom - top < 8) return null;
  const scale = Math.max(1, Math.min(3, (read.glyph ?? TARGET_GLYPH) / glyph));
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } }).extract({ left: x0, top, width: len, height: bottom - top });
  let w = len;
  let h = bottom - top;
  let bandLeft = 0;
  const deg = (Math.atan(k) * 180) / Math.PI;
  if (Math.abs(deg) > 0.6) {
    // Rotate about the crop centre; the canvas grows, so re-centre on the window's centre.
    const { data, info } = await s.rotate(-deg, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const lcx = cx - x0 - w / 2;
    const lcy = cy - top - h / 2;
    const r = (-deg * Math.PI) / 180;
    const nx = info.width / 2 + lcx * Math.cos(r) - lcy * Math.sin(r);
    const ny = info.height / 2 + lcx * Math.sin(r) + lcy * Math.cos(r);
    const bandTop = Math.max(0, Math.floor(ny - glyph * 1.1));
    const bandBottom = Math.min(info.height, Math.ceil(ny + glyph * 1.1));
    bandLeft = Math.max(0, Math.floor(nx - len / 2));
    const bandRight = Math.min(info.width, Math.ceil(nx + len / 2));
    s = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).extract({ left: bandLeft, top: bandTop, width: bandRight - bandLeft, height: bandBottom - bandTop });
    w = bandRight - bandLeft;
    h = bandBottom - bandTop;
    bandLeft -= (info.width - len) / 2; // back to the window's own x
  } else {
    const bandTop = Math.max(0, Math.floor(cy - top - glyph * 1.1));
    const bandBottom = Math.min(h, Math.ceil(cy - top + glyph * 1.1));
    s = sharp(await s.raw().toBuffer(), { raw: { width: w, height: h, channels: img.channels } }).extract({ left: 0, top: bandTop, width: w, height: bandBottom - bandTop });
    h = bandBottom - bandTop;
  }
  const png = await s.resize({ width: Math.round(w * scale), height: Math.round(h * scale), kernel: 'lanczos3' }).png(OCR_PNG).toBuffer();
  const ocr = await engine.recognize(png, { lang: read.lang, whitelist: read.whitelist, psm: 7 });
  const { y0, y1 } = lb;
  const words = ocr.lines.flatMap((l) => l.words).map((wd) => ({
    ...wd,
    bbox: { x0: Math.round(x0 + bandLeft + wd.bbox.x0 / scale), x1: Math.round(x0 + bandLeft + wd.bbox.x1 / scale), y0, y1 },
  }));
  if (!words.length) return null;
  const merged = [...line.words.slice(0, wa), ...words, ...line.words.slice(wb + 1)];
  const re = docFromOcr({ text: '', confidence: 0, ms: 0, lines: [{ text: '', confidence: 0, bbox: lb, words: merged }] }).lines[0];
  return re ? { line: { ...re, bbox: lb }, words } : null;
}

/**
 * Re-reads the targets' words and returns a copy of `doc` in which every line whose re-read words
 * tesseract is more confident in (and that lost no more than a third of their text) has them
 * replaced; null when nothing changed.
 */
export async function rereadLines(engine: OcrEngine, img: Decoded, doc: DocText, targets: RereadTarget[]): Promise<DocText | null> {
  if (!targets.length) return null;
  const reads = await Promise.all(targets.map(async (t) => {
    const line = doc.lines[t.line];
    const range = line && wordRange(line, t.start, t.end);
    if (!line || !range) return null;
    const re = await rereadWindow(engine, img, line, range[0], range[1]).catch(() => null);
    return re && { ...re, old: line.words.slice(range[0], range[1] + 1) };
  }));
  let changed = false;
  const out: DocText = { lines: [...doc.lines] };
  reads.forEach((re, i) => {
    const li = targets[i]!.line;
    const old = doc.lines[li]!;
    if (!re || re.line.text === old.text) return;
    const chars = (ws: OcrWord[]) => ws.reduce((a, w) => a + w.text.replace(/\s/g, '').length, 0);
    if (mean(re.words) <= mean(re.old) || chars(re.words) < chars(re.old) * 0.67) return;
    out.lines[li] = re.line;
    changed = true;
  });
  return changed ? out : null;
}

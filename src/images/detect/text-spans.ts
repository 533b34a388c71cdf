// From character spans of OCR text back to pixels. Japanese has no spaces between words, so a
// value is found as a character range inside a line (after the CJK spaces tesseract inserts are
// removed, parse-text.ts) and each character is traced to its word's box, narrowed to the
// character's share of the word (charBox): a name inside one long OCR "word" still gets a tight box.
import { charBox, union } from '../../identity/masking/digit-chains.js';
import type { BBox } from '../../identity/ocr/engine.js';
import type { DocText, Span } from '../../identity/ocr/parse-text.js';
import type { Proposal, Rect } from '../regions/kinds.js';

export function spanBox(doc: DocText, s: Span): BBox | null {
  let box: BBox | null = null;
  for (let i = s.start; i < s.end; i++) {
    const b = charBox(doc, s.line, i);
    if (b) box = box ? union(box, b) : b;
  }
  return box;
}

export function lineHeight(doc: DocText, line: number): number {
  const b = doc.lines[line]?.bbox;
  return b ? Math.max(1, b.y1 - b.y0) : 10;
}

/** OCR boxes are tight and character widths estimated: pad by a share of the line height. */
export function padded(b: BBox, pad: number): Rect {
  const p = Math.max(2, Math.round(pad));
  const x0 = Math.max(0, b.x0 - p);
  const y0 = Math.max(0, b.y0 - p);
  return { x: x0, y: y0, width: b.x1 + p - x0, height: b.y1 + p - y0 };
}

export function spanConfidence(doc: DocText, s: Span): number {
  const line = doc.lines[s.line];
  if (!line) return 0;
  const words = new Set<number>();
  for (let i = s.start; i < s.end; i++) if ((line.wordOf[i] ?? -1) >= 0) words.add(line.wordOf[i]!);
  if (!words.size) return 0;
  return [...words].reduce((a, w) => a + (line.words[w]?.confidence ?? 0), 0) / words.size / 100;
}

/** A proposal for a span, padded by 30% of its line height. */
export function spanProposal(doc: DocText, s: Span, p: Omit<Proposal, 'rect' | 'confidence' | 'text'>): Proposal | null {
  const box = spanBox(doc, s);
  if (!box) return null;
  const text = doc.lines[s.line]!.text.slice(s.start, s.end);
  return { ...p, rect: padded(box, 0.3 * lineHeight(doc, s.line)), confidence: Math.max(0.3, spanConfidence(doc, s)), text };
}

export function clampRect(r: Rect, width: number, height: number): Rect {
  const x = Math.min(Math.max(0, r.x), width - 1);
  const y = Math.min(Math.max(0, r.y), height - 1);
  return { x, y, width: Math.max(1, Math.min(width - x, r.width - (x - r.x))), height: Math.max(1, Math.min(height - y, r.height - (y - r.y))) };
}

export const rectOf = (b: BBox): Rect => ({ x: b.x0, y: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 });
export const bboxOf = (r: Rect): BBox => ({ x0: r.x, y0: r.y, x1: r.x + r.width, y1: r.y + r.height });

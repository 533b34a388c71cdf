// Shape-constrained re-read of a number whose characters are fixed by position (在留カード番号:
// 2 letters, 8 digits, 2 letters). The Japanese model reads Latin look-alikes poorly (Q as O, T as
// I, LM as L上M), often with high confidence, so such a number is always read again on its own
// with the Latin model restricted to letters and digits. That read is better on look-alikes but
// sometimes doubles a glyph at a letter/digit boundary (HQ0 → HQO0) or takes in a speck of the
// label beside it (3QU…); so its candidates are the subsequences of the right length (at most two
// characters dropped) that fit the shape after at most one look-alike repair. The first pass is
// kept when it is one of them, else the candidate nearest to it; a re-read that fits nothing
// changes nothing. Nothing here knows a layout: the words come from the first pass.

import type { OcrEngine } from './engine.js';
import type { DocText, Span } from './parse-text.js';
import type { Decoded } from './pixels.js';
import { rereadWindow, wordRange } from './reread.js';
import { DIGITS, LETTERS, type Shape, fitShape } from './char-shape.js';

/** All strings made by dropping `k` characters of `s`, dropping earlier characters first. */
function drops(s: string, k: number): string[] {
  if (k === 0) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(...drops(s.slice(0, i) + s.slice(i + 1), k - 1));
  return out;
}

const hamming = (a: string, b: string) => [...a].reduce((n, c, i) => n + (c === b[i] ? 0 : 1), 0);

/**
 * The value a re-read supports: its shape-fitting candidates, then the first pass if among them,
 * else the one nearest to the first pass (the first candidate when there is no first pass).
 */
export function chooseByShape(reread: string, first: string | null, shape: Shape): string | null {
  const s = reread.replace(/\s+/g, '').toUpperCase();
  const k = s.length - shape.length;
  if (k < 0 || k > 2) return null;
  const cands = [...new Set(drops(s, k).map((x) => fitShape(x, shape)).filter((f) => f && f.repairs <= 1).map((f) => f!.value))];
  if (!cands.length) return null;
  if (!first || first.length !== shape.length) return cands[0]!;
  if (cands.includes(first)) return first;
  return cands.reduce((best, c) => (hamming(c, first) < hamming(best, first) ? c : best));
}

/**
 * Re-reads the words under `span` (widened to words touching them: a look-alike read as a kanji
 * splits a number into several words) with the Latin model and the shape's characters only.
 * Returns the value chosen by chooseByShape and the re-read's mean confidence (0-1), or null.
 */
export async function rereadByShape(engine: OcrEngine, img: Decoded, doc: DocText, span: Span, first: string | null, shape: Shape): Promise<{ value: string; confidence: number } | null> {
  const line = doc.lines[span.line];
  const range = line && wordRange(line, span.start, span.end);
  if (!line || !range) return null;
  let [wa, wb] = range;
  const h = (i: number) => line.words[i]!.bbox.y1 - line.words[i]!.bbox.y0;
  const touching = (a: number, b: number) => line.words[b]!.bbox.x0 - line.words[a]!.bbox.x1 < 0.4 * Math.max(h(a), h(b));
  while (wa > 0 && touching(wa - 1, wa)) wa--;
  while (wb < line.words.length - 1 && touching(wb, wb + 1)) wb++;
  const re = await rereadWindow(engine, img, line, wa, wb, { lang: 'eng', whitelist: LETTERS + DIGITS }).catch(() => null);
  const value = re && chooseByShape(re.words.map((w) => w.text).join(''), first, shape);
  if (!re || !value) return null;
  return { value, confidence: re.words.reduce((a, w) => a + w.confidence, 0) / re.words.length / 100 };
}

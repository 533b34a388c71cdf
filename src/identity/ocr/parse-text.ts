// A line-and-character view of OCR output that every parser and the masker share. Values are found
// by their labels and shapes in the text, then traced back to the OCR words they came from, which
// gives each field its confidence and each masked value its pixel boxes.
//
// Tesseract (jpn) puts spaces between CJK characters (`氏 名 山 田`): a line keeps a space only
// between two ASCII letters/digits (`SMITH JOHN`, `1234 5678`), so labels match without spaces.

import type { BBox, OcrResult, OcrWord } from './engine.js';

export interface TextLine {
  /** NFKC text of the line, inner CJK spaces removed. */
  text: string;
  /** For each char of `text`, the index of the word it came from (-1 for a joining space). */
  wordOf: number[];
  words: OcrWord[];
  bbox: BBox;
}

export interface DocText {
  lines: TextLine[];
}

export interface Span {
  line: number;
  start: number;
  end: number;
}

const ASCII_ALNUM = /[A-Za-z0-9<]/;

function buildLine(words: OcrWord[], bbox: BBox): TextLine {
  let text = '';
  const wordOf: number[] = [];
  words.forEach((w, i) => {
    const t = w.text.normalize('NFKC').replace(/\s+/g, '');
    // Vertical strokes alone are the card's border or a table rule, never text.
    if (!t || /^[|¦│┃]+$/u.test(t)) return;
    const prev = text.at(-1);
    if (prev && ASCII_ALNUM.test(prev) && ASCII_ALNUM.test(t[0] ?? '')) {
      text += ' ';
      wordOf.push(-1);
    }
    for (const ch of t) {
      text += ch;
      for (let k = 0; k < ch.length; k++) wordOf.push(i);
    }
  });
  return { text, wordOf, words, bbox };
}

/** From a real OCR result (words with boxes and confidences). */
export function docFromOcr(ocr: OcrResult): DocText {
  const lines: TextLine[] = [];
  for (const l of ocr.lines) {
    const words = l.words.length
      ? l.words
      : l.text.split(/\s+/).filter(Boolean).map((text) => ({ text, confidence: l.confidence, bbox: l.bbox }));
    const line = buildLine(words, l.bbox);
    if (line.text) lines.push(line);
  }
  return { lines };
}

/** From plain text (unit tests, engines without boxes): words split on spaces, fake boxes. */
export function docFromText(text: string, confidence = 90): DocText {
  const lines: TextLine[] = [];
  text.split(/\r?\n/).forEach((raw, y) => {
    // Fake boxes: 20 px per char at the char's column, so indentation in a fixture means something.
    const words: OcrWord[] = [...raw.matchAll(/\S+/g)].map((m) => ({
      text: m[0],
      confidence,
      bbox: { x0: m.index * 20, y0: y * 40, x1: (m.index + m[0].length) * 20, y1: y * 40 + 30 },
    }));
    const x0 = words[0]?.bbox.x0 ?? 0;
    const line = buildLine(words, { x0, y0: y * 40, x1: raw.length * 20, y1: y * 40 + 30 });
    if (line.text) lines.push(line);
  });
  return { lines };
}

export function fullText(doc: DocText): string {
  return doc.lines.map((l) => l.text).join('\n');
}

export function spanText(doc: DocText, s: Span): string {
  return doc.lines[s.line]?.text.slice(s.start, s.end) ?? '';
}

export function spanWords(doc: DocText, s: Span): OcrWord[] {
  const line = doc.lines[s.line];
  if (!line) return [];
  const idx = new Set<number>();
  for (let i = s.start; i < s.end; i++) {
    const w = line.wordOf[i];
    if (w !== undefined && w >= 0) idx.add(w);
  }
  return [...idx].map((i) => line.words[i]).filter((w): w is OcrWord => !!w);
}

/** Mean OCR confidence (0-1) of the words under the spans. */
export function spansConfidence(doc: DocText, spans: Span[]): number {
  const words = spans.flatMap((s) => spanWords(doc, s));
  if (!words.length) return 0;
  return words.reduce((a, w) => a + w.confidence, 0) / words.length / 100;
}

/**
 * A word box more than four times taller than wide: a sliver, not a glyph. A card's edge, a rule, a
 * stroke or dirt read as `|`, `I` or `1`.
 */
export function isSliver(w: OcrWord): boolean {
  return (w.bbox.x1 - w.bbox.x0) * 4 < w.bbox.y1 - w.bbox.y0;
}

export function unionBox(boxes: BBox[]): BBox | null {
  if (!boxes.length) return null;
  return boxes.reduce((a, b) => ({
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
  }));
}

/** Trim spaces and separators (`:` `：` `・`) off both ends of a span. */
export function trimSpan(doc: DocText, s: Span): Span {
  const t = doc.lines[s.line]?.text ?? '';
  let { start, end } = s;
  while (start < end && /[\s:;|,.・\-_'"`()[\]（）「」“”‘’]/.test(t[start] ?? '')) start++;
  while (end > start && /[\s:;|,・_'"`([\]（「“”‘’]/.test(t[end - 1] ?? '')) end--;
  return { line: s.line, start, end };
}

/** All matches of a pattern (global flag added) on every line. */
export function findAll(doc: DocText, re: RegExp, fromLine = 0): Array<Span & { m: RegExpExecArray }> {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: Array<Span & { m: RegExpExecArray }> = [];
  for (let line = fromLine; line < doc.lines.length; line++) {
    const text = doc.lines[line]?.text ?? '';
    g.lastIndex = 0;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      out.push({ line, start: m.index, end: m.index + m[0].length, m });
      if (m[0].length === 0) g.lastIndex++;
    }
  }
  return out;
}

/**
 * The value printed after a label: from the label's end to the first stop match on that line
 * (the next label, e.g. 生年月日 after the name), or, if nothing is left there, the next line up
 * to its first stop (cards that print the value under the label).
 */
export function valueAfter(doc: DocText, label: Span, stop: RegExp, allowNextLine = true): Span | null {
  const cut = (line: number, from: number): Span | null => {
    const text = doc.lines[line]?.text ?? '';
    const g = new RegExp(stop.source, stop.flags.includes('g') ? stop.flags : `${stop.flags}g`);
    g.lastIndex = from;
    let end = text.length;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      if (m.index >= from && m[0].length > 0) {
        end = m.index;
        break;
      }
      g.lastIndex = m.index + 1;
    }
    const s = trimSpan(doc, { line, start: from, end });
    return s.end > s.start ? s : null;
  };
  const same = cut(label.line, label.end);
  if (same || !allowNextLine || label.line + 1 >= doc.lines.length) return same;
  return cut(label.line + 1, 0);
}

/**
 * Box of one char: its word's box, narrowed to the char's share of the word's width (a CJK char
 * counts as wide as two Latin letters or digits, as printed).
 */
export function charBox(doc: DocText, line: number, at: number): BBox | null {
  const l = doc.lines[line];
  const wi = l?.wordOf[at];
  if (!l || wi === undefined || wi < 0) return null;
  const w = l.words[wi]!;
  let first = at;
  while (first > 0 && l.wordOf[first - 1] === wi) first--;
  let last = at;
  while (last + 1 < l.wordOf.length && l.wordOf[last + 1] === wi) last++;
  if (first === last) return w.bbox;
  const width = (i: number) => (/[\x20-\x7e]/.test(l.text[i] ?? '') ? 0.55 : 1);
  let total = 0;
  let before = 0;
  for (let i = first; i <= last; i++) {
    if (i < at) before += width(i);
    total += width(i);
  }
  const unit = (w.bbox.x1 - w.bbox.x0) / total;
  return { x0: Math.floor(w.bbox.x0 + unit * before), y0: w.bbox.y0, x1: Math.ceil(w.bbox.x0 + unit * (before + width(at))), y1: w.bbox.y1 };
}

/** Levenshtein distance, for short words (a misread name against a list). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Japanese line wrapping. pdfkit's own wrapper (UAX #14 via `linebreak`) gives no kinsoku
 * (禁則処理) and, for the unbreakable runs common in ledgers (IMEI numbers, serials, URLs),
 * lets a line run past its cell. We wrap ourselves and draw each line with `lineBreak: false`,
 * so we also know each cell's height before drawing and can paginate exactly.
 */

export interface TextStyle {
  font: string;
  size: number;
}

// Characters that must not start a line (行頭禁則): closing brackets, punctuation, small kana,
// the prolonged sound mark and iteration marks.
const NO_LINE_START = new Set(
  Array.from('、。，．,.:;!?！？）)]｝}〕〉》」』】〙〗〟’”ゝゞ々ー‐–〜～…・：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ'),
);
// Characters that must not end a line (行末禁則): opening brackets and quotes.
const NO_LINE_END = new Set(Array.from('（([｛{〔〈《「『【〘〖〝‘“'));

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });
// Only text with combining marks, variation selectors (e.g. IVS on name kanji), joiners or emoji
// needs real grapheme segmentation; everything else is split by code point, which measured
// several times faster on a 1,000-row ledger.
const NEEDS_SEGMENTER = /\p{M}|\u200C|\u200D|\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function clusters(text: string): string[] {
  return NEEDS_SEGMENTER.test(text) ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

// A Latin "word" (letters, digits and joiners such as '-' in an IMEI) is kept on one line when
// it fits; anything else (kana, kanji, punctuation) may break between any two clusters.
const WORD_PUNCTUATION = new Set(Array.from("_-./@#+%&'’"));
function isWordCluster(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  if (cp < 0x80) return /[0-9A-Za-z]/.test(c) || WORD_PUNCTUATION.has(c);
  return (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || c === '’';
}

type Measure = (text: string) => number;

// Width cache per document, font and size: widthOfString re-runs fontkit layout on every call,
// and a 1,000-row ledger measures the same few hundred clusters tens of thousands of times.
const widthCache = new WeakMap<PDFKit.PDFDocument, Map<string, Map<string, number>>>();

export function measurer(doc: PDFKit.PDFDocument, style: TextStyle): Measure {
  let perDoc = widthCache.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    widthCache.set(doc, perDoc);
  }
  const key = `${style.font}@${style.size}`;
  let cache = perDoc.get(key);
  if (!cache) {
    cache = new Map();
    perDoc.set(key, cache);
  }
  const widths = cache;
  return (text) => {
    let w = widths.get(text);
    if (w === undefined) {
      doc.font(style.font).fontSize(style.size);
      w = doc.widthOfString(text);
      widths.set(text, w);
    }
    return w;
  };
}

/** Splits one paragraph into units that wrapping keeps whole: words, spaces, single clusters. */
function units(paragraph: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const c of clusters(paragraph)) {
    if (isWordCluster(c)) {
      word += c;
      continue;
    }
    if (word) out.push(word);
    word = '';
    out.push(c);
  }
  if (word) out.push(word);
  return out;
}

const isSpace = (u: string) => /^\s+$/u.test(u);

/**
 * Wraps `text` to lines no wider than `maxWidth` (points) in the given style. Explicit "\n"
 * starts a new line. A word wider than the line is split between clusters. Only a single
 * grapheme cluster wider than `maxWidth` can exceed it (a column narrower than one character).
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, maxWidth: number, style: TextStyle): string[] {
  const measure = measurer(doc, style);
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    // Units are measured one by one; kerning across a unit boundary could make the joined line
    // slightly wider. Check each finished line and, rarely, re-wrap with the overshoot removed.
    let limit = maxWidth;
    for (let attempt = 0; ; attempt++) {
      const out: string[] = [];
      wrapParagraph(paragraph, limit, measure, out);
      const over = Math.max(...out.map(measure)) - maxWidth;
      if (over <= 0.001 || attempt === 2) {
        lines.push(...out);
        break;
      }
      limit -= over;
    }
  }
  return lines;
}

function wrapParagraph(paragraph: string, maxWidth: number, measure: Measure, lines: string[]): void {
  const first = lines.length;
  let line: string[] = [];
  let width = 0;
  const flush = () => {
    while (line.length && isSpace(line[line.length - 1] as string)) line.pop();
    lines.push(line.join(''));
    line = [];
    width = 0;
  };
  const queue = units(paragraph);
  for (let i = 0; i < queue.length; i++) {
    const unit = queue[i] as string;
    const w = measure(unit);
    if (width + w <= maxWidth || line.length === 0) {
      const parts = w > maxWidth && isWordCluster(unit) ? clusters(unit) : [];
      if (parts.length > 1) {
        // An over-long word (e.g. a serial number): break it into clusters and retry.
        queue.splice(i, 1, ...parts);
        i--;
        continue;
      }
      if (!(line.length === 0 && isSpace(unit))) {
        line.push(unit);
        width += w;
      }
      continue;
    }
    if (isSpace(unit)) {
      flush();
      continue;
    }
    // Kinsoku by pushing out (追い出し): carry the last unit(s) to the next line rather than
    // hang punctuation into the margin, which would overflow the cell.
    const carried: string[] = [];
    if (NO_LINE_START.has(unit) && line.length > 1) carried.unshift(line.pop() as string);
    while (line.length > 1 && NO_LINE_END.has(line[line.length - 1] as string)) {
      carried.unshift(line.pop() as string);
    }
    flush();
    for (const c of carried) {
      line.push(c);
      width += measure(c);
    }
    i--; // place `unit` again on the new line
  }
  if (line.length || lines.length === first) flush(); // an empty paragraph is a blank line
}

export interface DrawLinesOptions extends TextStyle {
  width: number;
  lineHeight: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

// pdfkit puts the baseline `ascender` below y (1.16 em in Noto Sans JP), while the ideographic
// em box starts 0.88 em above the baseline: shift up by the 0.28 em difference to centre it.
const EM_BOX_OFFSET = 1.16 - 0.88;

/** Draws pre-wrapped lines, each centred vertically in a `lineHeight` band starting at y. */
export function drawLines(doc: PDFKit.PDFDocument, lines: string[], x: number, y: number, o: DrawLinesOptions): void {
  const measure = measurer(doc, o);
  doc.font(o.font).fontSize(o.size).fillColor(o.color ?? 'black');
  const top = y + (o.lineHeight - o.size) / 2 - EM_BOX_OFFSET * o.size;
  lines.forEach((line, i) => {
    if (!line) return;
    const free = o.align === 'right' || o.align === 'center' ? Math.max(0, o.width - measure(line)) : 0;
    doc.text(line, x + (o.align === 'center' ? free / 2 : free), top + i * o.lineHeight, { lineBreak: false });
  });
}

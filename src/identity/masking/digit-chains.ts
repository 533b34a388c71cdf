// Digit chains in OCR output: runs of digits that continue across word and line breaks with only
// spaces or hyphens between them. Tesseract splits a My Number printed `1234 5678 9012` into words
// (and with the jpn model often one word per digit) and may wrap it onto two lines, so a number
// has to be reassembled before its check digit can be tested, then traced back to its pixels.

import type { BBox } from '../ocr/engine.js';
import { type DocText, charBox } from '../ocr/parse-text.js';

export { charBox };

export interface DigitPiece {
  line: number;
  /** Char range of the digits in the line's text. */
  start: number;
  end: number;
  digits: string;
}

export interface DigitChain {
  digits: string;
  pieces: DigitPiece[];
  /** For each digit of `digits`, the index of the piece it belongs to. */
  pieceOf: number[];
}

// Letters tesseract reads for digits inside a number (O for 0, l/I/| for 1), only between digits.
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1', S: '5', B: '8', Z: '2' };

export function digitChains(doc: DocText): DigitChain[] {
  const chains: DigitChain[] = [];
  let cur: DigitChain | null = null;
  doc.lines.forEach((line, li) => {
    const t = line.text;
    let i = 0;
    while (i < t.length) {
      const isDigit = (k: number) => /\d/.test(t[k] ?? '') || (LOOKALIKE[t[k] ?? ''] !== undefined && /\d/.test(t[k - 1] ?? '') && /\d/.test(t[k + 1] ?? ''));
      if (!isDigit(i)) {
        // Spaces and hyphens keep a chain going; anything else ends it.
        if (!/[\s\-‐−ー]/.test(t[i] ?? '')) cur = null;
        i++;
        continue;
      }
      let j = i;
      let digits = '';
      while (j < t.length && isDigit(j)) {
        digits += LOOKALIKE[t[j]!] ?? t[j];
        j++;
      }
      if (!cur) {
        cur = { digits: '', pieces: [], pieceOf: [] };
        chains.push(cur);
      }
      cur.pieces.push({ line: li, start: i, end: j, digits });
      for (const _ of digits) cur.pieceOf.push(cur.pieces.length - 1);
      cur.digits += digits;
      i = j;
    }
    // A chain continues onto the next line only if this line ended on a digit (wrapped number).
    if (!/\d\s*$/.test(t)) cur = null;
  });
  return chains;
}

/** Boxes (one per line) of the chars [from, to) of a chain's digits. Partial words are cut pro rata. */
export function chainBoxes(doc: DocText, chain: DigitChain, from: number, to: number): Array<{ line: number; bbox: BBox }> {
  const byLine = new Map<number, BBox>();
  for (let d = from; d < to; d++) {
    const piece = chain.pieces[chain.pieceOf[d]!]!;
    const offset = d - chain.pieceOf.indexOf(chain.pieceOf[d]!);
    const box = charBox(doc, piece.line, piece.start + offset);
    if (!box) continue;
    const prev = byLine.get(piece.line);
    byLine.set(piece.line, prev ? union(prev, box) : box);
  }
  return [...byLine.entries()].map(([line, bbox]) => ({ line, bbox }));
}

export function union(a: BBox, b: BBox): BBox {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

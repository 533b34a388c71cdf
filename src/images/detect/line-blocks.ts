// Blocks of OCR lines that sit together (a document lying in the photo, a phone screen): lines
// whose boxes are within 1.5 line heights vertically and overlap or nearly touch horizontally.
import type { BBox } from '../../identity/ocr/engine.js';
import type { DocText } from '../../identity/ocr/parse-text.js';

export interface LineBlock {
  lines: number[];
  bbox: BBox;
}

export function lineBlocks(doc: DocText): LineBlock[] {
  const n = doc.lines.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (let i = 0; i < n; i++) {
    const a = doc.lines[i]!.bbox;
    for (let j = i + 1; j < n; j++) {
      const b = doc.lines[j]!.bbox;
      const h = Math.max(a.y1 - a.y0, b.y1 - b.y0);
      const gapY = Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1);
      const gapX = Math.max(a.x0, b.x0) - Math.min(a.x1, b.x1);
      if (gapY <= 1.5 * h && gapX <= 2 * h) parent[find(j)] = find(i);
    }
  }
  const blocks = new Map<number, number[]>();
  for (let i = 0; i < n; i++) blocks.set(find(i), [...(blocks.get(find(i)) ?? []), i]);
  return [...blocks.values()].map((lines) => ({
    lines,
    bbox: lines.map((l) => doc.lines[l]!.bbox).reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) })),
  }));
}

export function medianLineHeight(doc: DocText, lines: number[]): number {
  const hs = lines.map((l) => doc.lines[l]!.bbox.y1 - doc.lines[l]!.bbox.y0).sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)] ?? 10;
}

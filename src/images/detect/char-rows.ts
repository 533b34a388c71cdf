// Rows of character-like blobs: the first step of finding a licence plate by image analysis. A
// plate's serial (一連指定番号, DOMAIN §6.1) is 2-4 large glyphs of one height on one baseline, in
// one ink colour on a plain background. Blobs come from the Sauvola ink masks (raster.ts); a row is
// a chain of blobs of similar height, aligned vertically, with gaps under ~1.6 glyph heights.
import type { Box, Component } from './raster.js';

export interface CharRow extends Box {
  chars: Component[];
  /** Median glyph height (working pixels). */
  h: number;
}

const height = (c: Box) => c.y1 - c.y0;
const width = (c: Box) => c.x1 - c.x0;

/** Digit- and kana-shaped blobs: taller than wide (a "1" up to 12:1), neither hairline nor solid block. */
export function isCharLike(c: Component, imgW: number, imgH: number): boolean {
  const h = height(c);
  const w = width(c);
  if (h < 8 || h > imgH * 0.9 || w < 2 || w > imgW * 0.4) return false;
  const ratio = h / w;
  if (ratio < 1.2 || ratio > 12) return false;
  const fill = c.area / (h * w);
  return fill >= 0.12 && fill <= (ratio > 3 ? 1 : 0.85);
}

export function groupRows(chars: Component[]): CharRow[] {
  const sorted = [...chars].sort((a, b) => a.x0 - b.x0);
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    const ha = height(a);
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      const hb = height(b);
      const hm = Math.max(ha, hb);
      if (b.x0 - a.x1 > 1.6 * hm) break;
      if (hm / Math.min(ha, hb) > 1.35) continue;
      if (Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) > 0.25 * hm) continue;
      // Side by side, not nested or stacked (a kana's parts, the holes of an 8).
      if (b.x0 < a.x1 - 0.3 * Math.min(width(a), width(b))) continue;
      parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Component[]>();
  sorted.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  const rows: CharRow[] = [];
  for (const cs of groups.values()) {
    if (cs.length < 2) continue;
    const hs = cs.map(height).sort((a, b) => a - b);
    rows.push({
      chars: cs,
      h: hs[Math.floor(hs.length / 2)]!,
      x0: Math.min(...cs.map((c) => c.x0)),
      y0: Math.min(...cs.map((c) => c.y0)),
      x1: Math.max(...cs.map((c) => c.x1)),
      y1: Math.max(...cs.map((c) => c.y1)),
    });
  }
  return rows;
}

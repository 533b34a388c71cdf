// Growing a plate's panel from its serial row (plate-shape.ts): the background colour between the
// glyphs, region growing over the plain area around them within the plate geometry's limits, and
// taking in glyphs the panel edge cuts. Constants are in glyph heights or RGB distances.
import type { CharRow } from './char-rows.js';
import { type Box, type Component, type Raster, boxArea, intersection } from './raster.js';

/** Region growing: distance to the background colour, and to the neighbour reached from. */
const GLOBAL_TOL = 60;
const STEP_TOL = 20;
/** Margin added round the grown face, in glyph heights. */
const RIM = 0.15;

export const union = (a: Box, b: Box): Box => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
export const contains = (a: Box, b: Box) => b.x0 >= a.x0 && b.y0 >= a.y0 && b.x1 <= a.x1 && b.y1 <= a.y1;

/** Median colour of the non-ink pixels between the glyphs of the row. */
export function backgroundOf(r: Raster, ink: Uint8Array, row: CharRow): [number, number, number] | null {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let n = 0;
  for (let y = row.y0; y < row.y1; y++) {
    for (let x = row.x0; x < row.x1; x++) {
      const p = y * r.width + x;
      if (ink[p]) continue;
      for (let c = 0; c < 3; c++) hist[c]![r.rgb[p * 3 + c]!]!++;
      n++;
    }
  }
  if (n < 10) return null;
  const med = (h: Uint32Array) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += h[v]!;
      if (acc >= n / 2) return v;
    }
    return 255;
  };
  return [med(hist[0]!), med(hist[1]!), med(hist[2]!)];
}

export function dist(r: Raster, p: number, c: readonly number[]): number {
  const d0 = r.rgb[p * 3]! - c[0]!;
  const d1 = r.rgb[p * 3 + 1]! - c[1]!;
  const d2 = r.rgb[p * 3 + 2]! - c[2]!;
  return Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
}

/**
 * Glyphs the panel's edge cuts (mostly inside: the upper line of a two-line plate where glare
 * stopped the growth) or touches on the serial's own line (a circled 外 on a diplomatic plate)
 * belong to the panel: the box takes them in whole. Texture outside the panel does neither.
 */
export function absorbGlyphs(start: Box, row: CharRow, blobs: Component[], r: Raster): Box {
  const { h } = row;
  const cy = (row.y0 + row.y1) / 2;
  let box = start;
  for (let pass = 0; pass < 2; pass++) {
    const take = blobs.filter((g) => {
      const gh = g.y1 - g.y0;
      if (gh > 1.3 * h || g.x1 - g.x0 > 2 * h || g.area < 0.02 * h * h || contains(box, g)) return false;
      const inside = intersection(g, box) / boxArea(g);
      const gap = Math.max(box.x0 - g.x1, g.x0 - box.x1);
      const sameLine = gh >= 0.6 * h && Math.abs((g.y0 + g.y1) / 2 - cy) <= 0.3 * h && gap <= 0.5 * h;
      return inside >= 0.4 || sameLine;
    });
    if (!take.length) break;
    box = take.reduce<Box>((a, g) => union(a, g), box);
  }
  if (box === start) return box;
  const m = Math.round(RIM * h);
  return { x0: Math.max(0, Math.min(start.x0, box.x0 - m)), y0: Math.max(0, Math.min(start.y0, box.y0 - m)), x1: Math.min(r.width, Math.max(start.x1, box.x1 + m)), y1: Math.min(r.height, Math.max(start.y1, box.y1 + m)) };
}

/**
 * Region growing from the background pixels of the row inside `lim`: a pixel joins if it is close
 * to the background colour and to the neighbour it is reached from; ink is not entered (growth goes
 * round the glyphs). Sides that reach `lim` inside the image are leaks and are replaced by the
 * plate geometry.
 */
export function grow(r: Raster, ink: Uint8Array, row: CharRow, bg: readonly number[], lim: Box): { box: Box; clean: number } | null {
  const W = r.width;
  const seen = new Uint8Array((lim.x1 - lim.x0) * (lim.y1 - lim.y0));
  const lw = lim.x1 - lim.x0;
  const idx = (x: number, y: number) => (y - lim.y0) * lw + (x - lim.x0);
  const stack: number[] = [];
  for (let y = row.y0; y < row.y1; y++) {
    for (let x = row.x0; x < row.x1; x++) {
      const p = y * W + x;
      if (!ink[p] && dist(r, p, bg) < 40) {
        seen[idx(x, y)] = 1;
        stack.push(p);
      }
    }
  }
  if (!stack.length) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  let bgCount = 0;
  while (stack.length) {
    const p = stack.pop()!;
    const x = p % W;
    const y = (p - x) / W;
    xs.push(x);
    ys.push(y);
    bgCount++;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx < lim.x0 || xx >= lim.x1 || yy < lim.y0 || yy >= lim.y1 || seen[idx(xx, yy)]) continue;
      const q = yy * W + xx;
      if (ink[q] || dist(r, q, bg) >= GLOBAL_TOL || dist(r, q, [r.rgb[p * 3]!, r.rgb[p * 3 + 1]!, r.rgb[p * 3 + 2]!]) >= STEP_TOL) continue;
      seen[idx(xx, yy)] = 1;
      stack.push(q);
    }
  }
  // Robust extent: trim 1% of the grown pixels per side so a thin leak does not stretch the box.
  const q = (a: number[], f: number) => a.sort((u, v) => u - v)[Math.min(a.length - 1, Math.floor(a.length * f))]!;
  let box: Box = { x0: q(xs, 0.01), x1: q(xs, 0.99) + 1, y0: q(ys, 0.01), y1: q(ys, 0.99) + 1 };
  box = { x0: Math.min(box.x0, row.x0), y0: Math.min(box.y0, row.y0), x1: Math.max(box.x1, row.x1), y1: Math.max(box.y1, row.y1) };
  const h = row.h;
  const margin = 2;
  if (box.y0 <= lim.y0 + margin && lim.y0 > 0) box.y0 = Math.max(lim.y0, Math.round(row.y0 - 1.3 * h));
  if (box.y1 >= lim.y1 - margin && lim.y1 < r.height) box.y1 = Math.min(lim.y1, Math.round(row.y1 + 0.5 * h));
  const width = Math.max(row.x1 - row.x0, Math.round(4.6 * h));
  if (box.x0 <= lim.x0 + margin && lim.x0 > 0) box.x0 = Math.max(lim.x0, Math.min(row.x0 - Math.round(0.3 * h), box.x1 - width));
  if (box.x1 >= lim.x1 - margin && lim.x1 < r.width) box.x1 = Math.min(lim.x1, Math.max(row.x1 + Math.round(0.3 * h), box.x0 + width));
  const clean = Math.min(1, xs.length / Math.max(1, boxArea(box)) / 0.7);
  // The grown area is the plate's flat face; its rim and bolts lie just outside.
  const m = Math.round(RIM * h);
  box = { x0: Math.max(0, box.x0 - m), y0: Math.max(0, box.y0 - m), x1: Math.min(r.width, box.x1 + m), y1: Math.min(r.height, box.y1 + m) };
  return bgCount > 0 ? { box, clean } : null;
}

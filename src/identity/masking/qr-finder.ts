// QR codes by their finder patterns (ISO/IEC 18004): three 7×7-module squares whose scan lines
// read dark:light:dark:light:dark in the ratio 1:1:3:1:1, at three corners of the symbol. Found on
// rows, confirmed on the column through the centre, clustered, then grouped in threes that form a
// right isosceles triangle; the symbol is the square they span plus the finder half-width.

import type { BBox } from '../ocr/engine.js';

interface Finder { x: number; y: number; m: number; hits: number }

/** Runs of a 1-D signal of 0/1, as [value, start, length]. */
function runs(get: (i: number) => number, n: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || get(i) !== get(start)) {
      out.push([get(start), start, i - start]);
      start = i;
    }
  }
  return out;
}

/** Checks 5 consecutive runs (dark first) for 1:1:3:1:1; returns the module size or 0. */
function ratio(r: Array<[number, number, number]>, k: number): number {
  if (k + 5 > r.length || r[k]![0] !== 1) return 0;
  const c = [0, 1, 2, 3, 4].map((i) => r[k + i]![2]);
  const m = c.reduce((a, b) => a + b, 0) / 7;
  if (m < 1) return 0;
  const w = [1, 1, 3, 1, 1];
  return c.every((v, i) => Math.abs(v - w[i]! * m) < (w[i]! * m) / 2 + 0.5) ? m : 0;
}

export function findQrByFinders(bin: Uint8Array, w: number, h: number): BBox[] {
  const cands: Finder[] = [];
  for (let y = 0; y < h; y++) {
    const row = runs((x) => bin[y * w + x]!, w);
    for (let k = 0; k + 5 <= row.length; k++) {
      const m = ratio(row, k);
      if (!m) continue;
      const cx = Math.round(row[k + 2]![1] + row[k + 2]![2] / 2);
      // Confirm on the column through the centre.
      const col = runs((yy) => bin[yy * w + cx]!, h);
      const at = col.findIndex(([, s, len]) => y >= s && y < s + len);
      const mv = at >= 2 ? ratio(col, at - 2) : 0;
      if (!mv || Math.abs(mv - m) > m * 0.5) continue;
      const cy = col[at]![1] + col[at]![2] / 2;
      const near = cands.find((f) => Math.hypot(f.x - cx, f.y - cy) < f.m * 2);
      if (near) {
        near.x = (near.x * near.hits + cx) / (near.hits + 1);
        near.y = (near.y * near.hits + cy) / (near.hits + 1);
        near.hits++;
      } else cands.push({ x: cx, y: cy, m: (m + mv) / 2, hits: 1 });
    }
  }
  const finders = cands.filter((f) => f.hits >= 2);
  const boxes: BBox[] = [];
  for (let a = 0; a < finders.length; a++) for (let b = a + 1; b < finders.length; b++) for (let c = b + 1; c < finders.length; c++) {
    const t = [finders[a]!, finders[b]!, finders[c]!];
    const ms = t.map((f) => f.m);
    if (Math.max(...ms) > Math.min(...ms) * 1.5) continue;
    // The right-angle corner is opposite the longest side.
    const d = (p: Finder, q: Finder) => Math.hypot(p.x - q.x, p.y - q.y);
    const sides = [[0, 1, 2], [1, 0, 2], [2, 0, 1]].map(([o, p, q]) => ({ o: t[o!]!, p: t[p!]!, q: t[q!]!, hyp: d(t[p!]!, t[q!]!) }));
    const s = sides.sort((x, y) => y.hyp - x.hyp)[0]!;
    const l1 = d(s.o, s.p);
    const l2 = d(s.o, s.q);
    const m = ms.reduce((x, y) => x + y, 0) / 3;
    if (Math.abs(l1 - l2) > 0.2 * Math.max(l1, l2) || Math.abs(s.hyp - Math.SQRT2 * (l1 + l2) / 2) > 0.15 * s.hyp || Math.min(l1, l2) < 12 * m) continue;
    const fourth = { x: s.p.x + s.q.x - s.o.x, y: s.p.y + s.q.y - s.o.y };
    const xs = [s.o.x, s.p.x, s.q.x, fourth.x];
    const ys = [s.o.y, s.p.y, s.q.y, fourth.y];
    const pad = m * 4.5; // half a finder plus one module of quiet zone
    boxes.push({ x0: Math.min(...xs) - pad, y0: Math.min(...ys) - pad, x1: Math.max(...xs) + pad, y1: Math.max(...ys) + pad });
  }
  return boxes;
}

// How alike two characters look, from their outlines in Noto Sans JP (the font the PDFs embed).
// OCR confuses characters that look alike: where a word read is one character off two listed
// names (`壇田` in 宇都宮市: 塙田 or 鶴田), the one whose character looks like what was read is the
// likelier (塙 shares 壇's 土; 鶴 shares nothing). fontkit (pdfkit's own font parser) gives the
// outline; it is filled here on a small grid, so no font needs to be installed for the renderer.

import * as fontkit from 'fontkit';
import { FONT_REGULAR, japaneseFontBytes } from '../../shared/pdf/fonts.js';

/** Grid side; each cell is sampled 4×4, then the grid is blurred so a stroke a cell off still overlaps. */
const N = 32;
const SUB = 4;
/** Characters met in a running service are a few thousand kanji at most; keep that many. */
const CACHE_MAX = 4096;

let font: fontkit.Font | null = null;
const cache = new Map<string, Float32Array | null>();

function loadFont(): fontkit.Font {
  if (font) return font;
  const f = fontkit.create(japaneseFontBytes(FONT_REGULAR)); // the bytes the PDFs already hold
  if (!('glyphForCodePoint' in f)) throw new Error('Noto Sans JP did not load as a single font');
  font = f;
  return font;
}

type Point = [number, number];

/** The glyph's outline as closed polygons on the SUB-sampled grid (curves flattened). */
function outline(ch: string): Point[][] | null {
  const f = loadFont();
  const cp = ch.codePointAt(0);
  if (cp === undefined || !f.hasGlyphForCodePoint(cp)) return null;
  const S = N * SUB;
  const tx = (x: number) => (x / f.unitsPerEm) * S;
  const ty = (y: number) => ((f.ascent - y) / (f.ascent - f.descent)) * S;
  const polys: Point[][] = [];
  let cur: Point[] = [];
  let [x, y] = [0, 0];
  const to = (nx: number, ny: number) => {
    cur.push([tx(nx), ty(ny)]);
    [x, y] = [nx, ny];
  };
  for (const { command, args: a } of f.glyphForCodePoint(cp).path.commands) {
    if (command === 'moveTo') {
      if (cur.length) polys.push(cur);
      cur = [];
      to(a[0]!, a[1]!);
    } else if (command === 'lineTo') {
      to(a[0]!, a[1]!);
    } else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= 6; i++) {
        const t = i / 6;
        const u = 1 - t;
        to(u * u * x0 + 2 * u * t * a[0]! + t * t * a[2]!, u * u * y0 + 2 * u * t * a[1]! + t * t * a[3]!);
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        to(u ** 3 * x0 + 3 * u * u * t * a[0]! + 3 * u * t * t * a[2]! + t ** 3 * a[4]!, u ** 3 * y0 + 3 * u * u * t * a[1]! + 3 * u * t * t * a[3]! + t ** 3 * a[5]!);
      }
    } else if (command === 'closePath') {
      if (cur.length) polys.push(cur);
      cur = [];
    }
  }
  if (cur.length) polys.push(cur);
  return polys;
}

/** Ink coverage per cell (non-zero winding, scanline fill), blurred 3×3; null if the font lacks it. */
function raster(ch: string): Float32Array | null {
  if (cache.has(ch)) return cache.get(ch)!;
  const polys = outline(ch);
  let out: Float32Array | null = null;
  if (polys) {
    const S = N * SUB;
    const ink = new Float32Array(N * N);
    for (let sy = 0; sy < S; sy++) {
      const yc = sy + 0.5;
      const xs: Array<[number, number]> = [];
      for (const p of polys) {
        for (let i = 0; i < p.length; i++) {
          const [x0, y0] = p[i]!;
          const [x1, y1] = p[(i + 1) % p.length]!;
          if (y0 <= yc !== y1 <= yc) xs.push([x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0), y1 > y0 ? 1 : -1]);
        }
      }
      xs.sort((a, b) => a[0] - b[0]);
      let winding = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        winding += xs[i]![1];
        if (winding === 0) continue;
        for (let sx = Math.max(0, Math.ceil(xs[i]![0] - 0.5)); sx < Math.min(S, xs[i + 1]![0] - 0.5); sx++) {
          ink[Math.floor(sy / SUB) * N + Math.floor(sx / SUB)]! += 1 / (SUB * SUB);
        }
      }
    }
    out = new Float32Array(N * N);
    for (let y = 0; y < N; y++) {
      for (let x = 0; x < N; x++) {
        let [sum, n] = [0, 0];
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            if (y + dy < 0 || y + dy >= N || x + dx < 0 || x + dx >= N) continue;
            sum += ink[(y + dy) * N + x + dx]!;
            n++;
          }
        }
        out[y * N + x] = sum / n;
      }
    }
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(ch, out);
  return out;
}

/** Cosine similarity of the two characters' blurred ink (1 = same shape), or null if either has no glyph. */
export function glyphSimilarity(a: string, b: string): number | null {
  const p = raster(a);
  const q = raster(b);
  if (!p || !q) return null;
  let [dot, np, nq] = [0, 0, 0];
  for (let i = 0; i < p.length; i++) {
    dot += p[i]! * q[i]!;
    np += p[i]! * p[i]!;
    nq += q[i]! * q[i]!;
  }
  return np && nq ? dot / Math.sqrt(np * nq) : null;
}

// Licence plates found by image analysis, for car photos where OCR cannot read the plate (DOMAIN
// §6.1, rule 59). A general heuristic, no per-image tuning: a row of 2+ large glyphs of one ink
// colour (char-rows.ts) on a plain background, grown into the plain area around it by region
// growing (colour close to the background and to the neighbour pixel), bounded by the geometry of
// Japanese plates (2:1 panel; the serial glyphs ~0.4-0.55 of the panel height). Where the growth
// leaks into a car body of the same colour, the side falls back to that geometry. Candidates are
// scored on contrast, cleanliness of the panel and shape, then non-max suppressed.
// The proposal is generous on purpose: covering a little bumper is cheap, missing a digit is not.
import { type CharRow, groupRows, isCharLike } from './char-rows.js';
import { absorbGlyphs, backgroundOf, contains, grow, union } from './plate-grow.js';
import { type Box, type Component, type Raster, binarize, components, iou, loadRaster } from './raster.js';

export interface PlateCandidate {
  /** In original (oriented) pixel coordinates. */
  box: Box;
  score: number;
}

const MIN_SCORE = 0.35;
const WINDOW_DIVISORS = [6, 18];

export async function detectPlates(image: Buffer, opts: { maxPixels: number }): Promise<PlateCandidate[]> {
  const r = await loadRaster(image, { minSide: 480, maxSide: 1024, maxPixels: opts.maxPixels });
  return detectPlatesInRaster(r);
}

export function detectPlatesInRaster(r: Raster): PlateCandidate[] {
  const found: PlateCandidate[] = [];
  // Two window sizes: a large one for close-ups (glyph strokes wider than a small window), a
  // small one for a plate far away, whose panel would count as ink against a large dark window.
  const masks = WINDOW_DIVISORS.flatMap((d) => {
    const m = binarize(r, Math.max(15, Math.round(Math.min(r.width, r.height) / d)) | 1);
    return [m.dark, m.light];
  });
  for (const mask of masks) {
    const blobs = components(mask, r.width, r.height, (r.width * r.height) / 8);
    for (const row of groupRows(blobs.filter((c) => isCharLike(c, r.width, r.height)))) {
      const c = plateAround(r, mask, row, blobs);
      if (c && c.score >= MIN_SCORE) found.push(c);
    }
  }
  return suppress(found).map((c) => ({ score: c.score, box: toOriginal(c.box, r) }));
}

function toOriginal(b: Box, r: Raster): Box {
  const W = Math.round(r.width / r.scale);
  const H = Math.round(r.height / r.scale);
  return {
    x0: Math.max(0, Math.floor(b.x0 / r.scale)),
    y0: Math.max(0, Math.floor(b.y0 / r.scale)),
    x1: Math.min(W, Math.ceil(b.x1 / r.scale)),
    y1: Math.min(H, Math.ceil(b.y1 / r.scale)),
  };
}

/**
 * Best first; a weaker candidate overlapping a kept one is dropped, and one stacked on it with
 * the same horizontal extent (the other text line of a two-line plate) widens it to the union.
 */
function suppress(cands: PlateCandidate[]): PlateCandidate[] {
  const kept: PlateCandidate[] = [];
  for (const c of [...cands].sort((a, b) => b.score - a.score)) {
    const same = kept.find((k) => samePanel(k.box, c.box));
    if (same) same.box = union(same.box, c.box);
    else if (!kept.some((k) => iou(k.box, c.box) > 0.3 || contains(k.box, c.box))) kept.push({ ...c });
  }
  return kept;
}

function samePanel(a: Box, b: Box): boolean {
  const wa = a.x1 - a.x0;
  const wb = b.x1 - b.x0;
  const overlapX = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const gapY = Math.max(a.y0, b.y0) - Math.min(a.y1, b.y1);
  const tall = Math.max(a.y1 - a.y0, b.y1 - b.y0);
  const unionH = Math.max(a.y1, b.y1) - Math.min(a.y0, b.y0);
  return Math.max(wa, wb) / Math.min(wa, wb) <= 1.5 && overlapX >= 0.7 * Math.min(wa, wb) && gapY <= 0.2 * tall && unionH <= 1.6 * tall;
}

function plateAround(r: Raster, ink: Uint8Array, row: CharRow, blobs: Component[]): PlateCandidate | null {
  const { h } = row;
  const bg = backgroundOf(r, ink, row);
  if (!bg) return null;
  // Ink and background must differ clearly (a plate is made to be read).
  let inkLum = 0;
  let inkN = 0;
  for (const c of row.chars) {
    for (let y = c.y0; y < c.y1; y++) {
      for (let x = c.x0; x < c.x1; x++) {
        if (!ink[y * r.width + x]) continue;
        inkLum += r.gray[y * r.width + x]!;
        inkN++;
      }
    }
  }
  const bgLum = (bg[0] * 299 + bg[1] * 587 + bg[2] * 114) / 1000;
  const contrast = Math.abs(bgLum - inkLum / Math.max(1, inkN));
  if (contrast < 40) return null;
  // The farthest a plate can reach from its serial row, by plate geometry.
  const lim: Box = {
    x0: Math.max(0, Math.round(row.x0 - 3.2 * h)),
    x1: Math.min(r.width, Math.round(row.x1 + 3.2 * h)),
    y0: Math.max(0, Math.round(row.y0 - 1.6 * h)),
    y1: Math.min(r.height, Math.round(row.y1 + 0.8 * h)),
  };
  const grown = grow(r, ink, row, bg, lim);
  if (!grown) return null;
  const box = grown.box;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const aspect = bw / bh;
  const shape = aspect >= 1.2 && aspect <= 3.6 ? 1 : aspect >= 0.9 && aspect <= 4.5 ? 0.5 : 0;
  const glyphShare = h / bh; // 0.4-0.6 on real plates
  const size = glyphShare >= 0.28 && glyphShare <= 0.8 ? 1 : 0.4;
  const coverage = (row.x1 - row.x0) / bw; // the serial spans a good part of the panel
  const span = coverage >= 0.3 ? 1 : coverage >= 0.2 ? 0.6 : 0.2;
  const chars = Math.min(1, 0.55 + 0.15 * row.chars.length);
  const score = Math.min(1, contrast / 90) * grown.clean * shape * size * span * chars;
  return { box: absorbGlyphs(box, row, blobs, r), score };
}

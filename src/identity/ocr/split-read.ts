// The whole-page read is about 85% of a document's time, and tesseract reads an image on one
// thread: on a pool of two workers, half the machine idles while one document is read. A page cut
// in two along a gap between text lines reads as two images in parallel, in about half the time,
// for no more CPU: nothing is read twice (the halves do not overlap) and every line is whole in
// exactly one half. The cut may slant, because a photo taken at an angle has no level gap, and it
// may run through the holder's photo; the far side of the cut is painted with the paper's colour
// in each half. Where no gap crosses the page (dense text), the page is read whole.
//
// Reading in halves is not reading the same: tesseract's layout takes its statistics from the
// whole block, and the line images it cuts for recognition come out a few pixels different, so a
// line can come out a character different (either way). Over the benchmark (n=50 per type and
// quality) it is as accurate as reading whole: clean 99.0% against 99.1%, degraded 97.4% both;
// on seeds 51-80 clean 98.3% against 98.0%, degraded 94.9% against 95.0%, once a document that
// halves do not recognise is read whole (extract.ts). The median per document fell from about
// 500 to 345 ms. Only psm 6 reads are split: a page read with column finding (psm 4, a 住民票)
// lost its column of labels in halves.

import sharp from 'sharp';
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from './engine.js';
import { type Decoded, type Encoded, OCR_PNG, encoded } from './pixels.js';

/** A straight cut from (0, y0) to (width, y1), in the image's pixels. */
export interface Cut {
  y0: number;
  y1: number;
  /** How far the gap it runs in stays clear of text on either side, in the image's pixels. */
  clear: number;
}

/** Width the ink map is computed at: small print still shows, and the search takes a few milliseconds. */
const MAP_WIDTH = 480;
/** Slants tried: a hand-held photo is rarely more than a few degrees off level. */
const MAX_SLANT_DEG = 5;
const SLANT_STEP_DEG = 0.25;
const SLANT_WEIGHT = 8;
/** The cut is looked for where the ink above it is between these fractions of all the ink. */
const BALANCE: [number, number] = [0.3, 0.7];
/** Ink runs along the cut this short (map columns) are thin vertical strokes, crossed freely… */
const THIN_RUN = 2;
/** …when no other ink is this near along the cut (map columns: about 20 px of the page). */
const ISOLATION = 10;
/** A run through a picture is at least this long (map columns), with solid ink this many rows above and below. */
const PICTURE_MIN_RUN = 20;
const PICTURE_MARGIN = 12;
/** Columns either side whose pixels on the cut give the paper's colour, and how much darker than the brightest of them still counts as paper. */
const PAPER_REACH = 2;
const PAPER_SPREAD = 24;
/** Pages smaller than this are read whole: too few lines to be worth two jobs. */
const MIN_HEIGHT = 240;

const PAPER = 0;
const INK = 1;
const OFF_PAPER = 2;

interface InkMap {
  ink: Uint8Array;
  w: number;
  h: number;
  /** Summed-area table of INK cells, (w+1)×(h+1): ink in any box in constant time. */
  sums: Uint32Array;
}

/**
 * Ink mask at map scale: darker than the brightest paper nearby. The margin is small on purpose:
 * faint small print (a passport's grey labels) must show, and noise taken for ink only means a
 * page read whole.
 */
async function inkMap(img: Decoded): Promise<InkMap> {
  const w = Math.min(MAP_WIDTH, img.width);
  const raw = { raw: { width: img.width, height: img.height, channels: img.channels } } as const;
  // The green channel stands in for brightness: a full greyscale conversion costs four times more,
  // and text printed in red or blue is as dark in green as black text.
  const small = await sharp(img.data, raw).extractChannel(img.channels >= 3 ? 1 : 0).resize({ width: w, kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true });
  const h = small.info.height;
  const sraw = { raw: { width: w, height: h, channels: 1 as const } };
  const paper = await sharp(small.data, sraw).blur(8).extractChannel(0).raw().toBuffer();
  const near = brightestNear(paper, w, h);
  const ink = new Uint8Array(w * h);
  for (let i = 0; i < ink.length; i++) {
    const p = small.data[i]!;
    const bg = near[i]!;
    ink[i] = p < bg * 0.9 && bg - p > 10 ? INK : PAPER;
  }
  markOffPaper(ink, paper, w, h);
  const sums = new Uint32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += ink[y * w + x] === INK ? 1 : 0;
      sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1]! + row;
    }
  }
  return { ink, w, h, sums };
}

/**
 * Cell size and reach (in cells) of the brightest-paper estimate: 80 map columns, about a sixth of
 * the page's width around, wider than half an ID photo, so a photo's inside is ink too.
 */
const CELL = 8;
const REACH = 10;

/**
 * The brightest paper near each point: the blurred page's maximum over the cells around it. Ink is
 * what is darker than that, so a grey picture box or a tinted band on the card counts as ink
 * (a cut through a picture leaves slivers of it that upset the reading of a half), while lighting
 * that falls off across a photo does not.
 */
function brightestNear(paper: Buffer, w: number, h: number): Uint8Array {
  const cw = Math.ceil(w / CELL);
  const ch = Math.ceil(h / CELL);
  const cell = new Uint8Array(cw * ch);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const c = Math.floor(y / CELL) * cw + Math.floor(x / CELL);
      if (paper[y * w + x]! > cell[c]!) cell[c] = paper[y * w + x]!;
    }
  }
  const around = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let m = 0;
      for (let dy = Math.max(0, cy - REACH); dy <= Math.min(ch - 1, cy + REACH); dy++) {
        for (let dx = Math.max(0, cx - REACH); dx <= Math.min(cw - 1, cx + REACH); dx++) m = Math.max(m, cell[dy * cw + dx]!);
      }
      around[cy * cw + cx] = m;
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = around[Math.floor(y / CELL) * cw + Math.floor(x / CELL)]!;
  return out;
}

/** The level below which a fraction q of the bytes lie (a histogram: no sort of the whole map). */
function percentile(bytes: Uint8Array, q: number): number {
  const hist = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) hist[bytes[i]!]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen > bytes.length * q) return v;
  }
  return 255;
}

/**
 * Only marks on paper count: the table or hand around a photographed card is dark, and its texture
 * is not text. Off the paper is what is dark (under half the brightness of the page's paper) and
 * reaches the image's border through dark: a block of bold print inside the card is dark too, but
 * paper surrounds it.
 */
function markOffPaper(ink: Uint8Array, paper: Buffer, w: number, h: number): void {
  const limit = percentile(paper, 0.95) * 0.5;
  const stack = new Int32Array(w * h);
  let top = 0;
  const push = (i: number) => {
    if (paper[i]! < limit && ink[i] !== OFF_PAPER) {
      ink[i] = OFF_PAPER;
      stack[top++] = i;
    }
  };
  for (let x = 0; x < w; x++) {
    push(x);
    push((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    push(y * w);
    push(y * w + w - 1);
  }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % w;
    if (x > 0) push(i - 1);
    if (x < w - 1) push(i + 1);
    if (i >= w) push(i - w);
    if (i < (h - 1) * w) push(i + w);
  }
}

/**
 * Whether a cut at map scale meets text: ink along it, three rows thick so the gap is a real one.
 * Three kinds of ink are crossed freely. A run that touches what is off the paper is the card's
 * edge and its shadow, where the cut leaves the card. A thin run (a vertical stroke) with no other
 * ink near it on the cut is a table rule or a frame line; the strokes of a line of text come in
 * clusters, and a cut between a glyph's horizontal strokes still meets its neighbours' ones. And a
 * run through the inside of a picture (the holder's photo): solid ink well above and below the
 * cut. Its top and bottom edges are not solid around them, so a cut never grazes a picture and
 * leaves a sliver of it, the size of a line of text, in a half.
 */
function crossesText(map: InkMap, yMid: number, slope: number): boolean {
  const { ink, w, h } = map;
  const runs: Array<{ from: number; to: number; edge: boolean }> = [];
  let from = -1;
  let edge = true; // the path starts at the image's edge
  for (let x = 0; x <= w; x++) {
    let cell = OFF_PAPER; // past the last column: the image's edge
    if (x < w) {
      const y = Math.round(yMid + slope * (x - w / 2));
      cell = PAPER;
      for (let d = -1; d <= 1; d++) {
        const yy = y + d;
        const v = yy >= 0 && yy < h ? ink[yy * w + x]! : OFF_PAPER;
        if (v === INK) cell = INK;
        else if (v === OFF_PAPER && cell !== INK) cell = OFF_PAPER;
      }
    }
    if (cell === INK) {
      if (from < 0) from = x;
      continue;
    }
    if (from >= 0) {
      const run = { from, to: x, edge: edge || cell === OFF_PAPER };
      if (!run.edge && run.to - run.from > THIN_RUN && !inPicture(map, run.from, run.to, Math.round(yMid + slope * ((run.from + run.to) / 2 - w / 2)))) return true;
      runs.push(run);
    }
    from = -1;
    edge = cell === OFF_PAPER;
  }
  return runs.some((r, i) => {
    if (r.edge || r.to - r.from > THIN_RUN) return false; // long runs passed the checks above
    const gapBefore = i > 0 ? r.from - runs[i - 1]!.to : Number.POSITIVE_INFINITY;
    const gapAfter = i < runs.length - 1 ? runs[i + 1]!.from - r.to : Number.POSITIVE_INFINITY;
    return gapBefore < ISOLATION || gapAfter < ISOLATION;
  });
}

/** Whether columns [from, to) at row y run through the inside of a picture: solid ink around them. */
function inPicture(map: InkMap, from: number, to: number, y: number): boolean {
  if (to - from < PICTURE_MIN_RUN) return false;
  const { w, h, sums } = map;
  const [y0, y1] = [y - PICTURE_MARGIN, y + PICTURE_MARGIN + 1];
  if (y0 < 0 || y1 > h) return false;
  const at = (xx: number, yy: number) => sums[yy * (w + 1) + xx]!;
  const inkIn = at(to, y1) - at(from, y1) - at(to, y0) + at(from, y0);
  return inkIn >= (to - from) * (y1 - y0) * 0.97;
}

/**
 * The cut through the gap between text lines nearest the middle of the page's ink, or null when
 * every candidate crosses text.
 */
export async function findCut(img: Decoded): Promise<Cut | null> {
  if (img.height < MIN_HEIGHT) return null;
  const map = await inkMap(img);
  const { ink, w, h } = map;
  const rows = new Float64Array(h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (ink[y * w + x] === INK) rows[y]!++;
  const total = rows.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let acc = 0;
  let from = -1;
  let to = -1;
  for (let y = 0; y < h; y++) {
    acc += rows[y]!;
    if (from < 0 && acc >= total * BALANCE[0]) from = y;
    if (to < 0 && acc >= total * BALANCE[1]) to = y;
  }
  // The cut least slanted and nearest the middle that crosses no text. A degree of slant weighs
  // as much as SLANT_WEIGHT map rows off the middle: a level page is cut level, where a steep cut
  // could thread between the lines of a two-line label. Slants are tried from level outwards and
  // rows from the middle outwards, so the search stops as soon as nothing left can do better.
  const middle = Math.round((from + to) / 2);
  let best: { yMid: number; slope: number; off: number } | null = null;
  for (let k = 0; k * SLANT_STEP_DEG <= MAX_SLANT_DEG + 1e-9; k++) {
    const deg = k * SLANT_STEP_DEG;
    if (best && SLANT_WEIGHT * deg >= best.off) break;
    for (const sign of k ? [1, -1] : [1]) {
      const slope = Math.tan((sign * deg * Math.PI) / 180);
      for (let d = 0; middle - d >= from || middle + d <= to; d++) {
        const off = d + SLANT_WEIGHT * deg;
        if (best && off >= best.off) break;
        const y = [middle - d, middle + d].find((yy) => yy >= from && yy <= to && !crossesText(map, yy, slope));
        if (y !== undefined) {
          best = { yMid: y, slope, off };
          break;
        }
      }
    }
  }
  if (!best) return null;
  // Centred in its gap: as far from the lines above and below as the gap allows.
  const { slope } = best;
  const clear = (y: number) => y >= 0 && y < h && !crossesText(map, y, slope);
  let [up, down] = [best.yMid, best.yMid];
  while (clear(up - 1)) up--;
  while (clear(down + 1)) down++;
  const yMid = (up + down) / 2;
  const scale = img.width / w;
  const y0 = (yMid - (slope * w) / 2) * scale;
  const y1 = (yMid + (slope * w) / 2) * scale;
  if (Math.min(y0, y1) <= 0 || Math.max(y0, y1) >= img.height) return null;
  return { y0, y1, clear: ((down - up) / 2) * scale };
}

/** Row of the cut at column x. */
const cutAt = (cut: Cut, x: number, width: number) => cut.y0 + ((cut.y1 - cut.y0) * x) / width;

/**
 * The part of the page on one side of the cut, as an image of whole rows: the rows it spans, the
 * other side's pixels in them painted with the paper's colour on the cut (the gap's own paper
 * pixels, column by column, so lighting that falls off across a photo stays), and so is its own
 * side of the gap but for a row next to its text. What the gap held (a card's border, a table's
 * rules crossing it) would otherwise end up alone at the half's edge, read as a line of its own as
 * wide as the page.
 */
async function half(img: Decoded, cut: Cut, side: 'above' | 'below', density: number | undefined): Promise<{ png: Buffer; top: number }> {
  const { width, height, channels, data } = img;
  const top = side === 'above' ? 0 : Math.max(0, Math.floor(Math.min(cut.y0, cut.y1)) - 1);
  const bottom = side === 'above' ? Math.min(height, Math.ceil(Math.max(cut.y0, cut.y1)) + 1) : height;
  const out = Buffer.from(data.subarray(top * width * channels, bottom * width * channels));
  // The gap's clearance was measured on the ink map: a map row (about 2 px) short of it is paper.
  const reach = Math.max(0, Math.floor(cut.clear - width / MAP_WIDTH));
  const paper = new Float64Array(channels);
  const lum = channels >= 3 ? 1 : 0; // green stands in for brightness, as in inkMap
  const onCut = (xx: number) => (Math.min(height - 1, Math.max(0, Math.round(cutAt(cut, xx, width)))) * width + xx) * channels;
  for (let x = 0; x < width; x++) {
    const yc = Math.round(cutAt(cut, x, width));
    // The paper on the cut near this column: the pixels there nearly as bright as the brightest
    // (a border or a rule crossing the gap is not paper), averaged.
    const [from, to] = [Math.max(0, x - PAPER_REACH), Math.min(width - 1, x + PAPER_REACH)];
    let brightest = 0;
    for (let xx = from; xx <= to; xx++) brightest = Math.max(brightest, data[onCut(xx) + lum]!);
    paper.fill(0);
    let n = 0;
    for (let xx = from; xx <= to; xx++) {
      const at = onCut(xx);
      if (data[at + lum]! < brightest - PAPER_SPREAD) continue;
      for (let c = 0; c < channels; c++) paper[c]! += data[at + c]!;
      n++;
    }
    const [y0, y1] = side === 'above' ? [Math.max(yc - reach, top), bottom] : [top, Math.min(yc + reach, bottom)];
    for (let y = y0; y < y1; y++) {
      const at = ((y - top) * width + x) * channels;
      for (let c = 0; c < channels; c++) out[at + c] = Math.round(paper[c]! / n);
    }
  }
  // The page's density goes with it: tesseract sizes its thresholding window by the resolution,
  // and without one it estimates its own, so a half would be binarised differently from the page.
  let half = sharp(out, { raw: { width, height: bottom - top, channels } });
  if (density) half = half.withMetadata({ density });
  const png = await half.png(OCR_PNG).toBuffer();
  return { png, top };
}

const shift = (line: OcrLine, dy: number): OcrLine => {
  const box = (b: OcrLine['bbox']) => ({ x0: b.x0, y0: b.y0 + dy, x1: b.x1, y1: b.y1 + dy });
  return { ...line, bbox: box(line.bbox), words: line.words.map((w) => ({ ...w, bbox: box(w.bbox) })) };
};

/** The two halves' results as one, in the whole page's coordinates, lines in reading order. */
export function mergeHalves(above: OcrResult, below: OcrResult, belowTop: number): OcrResult {
  const lines = [...above.lines, ...below.lines.map((l) => shift(l, belowTop))];
  const chars = (r: OcrResult) => r.lines.reduce((n, l) => n + l.text.length, 0);
  const [ca, cb] = [chars(above), chars(below)];
  const confidence = ca + cb ? (above.confidence * ca + below.confidence * cb) / (ca + cb) : 0;
  return { text: above.text + below.text, confidence, lines, ms: above.ms + below.ms };
}

/**
 * Reads a page as two halves in parallel when a gap between lines crosses it (`halves`), else
 * whole. `img` is the decoded form of `image` (the caller usually has it already); `image` itself
 * is only encoded (when given lazily) if the page is read whole or has no resolution given.
 */
export async function recognizeSplit(engine: OcrEngine, image: Encoded, img: Decoded, opts: OcrOptions): Promise<{ ocr: OcrResult; halves: boolean }> {
  const cut = await findCut(img);
  if (!cut) return { ocr: await engine.recognize(await encoded(image), opts), halves: false };
  // A half carries the page's density only where no resolution is given to tesseract explicitly.
  const density = opts.dpi ? undefined : (await sharp(await encoded(image)).metadata()).density;
  const [a, b] = await Promise.all([half(img, cut, 'above', density), half(img, cut, 'below', density)]);
  const [ra, rb] = await Promise.all([engine.recognize(a.png, opts), engine.recognize(b.png, opts)]);
  return { ocr: mergeHalves(ra, rb, b.top), halves: true };
}

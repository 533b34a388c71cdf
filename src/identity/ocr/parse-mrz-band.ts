// Reads the MRZ from a document image: OCR (eng, whitelist A-Z0-9<) of the bottom band where ICAO
// 9303 puts it, then findMrz. Tesseract's reading of OCR-B varies with scale and contrast, so a few
// general variants are tried, cheapest first, stopping as soon as every check digit validates:
// different scales (900/1200 px wide), grey+normalised vs colour, a taller band, a tight crop around
// the lines a previous attempt located, a slight blur (halftone/JPEG noise), the whole image.
// Everything stays in memory (rule 47: no temp files).

import sharp, { type Sharp } from 'sharp';
import type { OcrEngine, OcrResult } from './engine.js';
import { type MrzRead, bestMrz, findMrz } from './parse-mrz.js';
import { type Decoded, OCR_PNG, decode } from './pixels.js';

export const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface MrzBandResult {
  read: MrzRead | null;
  attempts: number;
  ms: number;
}

interface Attempt {
  /** Fraction of the height where the band starts (0 = whole image). */
  from: number;
  width: number;
  grey: boolean;
  blur?: number;
  /** 11 (sparse text) finds lines that 6 (one block) merges with the picture above. */
  psm?: number;
}

const ATTEMPTS: Attempt[] = [
  { from: 0.65, width: 900, grey: true },
  { from: 0.65, width: 1200, grey: true },
  { from: 0.5, width: 1200, grey: false },
  { from: 0.65, width: 1200, grey: true, blur: 1.2 },
  { from: 0.65, width: 1200, grey: false, psm: 11 },
  { from: 0, width: 1400, grey: true },
];

async function ocrBand(engine: OcrEngine, img: Sharp, psm = 6): Promise<OcrResult> {
  const png = await img.png(OCR_PNG).toBuffer();
  return engine.recognize(png, { lang: 'eng', psm, whitelist: MRZ_WHITELIST });
}

/** Where earlier OCR of the same image saw the MRZ rows: their vertical extent, and how many. */
export interface MrzRows {
  top: number;
  bottom: number;
  count: number;
  /** Horizontal extent, when known: the crop leaves out what is beside the rows (card edges). */
  left?: number;
  right?: number;
}

/**
 * The MRZ rows as a first read of the page saw them (whatever the language: rows of `<` fillers
 * are unmistakable), in the coordinates of that image turned by `-deg` degrees (see levelled()).
 */
export function mrzRowsSeen(ocr: OcrResult, width: number, height: number, deg: number): MrzRows | null {
  const rows = ocr.lines.filter((l) => (l.text.match(/</g) ?? []).length >= 4);
  if (!rows.length) return null;
  // sharp's rotate(-deg) turns about the centre and grows the canvas to hold the turned image.
  const t = (-deg * Math.PI) / 180;
  const grownW = width * Math.abs(Math.cos(t)) + height * Math.abs(Math.sin(t));
  const grownH = width * Math.abs(Math.sin(t)) + height * Math.abs(Math.cos(t));
  const turn = (x: number, y: number) => {
    const [lx, ly] = [x - width / 2, y - height / 2];
    return [grownW / 2 + lx * Math.cos(t) - ly * Math.sin(t), grownH / 2 + lx * Math.sin(t) + ly * Math.cos(t)] as const;
  };
  const ys = rows.map((l) => turn((l.bbox.x0 + l.bbox.x1) / 2, (l.bbox.y0 + l.bbox.y1) / 2)[1]);
  const xs = rows.flatMap((l) => [turn(l.bbox.x0, (l.bbox.y0 + l.bbox.y1) / 2)[0], turn(l.bbox.x1, (l.bbox.y0 + l.bbox.y1) / 2)[0]]);
  const h = rows.map((l) => l.bbox.y1 - l.bbox.y0).sort((a, b) => a - b)[rows.length >> 1]!;
  return { top: Math.min(...ys) - h / 2, bottom: Math.max(...ys) + h / 2, count: rows.length, left: Math.min(...xs), right: Math.max(...xs) };
}

/**
 * `maxAttempts` bounds a probe of an image that may not hold an MRZ at all. `seen`: the rows an
 * earlier read located; a tight crop around them is tried first.
 */
export async function readMrzBand(engine: OcrEngine, image: Buffer | Decoded, today: string, maxAttempts = Infinity, seen?: MrzRows | null): Promise<MrzBandResult> {
  const t0 = Date.now();
  const { data, ...info } = Buffer.isBuffer(image) ? await decode(image) : image;
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const state: { best: MrzRead | null; box: { top: number; bottom: number } | null } = { best: null, box: null };
  let attempts = 0;
  const run = async (img: Sharp, toSource: (y: number) => number, psm?: number) => {
    attempts++;
    const ocr = await ocrBand(engine, img, psm);
    const read = findMrz(ocr.lines.map((l) => l.text), today);
    if (read && bestMrz(state.best, read) === read) {
      state.best = read;
      const boxes = read.rows.map((r) => ocr.lines[r]!.bbox);
      state.box = { top: toSource(Math.min(...boxes.map((b) => b.y0))), bottom: toSource(Math.max(...boxes.map((b) => b.y1))) };
    }
    return read?.check.allOk ?? false;
  };
  // A crop around the rows at ~34 px per text line.
  const tight = (box: { top: number; bottom: number; left?: number; right?: number }, lines: number) => {
    const lineH = (box.bottom - box.top) / lines;
    const t = Math.max(0, Math.floor(box.top - lineH * 0.8));
    const h = Math.min(info.height - t, Math.ceil(box.bottom - box.top + lineH * 1.6));
    const l = Math.max(0, Math.floor((box.left ?? 0) - lineH * 0.5));
    const w = Math.min(info.width, Math.ceil((box.right ?? info.width) + lineH * 0.5)) - l;
    const s = Math.min(4, 34 / Math.max(1, lineH * 0.75));
    const img = sharp(data, raw).extract({ left: l, top: t, width: w, height: h }).resize({ width: Math.round(w * s) }).grayscale().normalise();
    return run(img, (y) => t + y / s);
  };
  if (seen && seen.count >= 2 && seen.top >= 0 && seen.bottom <= info.height && seen.bottom > seen.top && (await tight(seen, seen.count))) {
    return { read: state.best, attempts, ms: Date.now() - t0 };
  }
  for (const [k, a] of ATTEMPTS.entries()) {
    if (attempts >= maxAttempts) break;
    const top = Math.floor(info.height * a.from);
    const height = info.height - top;
    const scale = a.width / info.width;
    let img = sharp(data, raw).extract({ left: 0, top, width: info.width, height }).resize({ width: a.width });
    if (a.grey) img = img.grayscale();
    if (a.blur) img = img.blur(a.blur);
    if (a.grey) img = img.normalise();
    if (await run(img, (y) => top + y / scale, a.psm)) break;
    // After two misses, crop tightly around the lines found so far, at ~34 px per text line.
    const box = state.box;
    if (k === 1 && box && attempts < maxAttempts && (await tight(box, Math.max(2, state.best?.lines.length ?? 2)))) break;
  }
  return { read: state.best, attempts, ms: Date.now() - t0 };
}

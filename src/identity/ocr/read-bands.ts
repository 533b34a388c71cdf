// A page read as two bands at once. A full-page read is most of an ID's latency, and it runs on one
// worker while the pool's others wait: cut at a blank row near the middle, the two halves are read
// in parallel (each text line still read once). Measured on clean cards, 2 idle workers: 412 ms ->
// 264 ms per read, for ~7% more CPU (a second job's set-up, one more decode). So it is done only
// when two workers are idle and nothing waits: under load the whole page is read as one job and
// throughput is unchanged. The cut must lie between text lines: it is taken only at a row
// whose ink is a small fraction of the rows around it (a gap between lines; a photo or a border
// beside it is allowed, text crossing it is not). A skewed page, whose slanted lines leave no such
// gap, or a page too small to be worth it, is read whole as before.

import sharp from 'sharp';
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from './engine.js';

/** Below this height (px) a page is read whole: the second job would cost more than it saves. */
const MIN_HEIGHT = 300;
/** The cut is searched for in this share of the height, around the middle. */
const SEARCH = [0.35, 0.65] as const;
/** A gap row holds at most this share of the ink of a median row of the search range. */
const GAP_INK = 0.12;

/** Row at which to cut `grey` (one byte per pixel), or null when no row is clearly a gap between lines. */
export function findCut(grey: Uint8Array, width: number, height: number): number | null {
  if (height < MIN_HEIGHT) return null;
  // Paper brightness: the 90th percentile of a sample; ink is anything much darker.
  const sample: number[] = [];
  for (let i = 0; i < grey.length; i += 97) sample.push(grey[i]!);
  sample.sort((a, b) => a - b);
  const paper = sample[Math.floor(sample.length * 0.9)] ?? 255;
  const dark = paper * 0.6;
  const ink = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    let n = 0;
    for (let x = 0, i = y * width; x < width; x++, i++) if (grey[i]! < dark) n++;
    ink[y] = n;
  }
  const lo = Math.floor(height * SEARCH[0]);
  const hi = Math.ceil(height * SEARCH[1]);
  const range = [...ink.slice(lo, hi)].sort((a, b) => a - b);
  const median = range[range.length >> 1]!;
  if (median === 0) return null; // nothing printed around the middle: nothing to gain
  // The blank run nearest the middle: rows at most GAP_INK of the median, at least 3 rows long;
  // the cut is the run's centre.
  const mid = height / 2;
  let best: number | null = null;
  let y = lo;
  while (y < hi) {
    if (ink[y]! > median * GAP_INK) {
      y++;
      continue;
    }
    const start = y;
    while (y < hi && ink[y]! <= median * GAP_INK) y++;
    if (y - start >= 3) {
      const c = Math.round((start + y) / 2);
      if (best === null || Math.abs(c - mid) < Math.abs(best - mid)) best = c;
    }
  }
  return best;
}

function shift(line: OcrLine, dy: number): OcrLine {
  const b = (x: OcrLine['bbox']) => ({ x0: x.x0, x1: x.x1, y0: x.y0 + dy, y1: x.y1 + dy });
  return { ...line, bbox: b(line.bbox), words: line.words.map((w) => ({ ...w, bbox: b(w.bbox) })) };
}

/** The two reads as one, in the coordinates of the whole page. */
export function mergeBands(top: OcrResult, bottom: OcrResult, cut: number): OcrResult {
  const chars = (r: OcrResult) => r.text.replace(/\s/g, '').length;
  const [a, b] = [chars(top), chars(bottom)];
  const confidence = a + b ? (top.confidence * a + bottom.confidence * b) / (a + b) : 0;
  const text = top.text && bottom.text && !top.text.endsWith('\n') ? `${top.text}\n${bottom.text}` : top.text + bottom.text;
  return { text, confidence, lines: [...top.lines, ...bottom.lines.map((l) => shift(l, cut))], ms: top.ms + bottom.ms };
}

/** recognize() of a page, as two bands read in parallel when a clean cut exists. */
export async function recognizeInBands(engine: OcrEngine, image: Buffer, opts: OcrOptions): Promise<OcrResult> {
  const load = engine.stats();
  if (load.workers - load.busy < 2 || load.queued > 0) return engine.recognize(image, opts);
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  // The ink profile on a small grey copy (the cut needs rows, not detail).
  const w = Math.min(info.width, 500);
  const small = await sharp(data, raw).grayscale().resize({ width: w, height: info.height, fit: 'fill' }).raw().toBuffer();
  const cut = findCut(small, w, info.height);
  if (cut === null) return engine.recognize(image, opts);
  const band = (top: number, height: number) =>
    sharp(data, raw).extract({ left: 0, top, width: info.width, height }).png({ compressionLevel: 1 }).toBuffer();
  const [a, b] = await Promise.all([band(0, cut), band(cut, info.height - cut)]);
  const [top, bottom] = await Promise.all([engine.recognize(a, opts), engine.recognize(b, opts)]);
  return mergeBands(top, bottom, cut);
}

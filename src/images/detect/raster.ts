// Small raster tools for the image-analysis detectors (plates, text-heavy screen areas): an RGB
// working copy at a bounded size, adaptive (Sauvola) binarisation from integral images, and
// 8-connected components. Plain typed arrays: a 1-megapixel working image takes tens of ms.
import sharp from 'sharp';

export interface Raster {
  /** RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
  gray: Uint8Array;
  width: number;
  height: number;
  /** Working pixels per original (oriented) pixel. */
  scale: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Component extends Box {
  area: number;
}

/**
 * The oriented image resized so its long side lies in [minSide, maxSide]: small close-ups are
 * enlarged so thresholds in pixels still mean something, large photos shrunk for speed.
 */
export async function loadRaster(image: Buffer, opts: { minSide: number; maxSide: number; maxPixels: number }): Promise<Raster> {
  const meta = await sharp(image, { limitInputPixels: opts.maxPixels }).autoOrient().metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const w0 = (swap ? meta.height : meta.width) ?? 1;
  const h0 = (swap ? meta.width : meta.height) ?? 1;
  const long = Math.max(w0, h0);
  const scale = long > opts.maxSide ? opts.maxSide / long : long < opts.minSide ? opts.minSide / long : 1;
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const { data } = await sharp(image, { limitInputPixels: opts.maxPixels })
    .autoOrient()
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += 3) gray[i] = (rgb[p]! * 299 + rgb[p + 1]! * 587 + rgb[p + 2]! * 114) / 1000;
  return { rgb, gray, width, height, scale: width / w0 };
}

/** Summed-area tables of values and squares (one extra row and column of zeros). */
function integrals(gray: Uint8Array, w: number, h: number) {
  const s = new Float64Array((w + 1) * (h + 1));
  const q = new Float64Array((w + 1) * (h + 1));
  for (let y = 1; y <= h; y++) {
    let rs = 0;
    let rq = 0;
    for (let x = 1; x <= w; x++) {
      const v = gray[(y - 1) * w + (x - 1)]!;
      rs += v;
      rq += v * v;
      s[y * (w + 1) + x] = s[(y - 1) * (w + 1) + x]! + rs;
      q[y * (w + 1) + x] = q[(y - 1) * (w + 1) + x]! + rq;
    }
  }
  return { s, q };
}

/**
 * Ink masks for both polarities (dark on light, light on dark) by Sauvola's threshold over a
 * square window: T = m·(1 + k·(σ/128 − 1)). Flat areas (σ below minStd) are never ink.
 */
export function binarize(r: Raster, window: number, k = 0.2, minStd = 12): { dark: Uint8Array; light: Uint8Array } {
  const { width: w, height: h, gray } = r;
  const { s, q } = integrals(gray, w, h);
  const dark = new Uint8Array(w * h);
  const light = new Uint8Array(w * h);
  const half = Math.max(1, Math.floor(window / 2));
  const W = w + 1;
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(h, y + half + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(w, x + half + 1);
      const n = (x1 - x0) * (y1 - y0);
      const sum = s[y1 * W + x1]! - s[y0 * W + x1]! - s[y1 * W + x0]! + s[y0 * W + x0]!;
      const sq = q[y1 * W + x1]! - q[y0 * W + x1]! - q[y1 * W + x0]! + q[y0 * W + x0]!;
      const m = sum / n;
      const sd = Math.sqrt(Math.max(0, sq / n - m * m));
      if (sd < minStd) continue;
      const v = gray[y * w + x]!;
      if (v < m * (1 + k * (sd / 128 - 1))) dark[y * w + x] = 1;
      // The light polarity is the same test on the inverted image.
      const mi = 255 - m;
      if (255 - v < mi * (1 + k * (sd / 128 - 1))) light[y * w + x] = 1;
    }
  }
  return { dark, light };
}

/** 8-connected components of a 0/1 mask, skipping ones larger than maxArea (backgrounds). */
export function components(mask: Uint8Array, w: number, h: number, maxArea = Number.POSITIVE_INFINITY): Component[] {
  const seen = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  const out: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let area = 0;
    let x0 = w;
    let y0 = h;
    let x1 = 0;
    let y1 = 0;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % w;
      const y = (p - x) / w;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const n = yy * w + xx;
          if (mask[n] && !seen[n]) {
            seen[n] = 1;
            stack[top++] = n;
          }
        }
      }
    }
    if (area <= maxArea) out.push({ x0, y0, x1: x1 + 1, y1: y1 + 1, area });
  }
  return out;
}

export function boxArea(b: Box): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);
}

export function intersection(a: Box, b: Box): number {
  return boxArea({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
}

export function iou(a: Box, b: Box): number {
  const i = intersection(a, b);
  return i / (boxArea(a) + boxArea(b) - i || 1);
}

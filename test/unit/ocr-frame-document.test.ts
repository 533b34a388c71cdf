// Finding the document in a photo of it (src/identity/ocr/frame-document.ts): a card lying well
// inside a larger scene is cut out with a margin; a document that fills the frame, or a detail too
// small to be one, is left alone; and every document is scaled to the size it is read at.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { documentBoxIn, frameDocument } from '../../src/identity/ocr/frame-document.js';
import type { Decoded } from '../../src/identity/ocr/pixels.js';

/** A w × h grey scene of value `bg` with rectangles of other values drawn on it. */
function scene(w: number, h: number, bg: number, rects: Array<[x: number, y: number, rw: number, rh: number, v: number]>): Uint8Array {
  const g = new Uint8Array(w * h).fill(bg);
  for (const [x, y, rw, rh, v] of rects) for (let yy = y; yy < y + rh; yy++) g.fill(v, yy * w + x, yy * w + x + rw);
  return g;
}

describe('documentBoxIn', () => {
  it('finds a light card with dark print on a dark desk, with a margin around it', () => {
    const g = scene(320, 240, 60, [[100, 80, 120, 76, 220], [110, 90, 40, 8, 30], [120, 120, 80, 6, 30]]);
    const box = documentBoxIn(g, 320, 240)!;
    expect(box.x0).toBeLessThan(100);
    expect(box.x0).toBeGreaterThanOrEqual(100 - 6);
    expect(box.y0).toBeLessThan(80);
    expect(box.x1).toBeGreaterThan(220);
    expect(box.x1).toBeLessThanOrEqual(220 + 6);
    expect(box.y1).toBeGreaterThan(156);
  });

  it('finds a dark card on a light desk just as well', () => {
    const g = scene(320, 240, 230, [[60, 50, 150, 95, 40], [70, 60, 50, 10, 200]]);
    const box = documentBoxIn(g, 320, 240)!;
    expect([box.x0 <= 60, box.y0 <= 50, box.x1 >= 210, box.y1 >= 145]).toEqual([true, true, true, true]);
  });

  it('leaves a document that fills the frame, and a scene with nothing document-sized in it', () => {
    // A scan: the paper reaches the edges, its print covers most of the frame.
    expect(documentBoxIn(scene(320, 200, 235, [[20, 15, 280, 12, 30], [20, 60, 250, 12, 30], [20, 170, 260, 12, 30]]), 320, 200)).toBeNull();
    // A scan with little print, one line of it running off the edge: print, not a body, so no cut.
    expect(documentBoxIn(scene(320, 240, 235, [[0, 30, 200, 10, 30], [40, 60, 150, 8, 30], [40, 100, 180, 8, 30], [40, 140, 160, 8, 30], [40, 180, 170, 8, 30]]), 320, 240)).toBeNull();
    // A coin on a desk.
    expect(documentBoxIn(scene(320, 240, 60, [[150, 110, 20, 20, 220]]), 320, 240)).toBeNull();
    // An empty desk.
    expect(documentBoxIn(scene(320, 240, 60, []), 320, 240)).toBeNull();
  });
});

describe('frameDocument', () => {
  const raw = async (w: number, h: number, svg: string): Promise<Decoded> => {
    const { data, info } = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${svg}</svg>`)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  };

  it('cuts a photo to the card and keeps it at a size the reader was tuned for', async () => {
    const photo = await raw(2000, 1500, '<rect width="2000" height="1500" fill="#3a3e44"/><rect x="600" y="500" width="856" height="540" fill="#eef0ea"/><rect x="650" y="560" width="400" height="40" fill="#222"/>');
    const { pixels, cropped } = await frameDocument(photo);
    expect(cropped).toBe(true);
    // The card (856 × 540) and its margin, not the desk.
    expect(pixels.width).toBeGreaterThan(856);
    expect(pixels.width).toBeLessThan(856 * 1.12);
    expect(pixels.height / pixels.width).toBeCloseTo(540 / 856, 1);
  });

  it('scales a large scan down to the reading size and leaves a reading-size image untouched', async () => {
    const big = await raw(2000, 1260, '<rect width="2000" height="1260" fill="#f4f4f0"/><rect x="60" y="60" width="1800" height="80" fill="#222"/><rect x="60" y="1100" width="1700" height="80" fill="#222"/>');
    const a = await frameDocument(big);
    expect([a.cropped, a.pixels.width, a.pixels.height]).toEqual([false, 1280, 806]);
    const card = await raw(1000, 630, '<rect width="1000" height="630" fill="#f4f4f0"/><rect x="40" y="40" width="900" height="40" fill="#222"/><rect x="40" y="560" width="800" height="40" fill="#222"/>');
    const b = await frameDocument(card);
    expect(b.pixels).toBe(card);
  });
});

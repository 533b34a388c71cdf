// The page cut for reading in two halves (src/identity/ocr/split-read.ts): the cut runs through a
// gap between lines, slants with a photo taken at an angle, sees faint small print, ignores a
// card's edge and the table around it, and is refused where no gap crosses the page. The halves'
// results come back in the page's coordinates. Pages are drawn as bars of "text" (no font needed).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { OcrResult } from '../../src/identity/ocr/engine.js';
import { FakeOcrEngine } from '../../src/identity/ocr/fake-engine.js';
import { extractDocument } from '../../src/identity/ocr/extract.js';
import { type Decoded, decode } from '../../src/identity/ocr/pixels.js';
import { type Cut, findCut, mergeHalves, recognizeSplit } from '../../src/identity/ocr/split-read.js';

interface Bar {
  y: number;
  h: number;
  x0?: number;
  x1?: number;
  fill?: string;
}

/** A 1000×630 card of text bars, optionally turned and set on a dark table. */
async function page(bars: Bar[], opts: { rotate?: number; table?: boolean; photo?: { y0: number; y1: number } } = {}): Promise<Buffer> {
  // Each bar is a row of glyph-like boxes (a frame and a cross stroke), about as much ink as print.
  const rects = bars.flatMap((b) => {
    const out: string[] = [];
    const sw = Math.max(1.5, b.h / 10);
    for (let x = b.x0 ?? 60; x + b.h <= (b.x1 ?? 900); x += b.h * 1.1) {
      out.push(`<rect x="${x + sw / 2}" y="${b.y + sw / 2}" width="${b.h - sw}" height="${b.h - sw}" fill="none" stroke="${b.fill ?? '#222'}" stroke-width="${sw}"/>`);
      out.push(`<rect x="${x}" y="${b.y + b.h / 2 - sw / 2}" width="${b.h}" height="${sw}" fill="${b.fill ?? '#222'}"/>`);
    }
    return out;
  });
  if (opts.photo) rects.push(`<rect x="700" y="${opts.photo.y0}" width="260" height="${opts.photo.y1 - opts.photo.y0}" fill="#c4c7cc"/><circle cx="830" cy="${(opts.photo.y0 + opts.photo.y1) / 2}" r="60" fill="#8a8d92"/>`);
  const card = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="630"><rect width="1000" height="630" rx="30" fill="#f2f4ee" stroke="#7a9" stroke-width="4"/>${rects.join('')}</svg>`;
  let img = sharp(Buffer.from(card)).flatten({ background: opts.table ? '#3b342e' : '#f2f4ee' });
  if (opts.rotate) img = sharp(await img.png().toBuffer()).rotate(opts.rotate, { background: opts.table ? '#3b342e' : '#f2f4ee' });
  if (opts.table) img = sharp(await img.png().toBuffer()).extend({ top: 40, bottom: 40, left: 40, right: 40, background: '#3b342e' });
  return img.png().toBuffer();
}

/** Text pixels within 2 px of the cut line. */
function inkOnCut(img: Decoded, cut: Cut): number {
  let n = 0;
  for (let x = 0; x < img.width; x++) {
    const yc = Math.round(cut.y0 + ((cut.y1 - cut.y0) * x) / img.width);
    for (let y = yc - 2; y <= yc + 2; y++) {
      if (y < 0 || y >= img.height) continue;
      const i = (y * img.width + x) * img.channels;
      if (img.data[i]! < 50 && img.data[i + 1]! < 50) n++; // text (#222), not the table (#3b342e)
    }
  }
  return n;
}

const LINES: Bar[] = [60, 120, 180, 240, 300, 360, 420, 480, 540].map((y) => ({ y, h: 34 }));

describe('findCut', () => {
  it('cuts a level page between two lines near the middle of its text', async () => {
    const img = await decode(await page(LINES));
    const cut = (await findCut(img))!;
    expect(cut).not.toBeNull();
    expect(Math.abs(cut.y1 - cut.y0)).toBeLessThan(12);
    const y = (cut.y0 + cut.y1) / 2;
    // Between two of the bars (each spans y..y+34), and not far from the middle.
    expect(LINES.some((b, i) => i > 0 && y > LINES[i - 1]!.y + 34 && y < b.y)).toBe(true);
    expect(y).toBeGreaterThan(200);
    expect(y).toBeLessThan(450);
    expect(inkOnCut(img, cut)).toBe(0);
  });

  it('slants with a photo turned a few degrees, on a dark table, and crosses no text', async () => {
    const img = await decode(await page(LINES, { rotate: 3, table: true }));
    const cut = (await findCut(img))!;
    expect(cut).not.toBeNull();
    const deg = (Math.atan((cut.y1 - cut.y0) / img.width) * 180) / Math.PI;
    expect(deg).toBeGreaterThan(1.5);
    expect(deg).toBeLessThan(4.5);
    expect(inkOnCut(img, cut)).toBe(0);
  });

  it('sees faint small print in a gap and does not cut through it', async () => {
    // Two bold lines with a faint grey label between them, the only gap near the middle.
    const bars: Bar[] = [
      { y: 60, h: 40 }, { y: 130, h: 40 }, { y: 200, h: 40 },
      { y: 262, h: 12, fill: '#babcb6', x1: 400 },
      { y: 290, h: 40 }, { y: 360, h: 40 }, { y: 430, h: 40 },
    ];
    const img = await decode(await page(bars));
    const cut = (await findCut(img))!;
    expect(cut).not.toBeNull();
    for (const x of [100, 300]) {
      const y = cut.y0 + ((cut.y1 - cut.y0) * x) / img.width;
      expect(y < 262 - 1 || y > 274 + 1).toBe(true);
    }
  });

  it('passes through the inside of a photo beside the text, never along its top or bottom edge', async () => {
    const lines = LINES.map((b) => ({ ...b, x1: 660 }));
    for (const photo of [{ y0: 150, y1: 600 }, { y0: 285, y1: 600 }]) {
      const img = await decode(await page(lines, { photo }));
      const cut = (await findCut(img))!;
      expect(cut, JSON.stringify(photo)).not.toBeNull();
      expect(inkOnCut(img, cut)).toBe(0);
      // Where the cut meets the photo (x 700-960), it is well inside it or well clear of it.
      for (const x of [700, 830, 960]) {
        const y = cut.y0 + ((cut.y1 - cut.y0) * x) / img.width;
        expect(Math.min(Math.abs(y - photo.y0), Math.abs(y - photo.y1)), `${JSON.stringify(photo)} x=${x}`).toBeGreaterThan(15);
      }
    }
  });

  it('refuses a page where no gap crosses the text', async () => {
    // Lines set so tight that every row holds ink.
    const dense = Array.from({ length: 18 }, (_, i) => ({ y: 40 + i * 31, h: 32 }));
    expect(await findCut(await decode(await page(dense)))).toBeNull();
    // And a page too small to be worth two jobs.
    const small = await sharp({ create: { width: 400, height: 120, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(await findCut(await decode(small))).toBeNull();
  });
});

describe('recognizeSplit', () => {
  const line = (text: string, y: number): OcrResult['lines'][number] => ({
    text,
    confidence: 90,
    bbox: { x0: 60, y0: y, x1: 500, y1: y + 34 },
    words: [{ text, confidence: 90, bbox: { x0: 60, y0: y, x1: 500, y1: y + 34 } }],
  });

  it('reads the two halves at once and returns their lines in page coordinates, in order', async () => {
    const png = await page(LINES);
    const img = await decode(png);
    const cut = (await findCut(img))!;
    const engine = new FakeOcrEngine({ workers: 2, delayMs: 30, respond: (_i, _o, call) => ({ text: `L${call}\n`, confidence: 80 + call, lines: [line(`L${call}`, 10)] }) });
    const sizes: number[] = [];
    let inFlight = 0;
    let most = 0;
    const spy = Object.assign(Object.create(engine), {
      recognize: async (image: Buffer, o: Parameters<typeof engine.recognize>[1]) => {
        // Handed to the engine at once, in call order; sizes read meanwhile, stored by call.
        const call = sizes.push(0) - 1;
        most = Math.max(most, ++inFlight);
        const result = engine.recognize(image, o);
        sizes[call] = (await sharp(image).metadata()).height ?? 0;
        try {
          return await result;
        } finally {
          inFlight--;
        }
      },
    }) as typeof engine;
    const { ocr: out, halves } = await recognizeSplit(spy, png, img, { lang: 'jpn', psm: 6 });
    expect(halves).toBe(true);
    expect(most).toBe(2); // the halves were read side by side, not one after the other
    expect(sizes).toHaveLength(2);
    expect(sizes[0]! + sizes[1]!).toBeLessThan(img.height + 20); // no overlap beyond the slant
    const belowTop = img.height - sizes[1]!;
    expect(out.lines.map((l) => l.text)).toEqual(['L0', 'L1']);
    expect(out.lines[1]!.bbox.y0).toBe(10 + belowTop);
    expect(out.lines[1]!.words[0]!.bbox.y1).toBe(44 + belowTop);
    expect(belowTop).toBeLessThanOrEqual(Math.min(cut.y0, cut.y1));
  });

  it("paints each half's share of the gap with paper, so the card's border there is no line of its own", async () => {
    const png = await page(LINES);
    const img = await decode(png);
    const cut = (await findCut(img))!;
    expect(cut.clear).toBeGreaterThan(8);
    const engine = new FakeOcrEngine({ workers: 2, respond: () => ({ text: '', lines: [] }) });
    await recognizeSplit(engine, png, img, { lang: 'jpn', psm: 6 });
    const [above, below] = await Promise.all(engine.calls.map((c) => decode(c.image)));
    // The border (#7a9) covers the two leftmost columns; the paper is #f2f4ee.
    const dark = (h: Decoded, y: number) => [0, 1].some((x) => h.data[(y * h.width + x) * h.channels + 1]! < 0xe0);
    const yc = Math.round(cut.y0); // the cut at x = 0
    const aboveRows = Array.from({ length: above!.height }, (_, y) => y);
    // Above: the border down to the gap, paper from a few pixels into it.
    expect(dark(above!, yc - Math.ceil(cut.clear) - 4)).toBe(true);
    expect(aboveRows.filter((y) => y >= yc - cut.clear + 3).some((y) => dark(above!, y))).toBe(false);
    // Below: the same from its top (its rows start where the cut is highest).
    const top = img.height - below!.height;
    const belowRows = Array.from({ length: below!.height }, (_, y) => y);
    expect(belowRows.filter((y) => y + top <= yc + cut.clear - 3).some((y) => dark(below!, y))).toBe(false);
    expect(dark(below!, yc + Math.ceil(cut.clear) + 4 - top)).toBe(true);
  });

  it('reads an uncuttable page whole, in one job', async () => {
    const dense = Array.from({ length: 18 }, (_, i) => ({ y: 40 + i * 31, h: 32 }));
    const png = await page(dense);
    const engine = new FakeOcrEngine({ respond: () => ({ text: 'x', lines: [line('x', 5)] }) });
    const { ocr: out, halves } = await recognizeSplit(engine, png, await decode(png), { lang: 'jpn', psm: 6 });
    expect(halves).toBe(false);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]!.image).toBe(png);
    expect(out.lines[0]!.bbox.y0).toBe(5);
  });

  it('a document not recognised in halves is read whole before anything else is tried (extractDocument)', async () => {
    const png = await page(LINES);
    const licence = '氏名 山田 太郎 昭和60年 5月 1日生\n住所 東京都千代田区霞が関2丁目1番2号\n交付 令和03年05月01日 12345\n令和08年06月01日まで有効\n番号 第 309012345620 号\n東京都公安委員会';
    // Each half reads as noise; only the whole page reads as a licence.
    const engine = new FakeOcrEngine({ workers: 2, respond: async (image) => ((await sharp(image).metadata()).height === 630 ? licence : 'ー 導 いの') });
    const out = await extractDocument({ engine, image: png, transactionDate: '2025-10-01' });
    expect(out.document.type).toBe('DRIVERS_LICENSE');
    expect(out.document.fields.name?.value.replace(/\s/g, '')).toBe('山田太郎');
    const heights = await Promise.all(engine.calls.slice(0, 3).map(async (c) => (await sharp(c.image).metadata()).height));
    expect(heights[0]).toBeLessThan(630);
    expect(heights[1]).toBeLessThan(630);
    expect(heights[2]).toBe(630);
  });

  it('merges confidences by the amount of text each half read', () => {
    const a = { text: 'aaaa\n', confidence: 90, lines: [line('aaaa', 0)], ms: 5 };
    const b = { text: 'b\n', confidence: 40, lines: [line('b', 0)], ms: 7 };
    const m = mergeHalves(a, b, 300);
    expect(m.confidence).toBe(80);
    expect(m.text).toBe('aaaa\nb\n');
    expect(m.lines[1]!.bbox.y0).toBe(300);
    expect(m.ms).toBe(12);
  });
});

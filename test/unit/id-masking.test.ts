// Masking before storage (rules 47, 48, 50, 51): on text, on OCR word layouts, and on real images
// re-read by the real tesseract pool after masking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decideCapture } from '../../src/identity/masking/policy.js';
import { detectQrRegions } from '../../src/identity/masking/detect-qr.js';
import { findSensitiveRegions } from '../../src/identity/masking/find-regions.js';
import { maskDocumentImage } from '../../src/identity/masking/mask-image.js';
import { scrubFields, scrubText } from '../../src/identity/masking/scrub-text.js';
import type { BBox } from '../../src/identity/ocr/engine.js';
import { docFromOcr, docFromText, fullText } from '../../src/identity/ocr/parse-text.js';
import { TesseractPool } from '../../src/identity/ocr/tesseract-pool.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf');

/** Black text on a white 720×400 card through Pango (no fontconfig needed), plus an optional image. */
async function render(text: string, extra?: { input: Buffer; left: number; top: number }): Promise<Buffer> {
  const body = await sharp({ text: { text: `<span foreground="#111">${text}</span>`, font: 'Noto Sans JP 26', fontfile: FONT, dpi: 72, rgba: true, spacing: 22 } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 720, height: 400, channels: 3, background: '#ffffff' } })
    .composite([{ input: body, left: 40, top: 40 }, ...(extra ? [extra] : [])])
    .png()
    .toBuffer();
}

/** A QR-like symbol: three finder squares and random modules, `m` px per module. */
async function qrLike(modules = 25, m = 6, seed = 7): Promise<Buffer> {
  const px = Buffer.alloc(modules * m * modules * m, 255);
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  const finder = (x: number, y: number) => {
    const d = Math.max(Math.abs(x - 3), Math.abs(y - 3));
    return d !== 2; // 3×3 centre, light ring, dark ring: 1:1:3:1:1 through the middle
  };
  for (let y = 0; y < modules; y++) for (let x = 0; x < modules; x++) {
    let dark = rnd() < 0.5;
    if (x < 8 && y < 8) dark = x < 7 && y < 7 && finder(x, y);
    else if (x >= modules - 8 && y < 8) dark = x > modules - 8 && y < 7 && finder(x - (modules - 7), y);
    else if (x < 8 && y >= modules - 8) dark = x < 7 && y > modules - 8 && finder(x, y - (modules - 7));
    if (dark) for (let dy = 0; dy < m; dy++) px.fill(0, (y * m + dy) * modules * m + x * m, (y * m + dy) * modules * m + (x + 1) * m);
  }
  return sharp(px, { raw: { width: modules * m, height: modules * m, channels: 1 } }).png().toBuffer();
}

/** Every pixel of the box has the same value in every colour channel (and it is the fill, black). */
async function regionPixels(image: Buffer, b: BBox): Promise<Uint8Array> {
  const raw = await sharp(image).removeAlpha().extract({ left: b.x0, top: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 }).raw().toBuffer();
  return new Uint8Array(raw);
}

async function regionIsSolid(image: Buffer, b: BBox): Promise<boolean> {
  const px = await regionPixels(image, b);
  return px.length > 0 && px.every((v) => v === 0);
}

describe('scrubText / scrubFields (rule 48)', () => {
  it('masks a valid My Number in any spacing and leaves a bad check digit alone', () => {
    expect(scrubText('番号 123456789018 です')).toEqual({ text: '番号 ************ です', count: 1 });
    expect(scrubText('1234 5678 9018').count).toBe(1);
    expect(scrubText('1 2 3 4 5 6 7 8 9 0 1 8').text).not.toMatch(/\d/);
    expect(scrubText('123456789019')).toEqual({ text: '123456789019', count: 0 });
  });
  it('scrubs every field value', () => {
    const fields = { address: { value: '東京都 123456789018', confidence: 1, source: 'label' as const } };
    expect(scrubFields(fields)).toBe(1);
    expect(fields.address.value).not.toContain('9018');
  });
});

describe('decideCapture (rule 47)', () => {
  it('refuses a My Number card back unless the tenant allows masked address-update capture', () => {
    expect(decideCapture({ type: 'MY_NUMBER_CARD', side: 'back' })).toMatchObject({ action: 'refuse', code: 'my_number_back_refused' });
    expect(decideCapture({ type: 'MY_NUMBER_CARD', side: 'back' }, { allowMyNumberBackCapture: true }).action).toBe('mask');
    expect(decideCapture({ type: 'MY_NUMBER_CARD', side: 'front' }).action).toBe('mask');
  });
});

describe('findSensitiveRegions on OCR layouts', () => {
  const kinds = (text: string, type: Parameters<typeof findSensitiveRegions>[1] = 'UNKNOWN') => findSensitiveRegions(docFromText(text), type).map((r) => r.kind);
  it('finds a My Number split over words, one digit per word, or two lines', () => {
    expect(kinds('氏名 佐藤花子 1234 5678 9018')).toEqual(['my_number']);
    expect(kinds('1 2 3 4 5 6 7 8 9 0 1 8')).toEqual(['my_number']);
    expect(kinds('番号 1234 5678\n9018 以上').length).toBe(2); // one box per line
    expect(kinds('123456789019')).toEqual([]);
    expect(kinds('1234567890181234')).toEqual([]); // 16 contiguous digits are not a My Number
  });
  it('masks the 個人番号 value even when a misread breaks its check digit', () => {
    expect(kinds('個人番号 1234 5678 9019', 'RESIDENT_RECORD')).toEqual(['my_number']);
    expect(kinds('住民票コード 12345678901', 'RESIDENT_RECORD')).toEqual(['resident_code']);
  });
  it('masks insurance numbers by label and every long digit run, not dates (rule 51)', () => {
    const r = kinds('記号 愛知 1234 番号 56 (枝番) 01\n保険者番号 06123456\n生年月日 昭和55年 7月 7日', 'HEALTH_INSURANCE_CARD');
    expect(r.filter((k) => k === 'insurance_number').length).toBeGreaterThanOrEqual(4);
    const dates = findSensitiveRegions(docFromText('生年月日 昭和55年 7月 7日\n交付 令和3年4月1日'), 'HEALTH_INSURANCE_CARD');
    expect(dates).toEqual([]);
  });
  it('masks a line of Latin letters and digits that no label explains: a number misread as letters (health_insurance/degraded#24)', () => {
    const card = (line: string) => findSensitiveRegions(docFromText(`健康保険 被保険者証\n氏名 宮崎太郎\n${line}\n保険者名称 全国健康保険協会`), 'HEALTH_INSURANCE_CARD');
    expect(card('| asmg omie4ssz |').map((r) => r.kind)).toEqual(['insurance_number']);
    // Not a name in Latin letters (no digit), not a labelled or dated line, not on other documents.
    expect(card('NGUYEN VAN AN')).toEqual([]);
    expect(card('事業所名称 ACME Japan 3')).toEqual([]);
    expect(findSensitiveRegions(docFromText('| asmg omie4ssz |'), 'DRIVERS_LICENSE')).toEqual([]);
  });
});

describe('maskDocumentImage on real images, re-read by the real OCR engine', () => {
  let pool: TesseractPool;
  beforeAll(async () => {
    pool = new TesseractPool({ cacheDir: path.join(os.tmpdir(), 'daicho-test-tessdata'), workers: 1 });
    await pool.ready();
  });
  afterAll(async () => pool?.close());

  const reread = async (img: Buffer) => {
    const ocr = await pool.recognize(img, { lang: 'jpn', psm: 6 });
    const doc = docFromOcr(ocr);
    return { text: fullText(doc), myNumbers: findSensitiveRegions(doc, 'UNKNOWN') };
  };

  it('burns out a valid My Number: nothing recoverable, solid fill, metadata gone', async () => {
    const base = await render('個人番号  1234 5678 9018\n氏名  佐藤 花子\n生年月日  平成2年12月3日');
    // Give the input EXIF to prove it does not survive.
    const input = await sharp(base).jpeg({ quality: 95 }).withExif({ IFD0: { Copyright: 'secret-camera-serial' } }).toBuffer();
    const png = await sharp(input).png().toBuffer();
    const ocr = await pool.recognize(png, { lang: 'jpn', psm: 6 });
    expect(scrubText(fullText(docFromOcr(ocr)).replace(/(?<=\d) (?=\d)/g, '')).count).toBe(1); // it was readable
    const out = await maskDocumentImage(png, ocr, 'MY_NUMBER_CARD');
    expect(out.regions.some((r) => r.kind === 'my_number')).toBe(true);
    for (const r of out.regions) expect(await regionIsSolid(out.image, r.bbox)).toBe(true);
    const again = await reread(out.image);
    expect(again.myNumbers).toEqual([]);
    expect(again.text.replace(/\D/g, '')).not.toContain('56789018');
    expect(again.text).toContain('佐藤');
    expect((await sharp(out.image).metadata()).exif).toBeUndefined();
  });

  it('masks a My Number wrapped over two lines', async () => {
    const img = await render('住民票の写し\n個人番号  1234 5678\n9018\n氏名  高橋 健太');
    const ocr = await pool.recognize(img, { lang: 'jpn', psm: 6 });
    const out = await maskDocumentImage(img, ocr, 'RESIDENT_RECORD');
    const again = await reread(out.image);
    expect(again.text.replace(/\D/g, '')).not.toMatch(/1234|5678|9018/);
  });

  it('masks insurance numbers and a QR code on an insurance card (rule 51)', async () => {
    const qr = await qrLike();
    const img = await render('健康保険 被保険者証\n記号  1234    番号  56    (枝番) 01\n氏名  鈴木 一郎\n保険者番号  06123456\n交付年月日  令和3年 4月 1日', { input: qr, left: 560, top: 60 });
    const ocr = await pool.recognize(img, { lang: 'jpn', psm: 6 });
    const out = await maskDocumentImage(img, ocr, 'HEALTH_INSURANCE_CARD', { format: 'jpeg' });
    const qrBox = out.regions.find((r) => r.kind === 'qr_code')?.bbox;
    expect(qrBox).toBeDefined();
    expect(qrBox!.x0).toBeLessThanOrEqual(566);
    expect(qrBox!.x1).toBeGreaterThanOrEqual(560 + 150 - 6);
    const again = await reread(out.image);
    expect(again.text).not.toMatch(/06123456|1234/);
    expect(again.text).toContain('鈴木');
    expect(again.text).toMatch(/令和3年/);
    for (const r of out.regions) {
      // JPEG ringing at the edges: judge the core of each box.
      const core = { x0: r.bbox.x0 + 3, y0: r.bbox.y0 + 3, x1: r.bbox.x1 - 3, y1: r.bbox.y1 - 3 };
      expect(Math.max(...(await regionPixels(out.image, core)))).toBeLessThan(24);
    }
  });

  it('finds no QR code in text or a smooth photo-like area', async () => {
    const gradient = await sharp({ create: { width: 160, height: 160, channels: 3, background: '#886644' } }).blur(3).png().toBuffer();
    const img = await render('氏名  鈴木 一郎\n住所  東京都千代田区', { input: gradient, left: 420, top: 30 });
    const ocr = await pool.recognize(img, { lang: 'jpn', psm: 6 });
    expect(await detectQrRegions(img, ocr)).toEqual([]);
  });
});

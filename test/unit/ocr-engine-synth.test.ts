// The synthetic ID generator the OCR tests and benchmarks stand on: deterministic, valid numbers,
// regions inside the image, era dates right at the boundaries.

import { describe, expect, it } from 'vitest';
import {
  DOC_KINDS,
  VARIANTS,
  eraText,
  generateDocument,
  isValidLicenceNumber,
  isValidMyNumber,
  licenceCheckDigit,
  mrzCheckDigit,
  myNumberCheckDigit,
} from '../fixtures/synth/index.js';
import sharp from 'sharp';

describe('synthetic ID documents', () => {
  it('check digits match the public test vectors', () => {
    expect(myNumberCheckDigit('12345678901')).toBe('8'); // 総務省令 example
    expect(isValidMyNumber('621498320257')).toBe(true);
    expect(isValidMyNumber('621498320258')).toBe(false);
    expect(licenceCheckDigit('3090123456')).toBe('2');
    const l2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'; // ICAO 9303 specimen
    expect([mrzCheckDigit('L898902C3'), mrzCheckDigit('740812'), mrzCheckDigit('120415'), mrzCheckDigit('ZE184226B<<<<<')]).toEqual(['6', '2', '9', '1']);
    expect(mrzCheckDigit(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43))).toBe('0');
  });

  it('prints era dates with 元年 and switches era on the right day', () => {
    expect(eraText({ y: 1989, m: 1, d: 7 })).toBe('昭和64年1月7日');
    expect(eraText({ y: 1989, m: 1, d: 8 })).toBe('平成元年1月8日');
    expect(eraText({ y: 2019, m: 4, d: 30 })).toBe('平成31年4月30日');
    expect(eraText({ y: 2019, m: 5, d: 1 }, { pad: 'space' })).toBe('令和元年 5月 1日');
    expect(eraText({ y: 2025, m: 10, d: 1 }, { pad: 'zero' })).toBe('令和07年10月01日');
  });

  it('is deterministic, and a seed keeps its truth across variants', async () => {
    const a = await generateDocument('drivers_licence', { seed: 11 });
    const b = await generateDocument('drivers_licence', { seed: 11 });
    const hard = await generateDocument('drivers_licence', { seed: 11, variant: 'hard' });
    expect(b.png.equals(a.png)).toBe(true);
    const { regions: _r1, ...truthA } = a.truth;
    const { regions: _r2, ...truthHard } = hard.truth;
    expect(truthHard).toEqual(truthA);
    expect(hard.width).toBe(640);
  });

  it('generates numbers that pass their validators', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const lic = (await generateDocument('drivers_licence', { seed })).truth;
      expect(isValidLicenceNumber(lic.licenceNumber)).toBe(true);
      expect(lic.issueDate.iso <= '2025-10-01').toBe(true);
      expect(lic.expiry.text).toMatch(/^令和(元|\s?\d+)年.*まで有効$/);
      expect(isValidMyNumber((await generateDocument('my_number_back', { seed })).truth.myNumber)).toBe(true);
      expect((await generateDocument('residence_card', { seed })).truth.cardNumber).toMatch(/^[A-Z]{2}\d{8}[A-Z]{2}$/);
      expect((await generateDocument('health_insurance', { seed })).truth.insurerNumber).toMatch(/^\d{8}$/);
      const pp = (await generateDocument('passport', { seed })).truth;
      const [l1, l2] = pp.mrz;
      expect(l1).toHaveLength(44);
      expect(l2).toHaveLength(44);
      expect(l1.startsWith(`P<JPN${pp.surname}<<`)).toBe(true);
      expect(l2[9]).toBe(mrzCheckDigit(l2.slice(0, 9)));
      expect(l2[19]).toBe(mrzCheckDigit(l2.slice(13, 19)));
      expect(l2[27]).toBe(mrzCheckDigit(l2.slice(21, 27)));
      expect(l2[43]).toBe(mrzCheckDigit(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43)));
    }
  });

  it.each(DOC_KINDS)('renders %s in every variant with regions inside the image', async (kind) => {
    for (const variant of VARIANTS) {
      const doc = await generateDocument(kind, { seed: 3, variant });
      const meta = await sharp(doc.png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', doc.width, doc.height]);
      const regions = Object.values(doc.truth.regions);
      expect(regions.length).toBeGreaterThan(0);
      for (const r of regions) {
        expect(r!.x0).toBeGreaterThanOrEqual(-2);
        expect(r!.y0).toBeGreaterThanOrEqual(-2);
        expect(r!.x1).toBeLessThanOrEqual(doc.width + 2);
        expect(r!.y1).toBeLessThanOrEqual(doc.height + 2);
        expect(r!.x1).toBeGreaterThan(r!.x0);
      }
    }
  });
});

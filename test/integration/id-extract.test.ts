// extractDocument end to end with the real tesseract pool, one synthetic document per type: the
// fields read equal the truth the generator printed, validations and masking are as the rules say.
// A few seeds per type keep the OCR time modest (about 0.5 s per image on a warm worker).
import { type DocKind, type SynthDoc, generateDocument } from '../fixtures/synth/index.js';
import os from 'node:os';
import sharp from 'sharp';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtractOutput, extractDocument } from '../../src/identity/ocr/extract.js';
import { TesseractPool } from '../../src/identity/ocr/tesseract-pool.js';
import { scrubText } from '../../src/identity/masking/scrub-text.js';
import { docFromOcr, fullText } from '../../src/identity/ocr/parse-text.js';
import { parseDriversLicence } from '../../src/identity/ocr/parse-drivers-licence.js';
import { parseResidenceCard } from '../../src/identity/ocr/parse-residence-card.js';
import { parseResidentRecord } from '../../src/identity/ocr/parse-resident-record.js';
import { decode } from '../../src/identity/ocr/pixels.js';
import { findCut, recognizeSplit } from '../../src/identity/ocr/split-read.js';
import { TX_DATE, expectedFields, fold } from '../bench/ocr-accuracy.js';

let pool: TesseractPool;
beforeAll(async () => {
  pool = new TesseractPool({ cacheDir: path.join(os.tmpdir(), 'daicho-test-tessdata'), workers: 2 });
  await pool.ready();
});
afterAll(async () => pool?.close());

async function extract(kind: DocKind, seed: number, variant: 'clean' | 'degraded' | 'photo' = 'clean') {
  const doc = await generateDocument(kind, { seed, variant });
  const out = await extractDocument({ engine: pool, image: doc.png, transactionDate: TX_DATE });
  return { doc, out };
}

/** Fields that differ from the truth, as `field: got ≠ want` (empty when all match). */
function mismatches(doc: SynthDoc, out: ExtractOutput): string[] {
  const fields = out.document.fields as Record<string, { value: unknown } | undefined>;
  return Object.entries(expectedFields(doc))
    .filter(([k, want]) => fold(k, fields[k]?.value) !== fold(k, want))
    .map(([k, want]) => `${k}: ${JSON.stringify(fields[k]?.value)} ≠ ${JSON.stringify(want)}`);
}

const codes = (xs: Array<{ code: string }>) => xs.map((x) => x.code);

// Seeds whose names avoid 𠮷 (outside the OCR model's character set: read as 天/吉/宮).
describe('extractDocument on generated documents (real OCR)', () => {
  it('運転免許証: every field, licence number checks (rule 54), not expired (rule 55)', async () => {
    const { doc, out } = await extract('drivers_licence', 1);
    expect(out.document.type).toBe('DRIVERS_LICENSE');
    expect(mismatches(doc, out)).toEqual([]);
    expect(out.document.validations.find((v) => v.code === 'licence_number_format')?.ok).toBe(true);
    expect(out.document.validations.find((v) => v.code === 'document_not_expired')?.ok).toBe(true);
    expect(out.maskedImage).not.toBeNull();
  });

  it('a phone photo of a 運転免許証 on a desk: read in full, and what is stored is the card, not the desk', async () => {
    const { doc, out } = await extract('drivers_licence', 2, 'photo');
    expect(out.document.type).toBe('DRIVERS_LICENSE');
    expect(mismatches(doc, out)).toEqual([]);
    const stored = await sharp(out.maskedImage!).metadata();
    // The 4000 × 3000 frame holds the card over 50-70% of its width: the stored image is the card
    // and its margin, at the size it was read at.
    expect(stored.width).toBeLessThanOrEqual(1280);
    // A card's 1.59:1 (turned a few degrees, with its margin), not the camera's 4:3.
    expect(stored.width! / stored.height!).toBeGreaterThan(1.45);
  });

  it('a page read in two halves side by side: every line whole on one side of the cut, the fields read (split-read.ts)', async () => {
    const parsers = { drivers_licence: parseDriversLicence, residence_card: parseResidenceCard, juminhyo: parseResidentRecord } as const;
    for (const [kind, parse] of Object.entries(parsers)) {
      const doc = await generateDocument(kind as DocKind, { seed: 1 });
      const img = await decode(doc.png);
      const cut = (await findCut(img))!;
      expect(cut, kind).not.toBeNull();
      const { ocr: halves, halves: split } = await recognizeSplit(pool, doc.png, img, { lang: 'jpn', psm: kind === 'juminhyo' ? 4 : 6, dpi: kind === 'juminhyo' ? 150 : 72 });
      expect(split, kind).toBe(true);
      const lineAt = (l: (typeof halves.lines)[number]) => cut.y0 + ((cut.y1 - cut.y0) * (l.bbox.x0 + l.bbox.x1)) / 2 / img.width;
      expect(halves.lines.some((l) => l.bbox.y1 <= lineAt(l)), kind).toBe(true);
      expect(halves.lines.some((l) => l.bbox.y0 >= lineAt(l)), kind).toBe(true);
      for (const l of halves.lines) expect(l.bbox.y1 <= lineAt(l) + 2 || l.bbox.y0 >= lineAt(l) - 2, `${kind}: ${l.text}`).toBe(true);
      const f = parse(docFromOcr(halves)).fields;
      const want = expectedFields(doc);
      for (const k of ['name', 'dateOfBirth', 'address'] as const) expect(fold(k, f[k]?.value), `${kind} ${k}`).toBe(fold(k, want[k]));
    }
  });

  it('運転免許証 expired before the transaction date is rejected (rule 55)', async () => {
    const doc = await generateDocument('drivers_licence', { seed: 3 });
    const out = await extractDocument({ engine: pool, image: doc.png, transactionDate: '2031-01-01' });
    expect(out.document.validations.find((v) => v.code === 'document_not_expired')?.ok).toBe(false);
  });

  it('個人番号カード front: fields, and never a number (rule 58)', async () => {
    const { doc, out } = await extract('my_number_front', 1);
    expect([out.document.type, out.document.side]).toEqual(['MY_NUMBER_CARD', 'front']);
    expect(mismatches(doc, out)).toEqual([]);
    expect(out.document.fields.documentNumber).toBeUndefined();
  });

  it('個人番号カード back: refused, nothing kept (rule 47)', async () => {
    const { out } = await extract('my_number_back', 2, 'degraded');
    expect(out.refused?.code).toBe('my_number_back_refused');
    expect(out.maskedImage).toBeNull();
    expect(out.document.fields).toEqual({});
  });

  it('在留カード: fields, number format (rule 57), online check recommended', async () => {
    const { doc, out } = await extract('residence_card', 1);
    expect(out.document.type).toBe('RESIDENCE_CARD');
    expect(mismatches(doc, out)).toEqual([]);
    expect(out.document.validations.find((v) => v.code === 'residence_card_number_format')?.ok).toBe(true);
    expect(codes(out.document.warnings)).toContain('residence_card_online_check');
  });

  it('在留カード: look-alikes the Japanese model misreads in the number (Q as O, LM as L上M) come out right', async () => {
    // Seeds whose first pass read OU02445458KV and MO03301792FX: the shape-constrained re-read fixes them.
    for (const seed of [5, 14]) {
      const { doc, out } = await extract('residence_card', seed);
      expect(out.document.fields.documentNumber?.value).toBe(doc.truth.kind === 'residence_card' && doc.truth.cardNumber);
    }
  });

  it('健康保険証: fields, no number, numbers masked, expired as ID from 2025-12-02 (rules 51, 53)', async () => {
    const { doc, out } = await extract('health_insurance', 2);
    expect(out.document.type).toBe('HEALTH_INSURANCE_CARD');
    expect(mismatches(doc, out).filter((m) => !m.startsWith('name'))).toEqual([]); // 渡邉: 邉 may read 邊
    expect(out.document.fields.documentNumber).toBeUndefined();
    expect(out.document.validations.find((v) => v.code === 'insurance_numbers_masked')?.ok).toBe(true);
    const again = await pool.recognize(out.maskedImage!, { lang: 'jpn', psm: 6 });
    const digits = again.lines.map((l) => l.text.replace(/\D/g, '')).join('|');
    const t = doc.truth as { insurerNumber: string; symbol: string };
    expect(digits).not.toContain(t.insurerNumber);
    if (t.symbol.replace(/\D/g, '').length >= 4) expect(digits).not.toContain(t.symbol.replace(/\D/g, ''));
    const later = await extractDocument({ engine: pool, image: doc.png, transactionDate: '2025-12-02' });
    expect(later.document.validations.find((v) => v.code === 'insurance_card_valid_as_id')?.ok).toBe(false);
  });

  it('住民票の写し: fields, and a printed 個人番号 is masked before acceptance (rule 50)', async () => {
    const { doc, out } = await extract('juminhyo', 8);
    expect(out.document.type).toBe('RESIDENT_RECORD');
    expect(mismatches(doc, out)).toEqual([]);
    const printed = (doc.truth as { myNumber: string | null }).myNumber;
    expect(printed).not.toBeNull(); // this seed prints one
    expect(out.document.validations.find((v) => v.code === 'my_number_masked')?.ok).toBe(true);
    const again = await pool.recognize(out.maskedImage!, { lang: 'jpn', psm: 4 });
    expect(scrubText(fullText(docFromOcr(again)).replace(/(?<=\d)\s(?=\d)/g, '')).count).toBe(0);
    expect(again.text.replace(/\D/g, '')).not.toContain(printed!.slice(4));
  });

  it('旅券: fields from the MRZ with all five check digits (rule 56) and the address warning (rule 23)', async () => {
    const { doc, out } = await extract('passport', 2);
    expect(out.document.type).toBe('PASSPORT');
    expect(mismatches(doc, out)).toEqual([]);
    const mrz = out.document.validations.filter((v) => v.code.startsWith('mrz_'));
    expect(mrz.map((v) => v.code).sort()).toEqual(['mrz_birth_date', 'mrz_composite', 'mrz_document_number', 'mrz_expiry_date', 'mrz_personal_number']);
    expect(mrz.every((v) => v.ok)).toBe(true);
    expect(codes(out.document.warnings)).toContain('passport_address_not_proven');
  });

  it('an upside-down card is turned and read', async () => {
    const doc = await generateDocument('my_number_front', { seed: 1 });
    const sharp = (await import('sharp')).default;
    const flipped = await sharp(doc.png).rotate(180).png().toBuffer();
    const out = await extractDocument({ engine: pool, image: flipped, transactionDate: TX_DATE });
    expect(out.document.type).toBe('MY_NUMBER_CARD');
    expect(codes(out.document.warnings)).toContain('rotated_180');
    expect(mismatches(doc as SynthDoc, out)).toEqual([]);
  });

  it('an image with no document: no_document_found, nothing to store', async () => {
    const sharp = (await import('sharp')).default;
    const blank = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#d8d0c0' } }).png().toBuffer();
    const out = await extractDocument({ engine: pool, image: blank, transactionDate: TX_DATE });
    expect(out.document.type).toBe('UNKNOWN');
    expect(codes(out.document.warnings)).toContain('no_document_found');
    expect(out.maskedImage).toBeNull();
  });
});

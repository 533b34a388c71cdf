// The photo PII detectors on OCR text (no engine: docFromText / FakeOcrEngine), the plate-shape
// detector on ../shared/testdata/plates against hand-drawn ground truth, and the upload checks.
import fs from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FakeOcrEngine, textResult } from '../../src/identity/ocr/fake-engine.js';
import { docFromText } from '../../src/identity/ocr/parse-text.js';
import { contactNameProposals } from '../../src/images/detect/contacts.js';
import { documentProposals } from '../../src/images/detect/documents.js';
import { labelProposals } from '../../src/images/detect/labels.js';
import { numberProposals } from '../../src/images/detect/numbers.js';
import { detectPlates } from '../../src/images/detect/plate-shape.js';
import { plateTextProposals } from '../../src/images/detect/plate-text.js';
import { proposeRegions } from '../../src/images/detect/propose.js';
import { boxArea, intersection } from '../../src/images/detect/raster.js';
import { screenTextProposals } from '../../src/images/detect/screen-text.js';
import { logicalEnd, validatePhoto } from '../../src/images/validate-upload.js';
import { TESTDATA } from '../helpers/photo-fixtures.js';

const kinds = (ps: Array<{ detector: string }>) => ps.map((p) => p.detector).sort();

describe('text detectors (Japanese has no spaces: character spans map back to character boxes)', () => {
  it('finds a name after 氏名 inside one OCR word and boxes only the name', () => {
    const doc = docFromText('氏名山田太郎');
    const [p] = labelProposals(doc);
    expect(p).toMatchObject({ kind: 'name_or_address', detector: 'name_label', text: '山田太郎' });
    // 20 px per char in docFromText: the label (chars 0-1) stays outside, padded by 30% of 30 px
    expect(p!.rect.x).toBeGreaterThanOrEqual(40 - 9);
    expect(p!.rect.x + p!.rect.width).toBeLessThanOrEqual(120 + 9);
  });

  it('finds owners, users and addresses on a 車検証 and their values on the next line', () => {
    const doc = docFromText('所有者の氏名又は名称\n株式会社オートローン\n使用の本拠の位置 東京都多摩市関戸1-1-1\n車台番号 ZVW30-1234567');
    const found = labelProposals(doc);
    expect(kinds(found)).toEqual(expect.arrayContaining(['address', 'address_label', 'chassis_number', 'name_label']));
    expect(found.find((p) => p.detector === 'name_label')?.text).toBe('株式会社オートローン');
  });

  it('phone numbers (grouped any way, +81, brackets), postal codes, IMEIs, My Numbers', () => {
    const doc = docFromText('TEL 03-1234-5678 携帯 090 1234 5678\n+81 90-1234-5678 (03)1234-5678\n〒100-0001 東京都千代田区千代田1-1\nIMEI 35 693803 564380 9\n個人番号 1234 5678 9018');
    const found = numberProposals(doc);
    expect(found.filter((p) => p.detector === 'phone_number').map((p) => p.text?.replace(/\D/g, ''))).toEqual(['0312345678', '09012345678', '819012345678', '0312345678']);
    expect(kinds(found)).toEqual(expect.arrayContaining(['postal_code', 'imei', 'my_number']));
    expect(numberProposals(docFromText('2026年11月22日 合計 45,000円 型番 A2633'))).toEqual([]);
  });

  it('plates read as text, on one line or two', () => {
    expect(plateTextProposals(docFromText('多摩 500\nさ 46-49'), { width: 800, height: 200 })).toHaveLength(1);
    expect(plateTextProposals(docFromText('品川300あ1234'), { width: 800, height: 200 })[0]?.text).toBe('品川300あ1234');
    expect(plateTextProposals(docFromText('ありがとうございます 12'), { width: 800, height: 200 })).toEqual([]);
  });

  it('documents by keywords are never published (rule 60); a phone screen with notifications too', () => {
    expect(documentProposals(docFromText('自動車検査証\n車台番号 ZVW30-1234567'))[0]).toMatchObject({ kind: 'vehicle_document', neverPublish: true });
    expect(documentProposals(docFromText('運転免許証\n氏名 山田太郎'))[0]).toMatchObject({ kind: 'id_document', neverPublish: true });
    expect(documentProposals(docFromText('本日のおすすめ\n特価品'))).toEqual([]);
    const screen = screenTextProposals(docFromText('12:34\n通知 3件の新着メッセージ\n山田さん: 明日の件ですが\nLINE 佐藤: 了解しました'));
    expect(screen[0]).toMatchObject({ kind: 'screen_text', neverPublish: true });
  });

  it('names beside phone numbers on a contacts row', () => {
    const doc = docFromText('Jean Claude DUSS pro       0123 456 7891\nPatrick Chirac             0123 456 78910');
    const phones = numberProposals(doc);
    expect(contactNameProposals(doc, phones).map((p) => p.text)).toEqual(['Jean Claude DUSS pro', 'Patrick Chirac']);
  });

  it('proposeRegions runs OCR through the engine interface and answers boxes in the photo’s coordinates', async () => {
    const image = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#fff' } }).png().toBuffer();
    const ocr = new FakeOcrEngine().script(textResult('氏名 山田太郎\n電話 090-1234-5678'));
    const { proposals, summary } = await proposeRegions({ image, size: { width: 1000, height: 500 }, subject: 'other', ocr, faces: null, maxPixels: 4e7 });
    expect(summary).toMatchObject({ ocr: 'done', plates: 'skipped', faces: 'unavailable' });
    expect(kinds(proposals)).toEqual(['name_label', 'phone_number']);
    // the OCR ran on a 2× enlargement; boxes come back halved
    expect(ocr.calls[0]!.opts).toMatchObject({ lang: 'jpn+eng', psm: 3 });
    expect(proposals.every((p) => p.rect.x + p.rect.width <= 1000)).toBe(true);
  });
});

describe('plates by image analysis on ../shared/testdata/plates (ground truth drawn by hand)', () => {
  it('proposes a plate region covering the plate in ≥ 95% of the images', async () => {
    const gt = JSON.parse(fs.readFileSync(new URL('../fixtures/photos/plates-ground-truth.json', import.meta.url), 'utf8')).images as Record<string, number[]>;
    let hit = 0;
    for (const [file, b] of Object.entries(gt)) {
      const g = { x0: b[0]!, y0: b[1]!, x1: b[2]!, y1: b[3]! };
      const found = await detectPlates(fs.readFileSync(`${TESTDATA}plates/${file}`), { maxPixels: 4e7 });
      if (found.some((p) => intersection(p.box, g) >= 0.9 * boxArea(g) && boxArea(p.box) <= 3 * boxArea(g))) hit++;
    }
    expect(hit / Object.keys(gt).length).toBeGreaterThanOrEqual(0.95);
  });
});

describe('upload checks', () => {
  it('finds the logical end of JPEG, PNG and WebP, so anything appended is seen', async () => {
    const base = sharp({ create: { width: 32, height: 24, channels: 3, background: '#369' } });
    for (const [fmt, buf] of [['jpeg', await base.clone().jpeg().toBuffer()], ['png', await base.clone().png().toBuffer()], ['webp', await base.clone().webp().toBuffer()]] as const) {
      expect(logicalEnd(buf, fmt), fmt).toBe(buf.length);
      expect(logicalEnd(Buffer.concat([buf, Buffer.from('PK\x03\x04zip')]), fmt), fmt).toBe(buf.length);
      await expect(validatePhoto(Buffer.concat([buf, Buffer.from('<?php echo 1; ?>')]), 4e7)).rejects.toMatchObject({ code: 'image_polyglot' });
      await expect(validatePhoto(Buffer.concat([buf, Buffer.alloc(16)]), 4e7)).resolves.toMatchObject({ format: fmt });
    }
  });
});

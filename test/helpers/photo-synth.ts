// Synthetic Japanese text photos for the OCR tests of issue #5, rendered with Noto Sans JP (no real
// person's data): a parking permit with labelled personal data and plain words around it, and a
// 自動車検査証記録事項 sheet (a document that must never be published, rule 60).
import '../fixtures/synth/fonts.js';
import sharp from 'sharp';
import { SvgCanvas } from '../fixtures/synth/svg.js';

export const permitTruth = {
  name: '山田花子',
  address: '東京都渋谷区神南1-2-3',
  postalCode: '150-0041',
  phone: '090-1234-5678',
  chassis: 'ZVW30-1234567',
  /** Printed too, not personal: must still be readable after redaction. */
  heading: '駐車許可証',
  footer: 'ご来店ありがとうございます',
};

async function render(c: SvgCanvas, background: string): Promise<Buffer> {
  return sharp(Buffer.from(c.toSvg(background))).jpeg({ quality: 92 }).toBuffer();
}

export async function parkingPermit(): Promise<Buffer> {
  const c = new SvgCanvas(1200, 800);
  const s = { size: 40 };
  c.text(80, 110, permitTruth.heading, { size: 56, weight: 700 });
  c.text(80, 220, `お名前　${permitTruth.name}`, s);
  c.text(80, 300, `住所　${permitTruth.address}`, s);
  c.text(80, 380, `〒${permitTruth.postalCode}`, s);
  c.text(80, 460, `電話　${permitTruth.phone}`, s);
  c.text(80, 540, `車台番号　${permitTruth.chassis}`, s);
  c.text(80, 680, permitTruth.footer, s);
  return render(c, '#fbfaf5');
}

export async function vehicleRecordSheet(): Promise<Buffer> {
  const c = new SvgCanvas(1400, 900);
  const s = { size: 36 };
  c.rect(60, 60, 1280, 780, 'none', 'stroke="#333" stroke-width="3"');
  c.text(100, 140, '自動車検査証記録事項', { size: 52, weight: 700 });
  c.text(100, 240, '自動車登録番号　多摩500さ4649', s);
  c.text(100, 320, '車台番号　ZVW30-1234567', s);
  c.text(100, 400, '使用者の氏名又は名称　山田太郎', s);
  c.text(100, 480, '使用の本拠の位置　東京都多摩市関戸1-1-1', s);
  c.text(100, 560, '有効期間の満了する日　令和9年3月31日', s);
  return render(c, '#ffffff');
}

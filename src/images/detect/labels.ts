// Names and addresses found by what is printed beside them, and by their shape:
// - the value after a label: 氏名, 名前, 所有者(の氏名又は名称), 使用者(…) → a name; 住所, 所在地,
//   使用の本拠の位置 → an address (a 車検証 or 記録事項 sheet, a parking permit, a delivery slip);
// - Japanese addresses without a label: a prefecture, or a 市区町村 followed by 丁目/番地/号 digits;
// - 車台番号 values and chassis-number shapes (model code + serial, 17-character VINs): DOMAIN §6.1
//   says to mask the 車台番号 at least in part in listing photos.
// Labels tolerate OCR's look-alike kanji (identity/ocr/parse-labels).
import { labelRe, stopRe } from '../../identity/ocr/parse-labels.js';
import { type DocText, findAll, valueAfter } from '../../identity/ocr/parse-text.js';
import type { Proposal } from '../regions/kinds.js';
import { spanProposal } from './text-spans.js';

const NAME_LABEL = labelRe('所有者の氏名又は名称', '使用者の氏名又は名称', '所有者', '使用者', '契約者', 'お名前', '氏名', '名前');
const ADDRESS_LABEL = labelRe('使用の本拠の位置', '所有者の住所', '使用者の住所', '所在地', '住所');
const CHASSIS_LABEL = labelRe('車台番号');
const ANY_LABEL = stopRe(NAME_LABEL, ADDRESS_LABEL, CHASSIS_LABEL, labelRe('生年月日', '電話番号', '型式', '車名', '登録番号', '有効期間'));

const PREFECTURE = /(?:北海道|東京都|京都府|大阪府|[一-龯]{2,3}県)[一-龯ぁ-んァ-ヶー々\d\s\-−－の]{2,40}/u;
const CITY_BLOCK = /[一-龯々ヶ]{1,6}[市区町村][一-龯ぁ-んァ-ヶー々]{0,12}\d{1,4}(?:丁目|番地?|号|[-−－ー]\d{1,4})(?:[\d\-−－ー番地号の]{0,12})/u;
const CHASSIS_SHAPE = /(?<![A-Z0-9])(?:[A-Z]{1,5}\d{1,3}[A-Z]{0,2}[-−－ー]\d{5,7}|[A-HJ-NPR-Z0-9]{17})(?![A-Z0-9])/u;

export function labelProposals(doc: DocText): Proposal[] {
  const out: Proposal[] = [];
  const push = (p: Proposal | null) => {
    if (p) out.push(p);
  };
  for (const hit of findAll(doc, NAME_LABEL)) {
    const v = valueAfter(doc, hit, ANY_LABEL);
    if (v && v.end - v.start <= 40) push(spanProposal(doc, v, { kind: 'name_or_address', detector: 'name_label', neverPublish: false }));
  }
  for (const hit of findAll(doc, ADDRESS_LABEL)) {
    const v = valueAfter(doc, hit, ANY_LABEL);
    if (v) push(spanProposal(doc, v, { kind: 'name_or_address', detector: 'address_label', neverPublish: false }));
  }
  for (const re of [PREFECTURE, CITY_BLOCK]) {
    for (const hit of findAll(doc, re)) push(spanProposal(doc, hit, { kind: 'name_or_address', detector: 'address', neverPublish: false }));
  }
  for (const hit of findAll(doc, CHASSIS_LABEL)) {
    const v = valueAfter(doc, hit, ANY_LABEL);
    if (v) push(spanProposal(doc, v, { kind: 'other', detector: 'chassis_number', neverPublish: false }));
  }
  for (const hit of findAll(doc, CHASSIS_SHAPE)) push(spanProposal(doc, hit, { kind: 'other', detector: 'chassis_number', neverPublish: false }));
  return out;
}

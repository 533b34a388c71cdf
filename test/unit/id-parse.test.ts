// ID parsers on OCR-like text: tesseract's CJK spacing (`氏 名 山 田`), look-alike misreads
// (信和 for 令和, 衝号 for 番号, 生年月曰), labels and values on one line or split over two.
import { describe, expect, it } from 'vitest';
import { detectDocument } from '../../src/identity/ocr/detect-document.js';
import type { ExtractedDocument } from '../../src/identity/ocr/fields.js';
import { birthdayFromExpiry, parseDriversLicence } from '../../src/identity/ocr/parse-drivers-licence.js';
import { parseHealthInsurance } from '../../src/identity/ocr/parse-health-insurance.js';
import { parseMyNumberFront } from '../../src/identity/ocr/parse-my-number-front.js';
import { parseResidenceCard } from '../../src/identity/ocr/parse-residence-card.js';
import { parsePassport } from '../../src/identity/ocr/parse-passport.js';
import { parseResidentRecord } from '../../src/identity/ocr/parse-resident-record.js';
import type { OcrLine, OcrResult } from '../../src/identity/ocr/engine.js';
import { docFromOcr, docFromText } from '../../src/identity/ocr/parse-text.js';
import { validateExtracted } from '../../src/identity/ocr/parse-validations.js';
import { normalizeName } from '../../src/shared/japanese.js';

const spaced = (s: string) => s.split('\n').map((l) => [...l.replace(/ /g, '')].join(' ')).join('\n');

const LICENCE = `氏名 山田 太郎 昭和60年 5月 1日生
住所 東京都千代田区霞が関2丁目1番2号
交付 令和03年05月01日 12345
令和08年06月01日まで有効
免許の条件等 眼鏡等
番号 第 309012345620 号
種類 普通 大特 原付
東京都公安委員会 運転免許証`;

/** A residence card front as OCR text: the name row, the birth-date row and an address row. */
const residenceCard = (nameRow: string, birthRow: string) => parseResidenceCard(docFromText(`在留カード\n${nameRow}\n${birthRow}\n住居地 宮城県仙台市青葉区一番町9-10-6`)).fields;
describe('detectDocument', () => {
  it.each([
    [LICENCE, 'DRIVERS_LICENSE', 'front'],
    ['個人番号カード\n氏名 佐藤花子\n2030年5月1日まで有効', 'MY_NUMBER_CARD', 'front'],
    ['個人番号 1234 5678 9018\n氏名 佐藤花子', 'MY_NUMBER_CARD', 'back'],
    ['在留カード 番号 AB12345678CD\n在留資格 永住者\n住居地 東京都新宿区', 'RESIDENCE_CARD', 'front'],
    ['健康保険 被保険者証\n記号 12 番号 34\n保険者番号 06123456', 'HEALTH_INSURANCE_CARD', 'unknown'],
    ['資格確認書\n被保険者 氏名 鈴木一郎\n保険者番号 06123456', 'QUALIFICATION_CERTIFICATE', 'unknown'],
    ['住民票の写し\n氏名 高橋健太\n世帯主 高橋健太\n上記は原本と相違ないことを証明する', 'RESIDENT_RECORD', 'front'],
    ['P<JPNYAMADA<<TARO<<<<<<<<<<<<<<<<<<<<<<<<<<<\nTK12345670JPN8505017M3001019<<<<<<<<<<<<<<02', 'PASSPORT', 'front'],
  ])('detects %#', (text, type, side) => {
    const d = detectDocument(spaced(text));
    expect([d.type, d.side]).toEqual([type, side]);
    expect(d.evidence.length).toBeGreaterThan(0);
  });

  it('knows a passport data page by its shapes when its labels and MRZ were lost (as read, not spaced)', () => {
    const page = '日本国 JAPAN 旅券 PASSPORT\nしJPN TR8089063\nHASEGAWA\nJA5PAN 03 SEP1943\n02MAR2034';
    expect(detectDocument(page).type).toBe('PASSPORT');
    // The title alone is not enough, nor a residence card's number (2 letters, 8 digits, 2 letters).
    expect(detectDocument('旅券 PASSPORT\nHASEGAWA').type).toBe('UNKNOWN');
    expect(detectDocument('PASSPORT\nAB12345678CD').type).toBe('UNKNOWN');
    // Dates whose day was lost (`0s JUN 1977`) still count; a month's letters inside a name do not.
    expect(detectDocument('日本国 JApPAN 旅券 PASSsponT\n5 JpN 5 TS1e72516\nHASEGAWA\nJAPAN 0s JUN 1977\n拓 DEC 2023').type).toBe('PASSPORT');
    expect(detectDocument('旅券 PASSPORT\nJUNKO 2023').type).toBe('UNKNOWN');
  });

  it('tolerates look-alike misreads of the keywords', () => {
    expect(detectDocument('運転免許証\n東京都公安委員曾\n免許の条件等').type).toBe('DRIVERS_LICENSE');
    expect(detectDocument('在留カ一ド\n在留資恪 永住者\n住居地 東京都').type).toBe('RESIDENCE_CARD');
  });

  it('a 12-digit number passing the My Number check digit makes it a back side, whatever the hint says', () => {
    const d = detectDocument('氏名 佐藤花子\n123456789018', { type: 'MY_NUMBER_CARD', side: 'front' });
    expect([d.type, d.side]).toEqual(['MY_NUMBER_CARD', 'back']);
    expect(d.warnings.map((w) => w.code)).toContain('side_hint_contradicted');
  });

  it('the hint wins unless the content contradicts it strongly', () => {
    expect(detectDocument('氏名 山田太郎\n住所 東京都', { type: 'MY_NUMBER_CARD' }).type).toBe('MY_NUMBER_CARD');
    const strong = detectDocument(LICENCE, { type: 'RESIDENCE_CARD' });
    expect(strong.type).toBe('DRIVERS_LICENSE');
    expect(strong.warnings.map((w) => w.code)).toContain('type_hint_contradicted');
  });

  it('reports unknown for unrelated text', () => {
    expect(detectDocument('領収書\n合計 1,200円').type).toBe('UNKNOWN');
  });
});

describe('parseDriversLicence', () => {
  it('reads every field from tesseract-spaced text, by label', () => {
    const f = parseDriversLicence(docFromText(spaced(LICENCE))).fields;
    expect(normalizeName(f.name!.value)).toBe('山田太郎');
    expect(f.dateOfBirth?.value).toBe('1985-05-01');
    expect(f.address?.value).toBe('東京都千代田区霞が関2丁目1番2号');
    expect(f.issueDate?.value).toBe('2021-05-01');
    expect(f.expiryDate?.value).toBe('2026-06-01');
    expect(f.documentNumber?.value).toBe('309012345620');
    expect(f.licenceClasses?.value).toEqual(['普通', '大特', '原付']);
    expect(f.name?.source).toBe('label');
  });

  it('survives look-alike misreads (信和→令和, 衝号→番号, 曰→日, O→0 in the number)', () => {
    const text = LICENCE.replace('令和08', '信和08').replace('番号', '衝号').replace('309012345620', '3O9012345620').replace('5月 1日生', '5月 1曰生');
    const p = parseDriversLicence(docFromText(spaced(text)));
    expect(p.fields.expiryDate?.value).toBe('2026-06-01');
    expect(p.fields.documentNumber?.value).toBe('309012345620');
    expect(p.fields.dateOfBirth?.value).toBe('1985-05-01');
  });

  it('a check-digit mismatch is a warning with lowered confidence, never a failed validation (rule 54)', () => {
    const p = parseDriversLicence(docFromText(LICENCE.replace('309012345620', '309012345630')));
    expect(p.validations.find((v) => v.code === 'licence_number_format')?.ok).toBe(true);
    expect(p.warnings.map((w) => w.code)).toContain('licence_check_digit_mismatch');
    expect(p.fields.documentNumber!.confidence).toBeLessThan(0.9 * 0.8);
  });

  it('an address wrapped onto the next line is joined', () => {
    const p = parseDriversLicence(docFromText('氏名 山田太郎\n住所 大阪府大阪市北区梅田1丁目\n     2番3号 梅田ハイツ101号室\n交付 令和03年05月01日'));
    expect(p.fields.address?.value).toBe('大阪府大阪市北区梅田1丁目2番3号梅田ハイツ101号室');
  });
});

describe('元年 with 年 garbled', () => {
  it('reads `平成元征7月22日生` as the first year of Heisei, and the name before it', () => {
    const f = parseDriversLicence(docFromText('| 品 山本由紀恵 平成元征7月22日生\n| 儲所 石川県金沢市鞍月7丁目12番14号 |\n交付 令和 6年 7月22日 67236')).fields;
    expect(f.dateOfBirth?.value).toBe('1989-07-22');
    expect(normalizeName(f.name?.value ?? '')).toBe('山本由紀恵');
  });
});

describe('names with variant kanji the OCR model lacks', () => {
  it('restores 邉 and 濵 from the look-alikes the model reads for them, in names only', () => {
    expect(normalizeName(parseDriversLicence(docFromText(LICENCE.replace('山田 太郎', '渡違 翔太'))).fields.name!.value)).toBe('渡邉翔太');
    expect(normalizeName(parseMyNumberFront(docFromText('個人番号カード\n氏名 演田 健太郎\n住所 静岡県静岡市葵区追手町9-6\n平成元年10月29日生 性別 男')).fields.name!.value)).toBe('濵田健太郎');
    // Elsewhere the look-alike is a word of its own: an address keeps it.
    expect(parseDriversLicence(docFromText(LICENCE.replace('霞が関2丁目', '演舞場通2丁目'))).fields.address?.value).toContain('演舞場通');
  });
});

describe('parseMyNumberFront', () => {
  const FRONT = '個人番号カード\n氏名 佐藤 花子\n住所 大阪府大阪市北区梅田1-2-3\n平成 2年 12月 3日生 女\n2030年 5月 1日まで有効\n電子証明書 2029年12月3日まで有効';
  it('reads name, address, birth date, sex and the card (not certificate) expiry', () => {
    const f = parseMyNumberFront(docFromText(spaced(FRONT))).fields;
    expect(normalizeName(f.name!.value)).toBe('佐藤花子');
    expect(f.address?.value).toBe('大阪府大阪市北区梅田1-2-3');
    expect(f.dateOfBirth?.value).toBe('1990-12-03');
    expect(f.sex?.value).toBe('F');
    expect(f.expiryDate?.value).toBe('2030-05-01');
  });
  it('never yields a number field (rule 58), even if digits are on the image', () => {
    const f = parseMyNumberFront(docFromText(`${FRONT}\n123456789018`)).fields;
    expect(f.documentNumber).toBeUndefined();
    expect(JSON.stringify(f)).not.toContain('123456789018');
  });
});

describe('parseResidenceCard', () => {
  const CARD = `日本国政府 在留カード 番号 AB1234567BCD
氏名 NGUYEN VAN AN
生年月日 1995年03月15日 性別 男 M. 国籍・地域 ベトナム
住居地 東京都新宿区西新宿2-8-1
在留資格 技術・人文知識・国際業務
就労制限の有無 在留資格に基づく就労活動のみ可
在留期間(満了日) 5年 (2028年05月01日)
交付年月日 2023年05月01日
このカードは 2028年05月01日 まで有効 です。`;
  it('reads the fields and repairs letter/digit look-alikes by position in the number', () => {
    const f = parseResidenceCard(docFromText(CARD.replace('AB1234567BCD', 'A81234S678CD'))).fields;
    expect(f.documentNumber?.value).toBe('AB12345678CD');
    expect(f.name?.value).toBe('NGUYEN VAN AN');
    expect(f.dateOfBirth?.value).toBe('1995-03-15');
    expect(f.sex?.value).toBe('M');
    expect(f.nationality?.value).toBe('ベトナム');
    expect(f.address?.value).toBe('東京都新宿区西新宿2-8-1');
    expect(f.status?.value).toBe('技術・人文知識・国際業務');
    expect(f.issueDate?.value).toBe('2023-05-01');
    expect(f.expiryDate?.value).toBe('2028-05-01');
  });
  it('reads a lower-case l in the capitals of a name as the I it is (residence_card/hard#1), and leaves a word in mixed case alone', () => {
    expect(parseResidenceCard(docFromText(CARD.replace('NGUYEN VAN AN', 'TRAN THI MAl'))).fields.name?.value).toBe('TRAN THI MAI');
    expect(parseResidenceCard(docFromText(CARD.replace('NGUYEN VAN AN', 'NGUYEN VAN Lal'))).fields.name?.value).toBe('NGUYEN VAN Lal');
  });
});

describe('parseHealthInsurance', () => {
  const CARD = `健康保険 被保険者証 本人(被保険者)
記号 1234 番号 56 (枝番) 01
フリガナ スズキ イチロウ
氏名 鈴木 一郎
生年月日 昭和55年 7月 7日 性別 男
資格取得年月日 平成20年 4月 1日
保険者番号 06123456
保険者名称 全国健康保険協会 東京支部
交付年月日 令和3年 4月 1日`;
  it('reads the person but never the insurance numbers (rule 51)', () => {
    const p = parseHealthInsurance(docFromText(spaced(CARD)));
    expect(normalizeName(p.fields.name!.value)).toBe('鈴木一郎');
    expect(p.fields.nameKana?.value.replace(/\s/g, '')).toBe('スズキイチロウ');
    expect(p.fields.dateOfBirth?.value).toBe('1980-07-07');
    expect(p.fields.issueDate?.value).toBe('2021-04-01');
    expect(p.fields.documentNumber).toBeUndefined();
    expect(JSON.stringify(p)).not.toMatch(/06123456|1234/);
  });
});

describe('parseResidentRecord', () => {
  const RECORD = `住民票の写し
氏名 高橋 健太
生年月日 昭和50年1月20日 性別 男
住所 神奈川県横浜市中区本町1-1
世帯主 高橋 健太
個人番号 1234 5678 9018
上記は住民票の原本と相違ないことを証明する。
令和6年4月1日 横浜市中区長`;
  it('reads the person and the certification date, and reports a printed 個人番号 (rule 50)', () => {
    const p = parseResidentRecord(docFromText(spaced(RECORD)));
    expect(normalizeName(p.fields.name!.value)).toBe('高橋健太');
    expect(p.fields.dateOfBirth?.value).toBe('1975-01-20');
    expect(p.fields.address?.value).toBe('神奈川県横浜市中区本町1-1');
    expect(p.fields.issueDate?.value).toBe('2024-04-01');
    expect(p.warnings.map((w) => w.code)).toContain('my_number_printed');
    expect(JSON.stringify(p.fields)).not.toContain('9018');
  });

  it('reads a birth date whose era the OCR split across two lines, not a later date', () => {
    const split = '住民票の写し\n氏名 山崎 彩乃\n生年月日 昭\n和54年3月4日 性別女\n住所 群馬県前橋市大手町6-22-24\n住民となった年月日 令和6年1月26日\n上記は住民票の原本と相違ないことを証明する。\n令和7年10月1日';
    expect(parseResidentRecord(docFromText(split)).fields.dateOfBirth?.value).toBe('1979-03-04');
  });
});

describe('validateExtracted', () => {
  const doc = (type: ExtractedDocument['type'], fields: ExtractedDocument['fields']): ExtractedDocument => ({ type, side: 'front', fields, validations: [], warnings: [], maskedRegions: [] });
  const f = (value: string) => ({ value, confidence: 1, source: 'label' as const });
  it('rule 55: expiry before the transaction date fails; on the day it is still valid', () => {
    const ok = (d: string) => validateExtracted(doc('DRIVERS_LICENSE', { expiryDate: f('2025-06-01') }), d).validations.find((v) => v.code === 'document_not_expired')?.ok;
    expect(ok('2025-06-01')).toBe(true);
    expect(ok('2025-06-02')).toBe(false);
  });
  it('rule 53: a paper health insurance card is expired as ID from 2025-12-02', () => {
    const ok = (d: string) => validateExtracted(doc('HEALTH_INSURANCE_CARD', {}), d).validations.find((v) => v.code === 'insurance_card_valid_as_id')?.ok;
    expect(ok('2025-12-01')).toBe(true);
    expect(ok('2025-12-02')).toBe(false);
  });
  it('rule 57: residence card number format', () => {
    const ok = (n: string) => validateExtracted(doc('RESIDENCE_CARD', { documentNumber: f(n) }), '2025-01-01').validations.find((v) => v.code === 'residence_card_number_format')?.ok;
    expect(ok('AB12345678CD')).toBe(true);
    expect(ok('AB1234567CD')).toBe(false);
  });
  it('under-18 warning; 18 on the transaction date is an adult (rule 40)', () => {
    const w = (d: string) => validateExtracted(doc('DRIVERS_LICENSE', { dateOfBirth: f('2007-06-01') }), d).warnings.map((x) => x.code);
    expect(w('2025-05-31')).toContain('under_18');
    expect(w('2025-06-01')).not.toContain('under_18');
  });
});

describe('values whose label OCR lost', () => {
  // Word boxes as tesseract gave them on a licence (bench drivers_licence/clean#17): 氏名 read as
  // `駐`, the gap before the name as `”`, and 交付 followed by the same mark.
  const row = (y: number, words: Array<[string, number, number]>): OcrLine => ({
    text: words.map((w) => w[0]).join(' '),
    confidence: 90,
    bbox: { x0: words[0]![1], y0: y, x1: words.at(-1)![2], y1: y + 40 },
    words: words.map(([text, x0, x1]) => ({ text, confidence: text === '駐' || text === '”' ? 0 : 93, bbox: { x0, y0: y, x1, y1: y + 40 } })),
  });
  const licence = (): OcrResult => {
    const lines = [
      row(40, [['駐', 41, 82], ['”', 89, 104], ['中', 120, 145], ['村', 153, 181], ['左衛門', 195, 383], ['三郎', 326, 387], ['平成', 561, 624], ['8', 629, 654], ['年', 653, 673], ['5', 682, 700], ['月', 699, 716], ['18', 716, 739], ['日', 752, 763], ['生', 775, 793]]),
      row(96, [['住所', 30, 100], ['福岡県福岡市博多区東公園96番地の16', 120, 700]]),
      row(152, [['交付', 30, 80], ['”', 84, 92], ['令和', 120, 170], ['4年', 175, 220], ['5月18日', 225, 330]]),
      row(206, [['令和9年', 120, 220], ['6月18日まで有効', 225, 500]]),
      row(373, [['番号', 30, 100], ['第', 120, 140], ['411966811061', 145, 600], ['号', 605, 625]]),
    ];
    return { text: lines.map((l) => l.text).join('\n'), confidence: 80, lines } as OcrResult;
  };
  it('a name after a garbled label and a quote mark, with the value column set by 住所 (not by a mark after 交付)', () => {
    expect(normalizeName(parseDriversLicence(docFromOcr(licence())).fields.name?.value ?? '')).toBe('中村左衛門三郎');
  });

  it('a garbled 氏名 label: the name starts at the column where other values start', () => {
    const f = parseMyNumberFront(docFromText('個人番号カード\n品    東海林 彩乃\n住所  千葉県千葉市中央区1-2-3\n平成 2年 12月 3日生')).fields;
    expect(normalizeName(f.name!.value)).toBe('東海林彩乃');
    expect(f.name!.source).toBe('shape');
  });
  it('在留資格 by its official name; 就労制限 text that mentions 在留資格 is not the status', () => {
    const f = parseResidenceCard(docFromText('在留カード\nam 特定技能1号\n就労制限の有無 在留資格に基づく就労活動のみ可')).fields;
    expect(f.status?.value).toBe('特定技能1号');
  });
  it('the date of birth is the earliest date when its label is lost', () => {
    const f = parseResidenceCard(docFromText('在留カード\nょ月 1983年04月09日 性別 女 F.\n許可年月日 2023年12月21日')).fields;
    expect(f.dateOfBirth?.value).toBe('1983-04-09');
    expect(f.sex?.value).toBe('F');
  });
  it('an address whose label and prefecture were both misread, by the rest of its shape', () => {
    const f = parseMyNumberFront(docFromText('個人番号カード\nmm 勅使河原雄一郎\nem 山科県皿符市丸の内9丁目22番6号\n平成元年10月29日生 性別男')).fields;
    expect(f.address?.value).toBe('山科県皿符市丸の内9丁目22番6号');
    expect(f.address?.source).toBe('shape');
    expect(f.name?.value.replace(/\s/g, '')).toBe('勅使河原雄一郎');
    // Without block numbers after it, `…県…市` alone is not taken for an address.
    expect(parseMyNumberFront(docFromText('個人番号カード\n山科県皿符市長\n平成元年10月29日生')).fields.address).toBeUndefined();
  });
  it('a label that lost its last char does not swallow the era after it (`生年月 平成12年`)', () => {
    const f = parseHealthInsurance(docFromText('健康保険 被保険者証\n氏名 高橋太郎\n生年月 平成12年4月4日 性別男\n有効期限 令和7年7月31日')).fields;
    expect(f.dateOfBirth?.value).toBe('2000-04-04');
    expect(f.expiryDate?.value).toBe('2025-07-31');
  });
  it("an insurance card's address with its label lost, by shape above the insurer's block only", () => {
    const withAddress = '健康保険 被保険者証\n氏名 渡邊太郎\n生年月日 平成16年4月17日 性別男\n[| 石川県金沢市鞍月2丁目25番25号\n保険者番号 31174881\n保険者所在地 石川県金沢市鞍月1-1';
    expect(parseHealthInsurance(docFromText(withAddress)).fields.address?.value).toBe('石川県金沢市鞍月2丁目25番25号');
    // No address printed for the person: the insurer's is never taken for it.
    const none = '健康保険 被保険者証\n氏名 渡邊太郎\n生年月日 平成16年4月17日 性別男\n保険者番号 31174881\n保険者所在地 石川県金沢市鞍月1-1';
    expect(parseHealthInsurance(docFromText(none)).fields.address).toBeUndefined();
  });
  it('an address whose label and prefecture were both misread (`潜所 大中県高松市…`), below the 被保険者番号 (health_insurance/photo#1)', () => {
    const text = '後期高齢者医療被保険者証\n被保険者番号 21449673\n氏名 山田一郎\n生年月日 昭和11年 1月21日 性別 男\n潜所 大中県高松市番町44番地の28 第二番町レジデンス109号室\n有効期限 令和 7年 7月31日\n保険者番号 39378773';
    expect(parseHealthInsurance(docFromText(text)).fields.address?.value).toBe('香川県高松市番町44番地の28第二番町レジデンス109号室');
  });
  it('an address whose label was lost and whose 県 was misread, by the municipality after it (drivers_licence/clean#42, read in halves)', () => {
    const f = parseDriversLicence(docFromText('氏名 五十嵐 太郎 平成19年 8月 3日生\n令『 沖縄上那覇市泉崎2-29-23 コーボ泉崎荘905号室\n交付 令和7年8月 3日 19112')).fields;
    expect(f.address?.value).toBe('沖縄県那覇市泉崎2-29-23コーポ泉崎荘905号室');
    expect(f.address?.source).toBe('shape');
    // A stem with a wrong suffix and no municipality of that prefecture after it is not an address.
    expect(parseDriversLicence(docFromText('氏名 五十嵐 太郎 平成19年 8月 3日生\n沖縄上空の便')).fields.address).toBeUndefined();
  });
  it('a `番号` right after a digit is an address (`8番号` for 8番4号), not the number label that would end it', () => {
    const f = parseResidenceCard(docFromText('在留カード\nSHRESTHA RAM BAHADUR\n生年月日 1972年02月07日 性別 男 M.\n住居地 和歌山県和歌山市小松原通5丁目8番号メゾン・ド・小松レジデンス904号室\n在留資格 技術・人文知識・国際業務')).fields;
    expect(f.address?.value).toBe('和歌山県和歌山市小松原通5丁目8番号メゾン・ド・小松レジデンス904号室');
    // The label itself still ends a value: `番号` after a letter or kanji.
    expect(parseResidenceCard(docFromText('在留カード\n住居地 東京都新宿区西新宿2-8-1 番号 AB12345678CD')).fields.address?.value).toBe('東京都新宿区西新宿2-8-1');
  });
  it("a licence's issue date with its 交付 label lost, by the five-digit serial after it", () => {
    const f = parseDriversLicence(docFromText('氏名 中村 一郎 昭和39年 1月30日生\n住所 山口県山口市滝町95番地の5\n衣付 令和6年1月30日 07737\n令和11年 2月28日まで有効')).fields;
    expect(f.issueDate?.value).toBe('2024-01-30');
    expect(f.issueDate?.source).toBe('shape');
    expect(f.expiryDate?.value).toBe('2029-02-28');
    // No serial after any date: no issue date guessed.
    expect(parseDriversLicence(docFromText('氏名 中村 一郎 昭和39年 1月30日生\n衣付 令和6年1月30日\n令和11年 2月28日まで有効')).fields.issueDate).toBeUndefined();
  });
  it('a nationality misread by one character, on the line of the birth date and sex (`ベべトナム`)', () => {
    const card = (line: string) => residenceCard('TRAN THI MAI', line).nationality?.value;
    expect(card('生年月日 2001年06月19日 性別 女F。 回箇・他走 ベべトナム')).toBe('ベトナム');
    expect(card('生年月日 2001年06月19日 性別 女F。 回箇・他走 スリランヵ')).toBe('スリランカ');
    // Two edits away, or a short name: not guessed.
    expect(card('生年月日 2001年06月19日 性別 女F。 回箇・他走 イサビシ')).toBeUndefined();
    expect(card('生年月日 2001年06月19日 性別 女F。 回箇・他走 韓固')).toBeUndefined();
  });
  it('a nationality after its label one character off a known name (`ミヤンマー`, hiragana `べ`); a real neighbour stays', () => {
    const card = (line: string) => residenceCard('AUNG KYAW MIN', line).nationality?.value;
    expect(card('生年月日 1969年09月15日 性別 男 M。 国籍・地域 ミヤンマー')).toBe('ミャンマー');
    expect(card('生年月日 1969年09月15日 性別 男 M。 国籍・地域 べトナム')).toBe('ベトナム');
    expect(card('生年月日 1969年09月15日 性別 男 M。 国籍・地域 オーストリア')).toBe('オーストリア');
    // Not near one known name: kept as read.
    expect(card('生年月日 1969年09月15日 性別 男 M。 国籍・地域 エストニア')).toBe('エストニア');
  });
  it('a name row of two kanji words with no label and no value column is family and given name, not label and name', () => {
    const rec = (row: string) => parseResidentRecord(docFromText(`住民票の写し\n${row}\n平成7年6月21日 性別男\n世帯主\n岡山県岡山市北区内山下171番地の12`)).fields.name?.value;
    expect(rec('伊藤 太郎')).toBe('伊藤太郎');
    // A label's remnant, or a single character, before the name is still left out.
    expect(rec('氏各 伊藤 太郎')).toBe('伊藤太郎');
    expect(rec('品 伊藤太郎')).toBe('伊藤太郎');
  });
  it("a Latin name row with the card's edge read after it (`… ROSE 1`, `… BAHADUR ]`)", () => {
    const name = (row: string) => residenceCard(row, '生年月日 2006年11月13日 性別 女F。 国籍・地域 米国').name?.value;
    expect(name('SMITH EMILY ROSE 1')).toBe('SMITH EMILY ROSE');
    expect(name('品 SHRESTHA RAM BAHADUR ]')).toBe('SHRESTHA RAM BAHADUR');
    // Digits that are more than an edge: no name.
    expect(name('SMITH EMILY ROSE 12345')).toBeUndefined();
  });
  it('an unsure 朗 after a numeral or 太 in a name is 郎; one read with confidence stays', () => {
    const name = (row: string, conf: number) => parseMyNumberFront(docFromText(`個人番号カード\n氏名 ${row}\n住所 千葉県千葉市中央区1-2-3\n平成 2年 12月 3日生`, conf)).fields.name?.value;
    expect(name('勅使河原 雄一朗', 80)).toBe('勅使河原雄一郎');
    expect(name('小鳥遊 左衛門三朗', 80)).toBe('小鳥遊左衛門三郎');
    expect(name('鈴木 一朗', 95)).toBe('鈴木一朗');
    // Not after a numeral or 太: a name of its own (朗, 明朗).
    expect(name('佐藤 明朗', 80)).toBe('佐藤明朗');
  });
  it('a kana or two with a hiragana before a kanji family name is a garbled label (`る濱田`, `をる 田中`)', () => {
    const byLabel = (row: string) => parseMyNumberFront(docFromText(`個人番号カード\n氏名 ${row}\n住所 千葉県千葉市中央区1-2-3\n平成 2年 12月 3日生`)).fields.name?.value;
    expect(byLabel('る濱田 美咲')).toBe('濱田美咲');
    expect(byLabel('をる 田中 さくら')).toBe('田中さくら');
    const rec = (row: string) => parseResidentRecord(docFromText(`住民票の写し\n${row}\n平成7年6月21日 性別男\n世帯主\n岡山県岡山市北区内山下171番地の12`)).fields.name?.value;
    expect(rec('タる 濱田 一郎')).toBe('濱田一郎');
    // katakana alone may be a family name; a given name in hiragana is left whole
    expect(byLabel('キム 美咲')).toBe('キム美咲');
    expect(rec('田中 さくら')).toBe('田中さくら');
  });
  it('an unsure 博 ending 大 is 輔 (大輔); a confident 大博, and 博 elsewhere, stay', () => {
    const name = (row: string, conf: number) => parseMyNumberFront(docFromText(`個人番号カード\n氏名 ${row}\n住所 千葉県千葉市中央区1-2-3\n平成 2年 12月 3日生`, conf)).fields.name?.value;
    expect(name('東海林 大博', 80)).toBe('東海林大輔');
    expect(name('東海林 大博', 95)).toBe('東海林大博');
    expect(name('東海林 博之', 80)).toBe('東海林博之');
    expect(name('東海林 大博之', 80)).toBe('東海林大博之'); // not the name's end
  });
  it('the sex after the birth date on its line when its label and letter are garbled (`信w 女括。`)', () => {
    const sex = (line: string) => residenceCard('PUTRI AYU LESTARI', line).sex?.value;
    expect(sex('生年月日 2007年12月15日 信w 女括。 加和・地二 インドネシア')).toBe('F');
    expect(sex('生年月 1986年03月06日 儲列 男上回細・地域 フィリピン')).toBe('M');
    // Both, or neither, after the date: not guessed.
    expect(sex('生年月日 2007年12月15日 信w 男女 インドネシア')).toBeUndefined();
    expect(sex('生年月日 2007年12月15日 信w インドネシア')).toBeUndefined();
  });
  it('a birth date whose label and year were lost is not taken from another label\'s date (residence_card/degraded#82)', () => {
    const dob = (birthRow: string) =>
      parseResidenceCard(docFromText(`在留カード\nPUTRI AYU LESTARI\n${birthRow}\n住居地 熊本県熊本市中央区水前寺734番地の7\n放可年月日 2025年05月05日 交付年月日 2025年05月05日\nこのカードは2028年05月05日まで有効です。`)).fields.dateOfBirth?.value;
    expect(dob('月76年12月24日 fg 女E インドネシア')).toBeUndefined(); // was 2025-05-05, the permission date
    // The fallback still finds a birth date whose label is garbled from its first character on.
    expect(dob('坐年月日 1976年12月24日 性別 女 インドネシア')).toBe('1976-12-24');
  });
  it('a 住民票 read in columns: a birth date that lost its 昭, and another label\'s date on a row of its own (juminhyo/degraded#58)', () => {
    const rec = (dobRow: string) =>
      parseResidentRecord(docFromText(`住民票の写し\n氏名 田中 龍之介\n生年月日 店后ニー ーー\n${dobRow}\n住所 東京都千代田区霞が関4丁目27番21号\n住民となった年月日\n平成26年4月13日`)).fields.dateOfBirth?.value;
    expect(rec('和60年5月24日 性別男')).toBe('1985-05-24'); // 昭和: no 令和60
    expect(rec('和 3年5月24日 性別男')).toBe('2021-05-24'); // 令和 3
    // The birth row unreadable: not the date of moving in, labelled on the row above it.
    expect(rec('性別男')).toBeUndefined();
  });
  it('a licence whose birth row is past reading gets no birth date, not its 他 row\'s (drivers_licence/clean#3 at 700 px)', () => {
    const licence = (nameRow: string) =>
      parseDriversLicence(docFromText(`${nameRow}\n| 信" 岩手県盛岡市内丸796番地の16 |\n| 交付 令和6年2月17日 45586 |\n令和11年 3月17日まで有効\n| 各 第 219570172040 号 |\n| 他 平成7年12月10日 |`)).fields.dateOfBirth?.value;
    expect(licence('| 品 長谷川龍之介 品和4年月17昌生 |')).toBeUndefined(); // was 1995-12-10
    expect(licence('| 品 長谷川龍之介 昭和41年2月17昌生 |')).toBe('1966-02-17');
  });
  it('a licence birth date agrees with its expiry, one month after a birthday (道路交通法 92条の2)', () => {
    const fix = (dob: string, expiry: string) => birthdayFromExpiry(dob, expiry);
    expect(fix('1966-02-17', '2029-03-17')).toEqual({ iso: '1966-02-17', mismatch: false });
    expect(fix('1993-01-16', '2028-01-16')).toEqual({ iso: '1993-12-16', mismatch: false }); // 12月 read 1月: the day agrees
    expect(fix('1989-07-02', '2027-08-22')).toEqual({ iso: '1989-07-22', mismatch: false }); // 22日 read 2日: the month agrees
    expect(fix('1989-05-02', '2027-08-22')).toEqual({ iso: '1989-05-02', mismatch: true }); // both off: not guessed
    expect(fix('1990-01-31', '2027-02-28')).toEqual({ iso: '1990-01-31', mismatch: false }); // a 31st expires on a short month's last day
    expect(fix('1990-01-30', '2027-02-28')).toEqual({ iso: '1990-01-30', mismatch: false });
    expect(fix('1988-02-29', '2027-03-28')).toEqual({ iso: '1988-02-29', mismatch: false }); // 2月29日 has 2月28日 as birthday in 2027
    expect(fix('1990-11-30', '2027-01-30')).toEqual({ iso: '1990-12-30', mismatch: false }); // 12 read 11
    expect(fix('1990-05-30', '2027-01-30')).toEqual({ iso: '1990-05-30', mismatch: true }); // 5 is two edits from 12
    // On a parsed licence: the month read with a digit lost takes the expiry's.
    const f = parseDriversLicence(docFromText('氏名 山田 太郎 平成5年1月16日生\n住所 東京都千代田区霞が関4丁目27番21号\n交付 令和5年12月1日 12345\n令和10年01月16日まで有効')).fields;
    expect(f.dateOfBirth?.value).toBe('1993-12-16');
  });
  it('a licence name before a birth date past parsing that still ends in 日生', () => {
    const name = (nameRow: string) => parseDriversLicence(docFromText(`${nameRow}\n| 交付 令和6年2月17日 45586 |`)).fields.name?.value;
    expect(name('| 品 長谷川龍之介 品和4年月17昌生 |')).toBe('長谷川龍之介');
    expect(name('| 品 長谷川龍之介品和4年月17昌生 |')).toBe('長谷川龍之介'); // no space: the era's remains stop it
    expect(name('| 品 長谷川龍之介 品和4年月17昌 |')).toBeUndefined(); // no 生: no birth row to anchor on
  });
  it('an issue date printed before its label (`令和 6年12月21日交付`)', () => {
    const f = parseHealthInsurance(docFromText('後期高齢者医療被保険者証\n令和 6年12月21日交付\n氏名 佐藤 花子')).fields;
    expect(f.issueDate?.value).toBe('2024-12-21');
  });
  it('a passport without MRZ or labels: number by shape, birth/issue/expiry by order, sex', () => {
    const p = parsePassport(docFromText('日本国 JAPAN 旅券 PASSPORT\nP JPN TS8327396\nTAKAHASHI\nJAPAN 16 AUG 1998\nF TOKYO\n21 JAN 2024 MINISTRY OF FOREIGN AFFAIRS\n21 JAN 2029'), null);
    expect(p.fields.documentNumber?.value).toBe('TS8327396');
    expect([p.fields.dateOfBirth?.value, p.fields.issueDate?.value, p.fields.expiryDate?.value]).toEqual(['1998-08-16', '2024-01-21', '2029-01-21']);
    expect(p.fields.sex?.value).toBe('F');
    expect(p.validations.find((v) => v.code === 'mrz_read')?.ok).toBe(false);
  });
});

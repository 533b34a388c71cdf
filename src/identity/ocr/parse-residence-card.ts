// 在留カード (DOMAIN §5.4, rule 57): number AA00000000AA (format only, no public check digit),
// name (Latin capitals, sometimes with kanji), date of birth (Western), sex, nationality,
// 住居地, 在留資格, card validity (`このカードは…まで有効`), issue date.

import { validateResidenceCardNumber } from '../validators/residence-card.js';
import { fitShape } from './char-shape.js';
import { type ExtractedField, type ParsedDocument, emptyParsed, field } from './fields.js';
import { type Found, birthDate, addressAfter, addressByShape, dateToField, firstMatch, sexOf, textAfter, toField } from './parse-common.js';
import { latinNameByShape, nameAboveLabel, nameAfter } from './parse-names.js';
import { L, dateAfter, datesOnLine, labelRe, stopRe } from './parse-labels.js';
import { type DocText, type Span, editDistance, findAll, spansConfidence } from './parse-text.js';

const STATUS = labelRe('在留資格');
const PERIOD = labelRe('在留期間');
const WORK = labelRe('就労制限の有無', '就労制限');
const PERMIT = labelRe('許可の種類', '許可年月日');
const STOP = stopRe(L.name, L.address, L.dob, L.sex, L.nationality, STATUS, PERIOD, WORK, PERMIT, L.issue, L.number, labelRe('在留カード'));

/** 2 letters, 8 digits, 2 letters (rule 57). */
export const RESIDENCE_NUMBER_SHAPE = 'LLDDDDDDDDLL';

/** Letter/digit look-alikes repaired by position: letters at 1-2 and 11-12, digits at 3-10. */
export function repairResidenceNumber(raw: string): string {
  const s = raw.replace(/[\s-]/g, '').toUpperCase();
  return fitShape(s, RESIDENCE_NUMBER_SHAPE)?.value ?? s;
}

const NUMBER_SHAPE = /(?<![A-Za-z0-9])[A-Za-z0-9]{2}\s?[0-9OoDIlSBZ]{8}\s?[A-Za-z0-9]{2}(?![A-Za-z0-9])/u;

function cardNumber(doc: DocText): ExtractedField | null {
  let fallback: ExtractedField | null = null;
  for (const m of findAll(doc, NUMBER_SHAPE)) {
    const value = repairResidenceNumber(m.m[0]);
    const labelled = L.number.test(doc.lines[m.line]?.text.slice(0, m.start) ?? '');
    const v = validateResidenceCardNumber(value);
    const f = field(v.normalized, spansConfidence(doc, [m]) * (v.ok ? 1 : 0.4), labelled ? 'label' : 'shape');
    if (v.ok) return f;
    fallback ??= f;
  }
  return fallback;
}

// A run of 11-14 letters and digits, at least six of them digits: where a number the shape above
// missed (a letter read twice, a speck beside it) may be, for a re-read.
const NUMBER_LOOSE = /(?<![A-Za-z0-9])[A-Za-z0-9](?:\s?[A-Za-z0-9]){10,13}(?![A-Za-z0-9])/gu;

/** Where the card number was read (the field's span), else where one may be; null if nowhere. */
export function residenceNumberSpan(doc: DocText, found: Span[] | undefined): Span | null {
  if (found?.length) return found[0]!;
  for (const [line, l] of doc.lines.entries()) {
    for (const m of l.text.matchAll(NUMBER_LOOSE)) {
      if ((m[0].match(/\d/g) ?? []).length >= 6) return { line, start: m.index, end: m.index + m[0].length };
    }
  }
  return null;
}

// Common 国籍・地域 as printed (Japanese short names), for when the label was lost. A real name one
// edit from another (オーストリア, オーストラリア) must be listed, or it would be read as the other.
const NATIONALITIES = [
  '中国', '韓国', '朝鮮', '台湾', 'ベトナム', 'フィリピン', 'ブラジル', 'ネパール', 'インドネシア', '米国', 'タイ', 'ペルー',
  'インド', 'ミャンマー', 'スリランカ', 'バングラデシュ', 'パキスタン', 'モンゴル', 'カンボジア', 'マレーシア', '英国', 'フランス',
  'ドイツ', 'カナダ', 'オーストラリア', 'オーストリア', 'ロシア', 'ウズベキスタン', 'ボリビア', 'アルゼンチン', 'イラン', 'トルコ', 'ナイジェリア',
];
const NATIONALITY_RE = new RegExp(NATIONALITIES.join('|'), 'u');

/** 国籍・地域 after its label (trailing specks removed), else a known country name on the card. */
function nationality(doc: DocText): Found | null {
  const v = textAfter(doc, L.nationality, STOP, false);
  if (v) {
    const read = v.text.replace(/[^\p{L}]+$/u, '');
    const text = NATIONALITY_RE.exec(v.text)?.[0] ?? oneEditFrom(read) ?? read;
    if (text) return { ...v, text };
  }
  for (const m of findAll(doc, NATIONALITY_RE)) {
    if (!/[都道府県市区町村]/u.test(doc.lines[m.line]?.text ?? '')) return { text: m.m[0], spans: [m], source: 'shape' };
  }
  return nearNationality(doc);
}

/** Known names of four or more characters: shorter ones (中国, タイ) are one edit from too much else. */
const LONG_NATIONALITIES = NATIONALITIES.filter((n) => n.length >= 4);
/** Stretches of a line that can be one edit from one of them: a character fewer, as many, or one more. */
const WINDOW_LENGTHS = [...new Set(LONG_NATIONALITIES.flatMap((n) => [n.length - 1, n.length, n.length + 1]))];

/** The only long known name one edit from `read` (`ミヤンマー`, `べトナム` with a hiragana べ), else null. */
function oneEditFrom(read: string): string | null {
  const near = LONG_NATIONALITIES.filter((n) => editDistance(read, n) === 1);
  return near.length === 1 ? near[0]! : null;
}

/**
 * A known name of four or more characters misread by one character (`ベべトナム`), on the line of the
 * birth date and sex where the card prints it: the only name one edit from a stretch of that line.
 */
function nearNationality(doc: DocText): Found | null {
  const line = findAll(doc, L.sex)[0]?.line ?? findAll(doc, L.dob)[0]?.line;
  const text = line === undefined ? '' : (doc.lines[line]?.text ?? '');
  const hits = new Map<string, Span>();
  for (const len of WINDOW_LENGTHS) {
    for (let start = 0; start + len <= text.length; start++) {
      const name = oneEditFrom(text.slice(start, start + len));
      if (name) hits.set(name, { line: line!, start, end: start + len });
    }
  }
  if (hits.size !== 1) return null;
  const [name, span] = [...hits][0]!;
  return { text: name, spans: [span], source: 'shape' };
}

// 在留資格 as listed in 出入国管理及び難民認定法 別表第一・第二, longest first.
const STATUSES = [
  '技術・人文知識・国際業務', '日本人の配偶者等', '永住者の配偶者等', '法律・会計業務', '高度専門職', '経営・管理',
  '企業内転勤', '特定技能', '技能実習', '文化活動', '短期滞在', '家族滞在', '特定活動', '永住者', '定住者',
  '外交', '公用', '教授', '芸術', '宗教', '報道', '医療', '研究', '教育', '介護', '興行', '技能', '留学', '研修',
];
// A category may follow the status: 特定技能1号, 高度専門職1号イ, 技能実習2号ロ.
const STATUS_RES = STATUSES.map((name) => ({ name, re: new RegExp(`${[...name].map((c) => (c === '・' ? '[・.]?' : c)).join('')}([1-3]号[イロハ]?)?`, 'u') }));

/** The official status a text starts with (plus its category), or null: a label's value is checked against it. */
function officialStatus(text: string): string | null {
  for (const { name, re } of STATUS_RES) {
    const m = re.exec(text);
    if (m && m.index <= 1) return name + (m[1] ?? '');
  }
  return null;
}

/** The status by its official name when its label was lost (not inside 就労制限/許可 lines). */
function statusByName(doc: DocText) {
  for (const [i, l] of doc.lines.entries()) {
    if (/就労|許可|期間/u.test(l.text)) continue;
    for (const { name, re } of STATUS_RES) {
      const m = re.exec(l.text);
      if (m) return { text: name + (m[1] ?? ''), spans: [{ line: i, start: m.index, end: m.index + m[0].length }], source: 'shape' as const };
    }
  }
  return null;
}

export function parseResidenceCard(doc: DocText): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  const num = cardNumber(doc);
  if (num) f.documentNumber = num;
  const dob = birthDate(doc);
  if (dob) f.dateOfBirth = dateToField(doc, dob.d, dob.source);
  // Residence cards print the name in Latin capitals: a label-less guess must be Latin too.
  const latin = (x: Found | null) => (x && /[A-Z]{3}/.test(x.text) ? x : null);
  const name = latin(nameAfter(doc, L.name, STOP)) ?? latin(nameAboveLabel(doc, [L.dob, ...(dob ? [dob.d.span.line] : [])])) ?? latinNameByShape(doc, /在留|日本国|法務/u);
  // Printed in capitals: a lower-case l in it is a misread I (`TRAN THI MAl`).
  if (name) f.name = toField(doc, /^[A-Zl\s'.,-]+$/.test(name.text) ? { ...name, text: name.text.replace(/l/g, 'I') } : name);
  const sex = sexOf(doc, L.sex);
  if (sex) f.sex = toField(doc, sex);
  const nat = nationality(doc);
  if (nat) f.nationality = toField(doc, nat);
  const address = addressAfter(doc, L.address, STOP) ?? addressByShape(doc);
  if (address) f.address = toField(doc, address);
  // The label's value must be an official status (就労制限 text can contain the word 在留資格).
  const labelled = textAfter(doc, STATUS, STOP);
  const official = labelled && officialStatus(labelled.text);
  const status = labelled && official ? { ...labelled, text: official } : statusByName(doc);
  if (status) f.status = toField(doc, status);
  const issueLabel = firstMatch(doc, L.issue);
  const issue = issueLabel && dateAfter(doc, issueLabel, 0);
  if (issue) f.issueDate = dateToField(doc, issue, 'label');
  // Card validity (このカードは…まで有効) is what makes it usable as ID; the 在留期間 満了日
  // is the fallback when the validity line is not read.
  let expiry = null;
  for (const m of findAll(doc, L.untilValid)) {
    expiry = datesOnLine(doc, m.line, 0, m.start).at(-1) ?? null;
    if (expiry) break;
  }
  const period = expiry ? null : firstMatch(doc, PERIOD);
  expiry ??= period && dateAfter(doc, period);
  if (expiry) f.expiryDate = dateToField(doc, expiry, 'label');
  return out;
}

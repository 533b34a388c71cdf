// 運転免許証 (front), DOMAIN §5.1: name, date of birth (`…生` after the name), address, issue date
// (交付), expiry (`…まで有効` on the coloured band), 12-digit number (`第…号`), classes (種類).
// Band colour is ignored (rule 55). The check digit is an unofficial formula: a mismatch only
// lowers the confidence and adds a warning (rule 54), never rejects.

import { validateLicenceNumber } from '../validators/drivers-licence.js';
import { type ExtractedField, type ParsedDocument, emptyParsed, field } from './fields.js';
import { birthDate, addressAfter, addressByShape, dateToField, digitsOnly, firstMatch, toField } from './parse-common.js';
import { nameAfter, nameBeforeBirthDate } from './parse-names.js';
import { type FoundDate, L, dateAfter, datesOnLine, labelRe, stopRe } from './parse-labels.js';
import { type DocText, editDistance, findAll, spansConfidence } from './parse-text.js';

const CONDITIONS = labelRe('免許の条件等', '免許の条件');
const CLASSES_LABEL = labelRe('種類');
const STOP = stopRe(L.name, L.address, L.dob, L.issue, L.expiry, CONDITIONS, L.number, /[第弟]\d/u);

// Class abbreviations as printed in the 種類 grid, longest first so 大特二 is not read as 大特.
const CLASSES = ['大特二', '大自二', '普自二', 'け引二', '牽引二', '準中型', '大型', '中型', '普通', '大特', '小特', '原付', 'け引', '牽引', '大二', '中二', '普二'];
const CLASS_RE = new RegExp(CLASSES.join('|'), 'gu');

/** 第 123456789012 号 or 番号 123456789012: spaces and O/l look-alikes inside tolerated. */
const NUMBER_RE = /[第弟]\s*([0-9OoIl|\s]{12,30}?)\s*[号弓]|[番衝][号弓][\s:]*([0-9OoIl|\s]{12,30})/u;

function licenceNumber(doc: DocText): { f: ExtractedField; warnings: string[] } | null {
  const candidates: Array<{ digits: string; spans: ReturnType<typeof findAll>; source: 'label' | 'shape' }> = [];
  for (const m of findAll(doc, NUMBER_RE)) {
    candidates.push({ digits: digitsOnly(m.m[1] ?? m.m[2] ?? ''), spans: [m], source: 'label' });
  }
  // Shape: a lone 12-digit run that starts with a commission code (OCR lost 第/号).
  for (const m of findAll(doc, /(?<![\d])\d{4}\s?\d{4}\s?\d{4}(?![\d年月日])/u)) {
    candidates.push({ digits: digitsOnly(m.m[0]), spans: [m], source: 'shape' });
  }
  for (const c of candidates) {
    const v = validateLicenceNumber(c.digits);
    if (c.source === 'shape' && !v.ok) continue;
    if (v.normalized.length !== 12) continue;
    const factor = v.ok ? (v.warnings.length ? 0.7 : 1) : 0.4;
    return { f: field(v.normalized, spansConfidence(doc, c.spans) * factor, c.source), warnings: v.warnings };
  }
  return null;
}

function licenceClasses(doc: DocText): ExtractedField<string[]> | undefined {
  const label = firstMatch(doc, CLASSES_LABEL);
  const lines = label
    ? [label.line, label.line + 1, label.line + 2]
    : doc.lines.map((_, i) => i).filter((i) => (doc.lines[i]?.text.match(CLASS_RE) ?? []).length >= 2);
  const found = new Set<string>();
  const spans = [];
  for (const l of lines) {
    const text = doc.lines[l]?.text ?? '';
    // 免許の条件等 (e.g. 中型車は中型車(8t)に限る) names classes without granting them.
    if (CONDITIONS.test(text) || /限る/u.test(text)) continue;
    for (const m of text.matchAll(CLASS_RE)) {
      found.add(m[0]);
      spans.push({ line: l, start: m.index, end: m.index + m[0].length });
    }
  }
  if (!found.size) return undefined;
  const ordered = CLASSES.filter((c) => found.has(c));
  return field(ordered, spansConfidence(doc, spans), label ? 'label' : 'shape');
}

/**
 * The issue date when its 交付 label was lost (`衣付 令和6年1月30日 07737`): the licence prints a
 * five-digit serial (照会番号) after it, and after no other date.
 */
function issueDateBySerial(doc: DocText): FoundDate | null {
  for (let line = 0; line < doc.lines.length; line++) {
    const text = doc.lines[line]!.text;
    for (const d of datesOnLine(doc, line)) {
      if (/^\s*[\dOoIl]{5}(?![\dOoIl])/u.test(text.slice(d.span.end))) return d;
    }
  }
  return null;
}

/** Expiry: the date before まで有効 (band), else after 有効期限. */
export function expiryDate(doc: DocText): FoundDate | null {
  for (const m of findAll(doc, L.untilValid)) {
    const before = datesOnLine(doc, m.line, 0, m.start).at(-1);
    if (before) return before;
  }
  const label = firstMatch(doc, L.expiry);
  return label ? dateAfter(doc, label) : null;
}

/**
 * A licence runs to the day one month after a birthday (道路交通法 92条の2: 誕生日から起算して1月を
 * 経過する日), so the expiry tells the birth date's month and day. Where the OCR read one of them
 * with a digit lost or misread (`1月16日` for 12月16日, `7月2日` for 7月22日) and the other agrees,
 * the expiry's is taken. `mismatch` when they still disagree. A birthday past the 28th may expire on
 * a shorter month's last day (1月31日 → 2月28日): that day settles nothing. Someone born on 2月29日
 * has 2月28日 as birthday in other years (the same article), so expires on 3月28日 then.
 */
export function birthdayFromExpiry(dob: string, expiry: string): { iso: string; mismatch: boolean } {
  const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = expiry.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(ey, em, 0)).getUTCDate() === ed && ed < 31;
  const [wantM, wantD] = [em === 1 ? 12 : em - 1, ed];
  const leapDay = m === 2 && d === 29 && wantM === 2 && wantD === 28;
  if (leapDay || (m === wantM && (d === wantD || (monthEnd && d > wantD)))) return { iso: dob, mismatch: false };
  if (monthEnd) return { iso: dob, mismatch: m !== wantM };
  const near = (a: number, b: number) => editDistance(String(a), String(b)) <= 1;
  const [fm, fd] = m === wantM ? [m, near(d, wantD) ? wantD : d] : d === wantD && near(m, wantM) ? [wantM, d] : [m, d];
  const valid = fd <= new Date(Date.UTC(y, fm, 0)).getUTCDate();
  if ((fm === m && fd === d) || !valid) return { iso: dob, mismatch: true };
  return { iso: `${y}-${String(fm).padStart(2, '0')}-${String(fd).padStart(2, '0')}`, mismatch: false };
}

export function parseDriversLicence(doc: DocText): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  // The licence prints the birth date on the name row: that anchor beats a guessed label.
  const name = nameAfter(doc, L.name, STOP, false) ?? nameBeforeBirthDate(doc) ?? nameAfter(doc, L.name, STOP);
  if (name) f.name = toField(doc, name);
  const dob = birthDate(doc);
  if (dob) f.dateOfBirth = dateToField(doc, dob.d, dob.source);
  const address = addressAfter(doc, L.address, STOP) ?? addressByShape(doc);
  if (address) f.address = toField(doc, address);
  const issueLabel = firstMatch(doc, L.issue);
  const issue = issueLabel && dateAfter(doc, issueLabel, 0);
  if (issue) f.issueDate = dateToField(doc, issue, 'label');
  else {
    const bySerial = issueDateBySerial(doc);
    if (bySerial) f.issueDate = dateToField(doc, bySerial, 'shape');
  }
  const expiry = expiryDate(doc);
  if (expiry) f.expiryDate = dateToField(doc, expiry, 'label');
  if (dob && expiry) {
    const b = birthdayFromExpiry(dob.d.iso, expiry.iso);
    if (b.iso !== dob.d.iso) f.dateOfBirth = dateToField(doc, { ...dob.d, iso: b.iso }, 'shape');
    if (b.mismatch) out.warnings.push({ code: 'licence_birthday_mismatch', message: 'The birth date and the expiry do not agree (a licence runs to one month after a birthday); check both against the card.' });
  }
  const num = licenceNumber(doc);
  if (num) {
    f.documentNumber = num.f;
    const v = validateLicenceNumber(num.f.value);
    out.validations.push({
      code: 'licence_number_format',
      ok: v.ok,
      message: v.ok ? 'Licence number has 12 digits and a known commission code.' : `Licence number: ${v.errors.join(', ')}.`,
    });
    if (num.warnings.includes('check_digit_mismatch')) {
      // Rule 54: unofficial formula, so a warning (possible misread), never a rejection.
      out.warnings.push({ code: 'licence_check_digit_mismatch', message: 'The licence number check digit does not match; re-check the number against the card.' });
    }
  } else {
    out.warnings.push({ code: 'licence_number_not_found', message: 'No licence number was read (a マイナ免許証 has none on its face).' });
  }
  const classes = licenceClasses(doc);
  if (classes) f.licenceClasses = classes;
  return out;
}

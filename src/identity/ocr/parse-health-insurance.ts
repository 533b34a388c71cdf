// 健康保険証 / 資格確認書 (DOMAIN §4, rules 51, 53). Name, kana, date of birth, sex, address where
// printed, issue and expiry dates, 本人/家族. The 保険者番号 and 被保険者記号・番号・枝番 are NEVER
// read into a field (健康保険法 194条の2, 告知要求制限): documentNumber stays empty by design and the
// image masker burns them out. Expiry-as-ID (rule 53) needs the transaction date: see extract.ts.

import { type ParsedDocument, emptyParsed, field } from './fields.js';
import { addressAfter, addressByShape, dateToField, firstMatch, textAfter, toField } from './parse-common.js';
import { personFields } from './parse-names.js';
import { L, dateAfter, datesOnLine, labelRe, stopRe } from './parse-labels.js';
import { type DocText, findAll, spansConfidence } from './parse-text.js';

/** Labels whose values are insurance numbers (used by the masker too). */
export const INSURANCE_NUMBER_LABELS = labelRe('保険者番号', '記号', '番号', '枝番');
const INSURER = labelRe('保険者名称', '保険者所在地', '保険者名');
const ACQUIRED = labelRe('資格取得年月日', '資格取得日', '認定年月日');
const EMPLOYER = labelRe('事業所名称', '事業所所在地', '事業所名');
const STOP = stopRe(L.name, L.kana, L.dob, L.sex, L.address, L.issue, L.expiry, INSURANCE_NUMBER_LABELS, INSURER, ACQUIRED, EMPLOYER, labelRe('被保険者', '被扶養者'));

export function parseHealthInsurance(doc: DocText): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  personFields(doc, f, STOP);
  // With its label lost, the insured person's address by its shape, above the insurer's block (the
  // 保険者/事業所 lines print the insurer's and employer's addresses, never the person's).
  // Exact labels only: the fuzzy ones also match the title (被保険者証); and not the insured
  // person's own 被保険者番号, printed above the address.
  const insurerBlock = findAll(doc, /(?<!被)保険者(?:番号|名称|所在地)|事業所(?:名称|所在地)/u)[0]?.line;
  const address = addressAfter(doc, L.address, STOP) ?? (insurerBlock === undefined ? null : addressByShape(doc, insurerBlock));
  if (address) f.address = toField(doc, address);
  const issueLabel = firstMatch(doc, L.issue);
  const issue = issueLabel && dateAfter(doc, issueLabel, 0);
  if (issue) f.issueDate = dateToField(doc, issue, 'label');
  const expLabel = firstMatch(doc, L.expiry);
  const exp = expLabel && dateAfter(doc, expLabel, 0);
  if (exp) f.expiryDate = dateToField(doc, exp, 'label');
  else if (issue) {
    // 有効期限 lost (small grey print): every other date such a card prints (birth, 資格取得,
    // 交付) is on or before the issue date, so a date after it can only be the expiry.
    const later = doc.lines.flatMap((_, i) => datesOnLine(doc, i)).filter((d) => d.iso > issue.iso).sort((a, b) => b.iso.localeCompare(a.iso))[0];
    if (later) f.expiryDate = dateToField(doc, later, 'shape');
  }
  // 本人 (insured person) or 家族 (dependant): printed as a word or as 被保険者/被扶養者.
  const who = textAfter(doc, labelRe('本人・家族', '本人/家族', '続柄'), STOP, false);
  const rel = /本人|被保険者(?!証)/u.test(who?.text ?? '') ? '本人' : /家族|被扶養者/u.test(who?.text ?? '') ? '家族' : null;
  if (who && rel) f.status = field(rel, toField(doc, who).confidence, 'label');
  else {
    // Printed on its own (`本人(被保険者)` in a corner): the first 本人 or 家族 on the card.
    const m = findAll(doc, /本人|家族/u)[0];
    if (m) f.status = field(m.m[0], spansConfidence(doc, [m]), 'shape');
  }
  return out;
}

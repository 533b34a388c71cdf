// 個人番号カード FRONT (DOMAIN §3, §5.2): name, address, date of birth (era for nationals, Western
// for foreign residents), sex, card validity. The front is a valid 身分証明書等; the 12-digit
// number is on the back and is NEVER a field here (番号法 19-20条, rule 58): the ledger records
// the type "個人番号カード" only. A back side is refused or masked before this parser runs.

import { type ParsedDocument, emptyParsed } from './fields.js';
import { birthDate, addressAfter, addressByShape, dateToField, sexOf, toField } from './parse-common.js';
import { nameAboveLabel, nameAfter } from './parse-names.js';
import { type FoundDate, L, dateAfter, datesOnLine, labelRe, stopRe } from './parse-labels.js';
import { type DocText, findAll } from './parse-text.js';

const CERT = labelRe('電子証明書');
const STOP = stopRe(L.name, L.address, L.dob, L.sex, L.expiry, L.untilValid, labelRe('個人番号カード'), CERT);

/** Card validity: the date before まで有効 (not the 電子証明書 one), else after 有効期限. */
function cardExpiry(doc: DocText): FoundDate | null {
  for (const m of findAll(doc, L.untilValid)) {
    if (CERT.test(doc.lines[m.line]?.text ?? '')) continue;
    const d = datesOnLine(doc, m.line, 0, m.start).at(-1);
    if (d) return d;
  }
  for (const m of findAll(doc, L.expiry)) {
    if (CERT.test(doc.lines[m.line]?.text ?? '')) continue;
    const d = dateAfter(doc, m);
    if (d) return d;
  }
  return null;
}

export function parseMyNumberFront(doc: DocText): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  const dob = birthDate(doc);
  if (dob) f.dateOfBirth = dateToField(doc, dob.d, dob.source);
  const address = addressAfter(doc, L.address, STOP) ?? addressByShape(doc);
  if (address) f.address = toField(doc, address);
  // The name row sits above the address (found by label or by its shape) or the birth date.
  const anchors = [L.address, L.dob, ...(address ? [address.spans[0]!.line] : []), ...(dob ? [dob.d.span.line] : [])];
  const name = nameAfter(doc, L.name, STOP) ?? nameAboveLabel(doc, anchors);
  if (name) f.name = toField(doc, name);
  const sex = sexOf(doc, L.sex);
  if (sex) f.sex = toField(doc, sex);
  const exp = cardExpiry(doc);
  if (exp) f.expiryDate = dateToField(doc, exp, 'label');
  return out;
}

// 住民票の写し (DOMAIN §3, §5.5, rule 50). Name (and ふりがな), date of birth, sex, address and the
// certification date (used as issue date: 補完書類-like freshness checks key off it). The first
// person listed is the one read. A printed 個人番号 must be masked before acceptance (rule 50): the
// parser only reports that one is printed; masking is done by src/identity/masking.

import { findMyNumbers } from '../validators/my-number.js';
import { type ParsedDocument, emptyParsed } from './fields.js';
import { addressAfter, addressByShape, dateToField, toField } from './parse-common.js';
import { personFields } from './parse-names.js';
import { type FoundDate, L, datesOnLine, labelRe, stopRe } from './parse-labels.js';
import { type DocText, findAll, fullText } from './parse-text.js';

const HEAD = labelRe('世帯主');
const MOVED = labelRe('住民となった年月日', '住民となった日', '住所を定めた年月日', '届出日');
const CODE = labelRe('住民票コード');
const MY_NUMBER = /[個固偶][人入八][番衝畨審][号弓呂]/u;
const CERTIFY = /証明|相違ない|市長|区長|町長|村長/u;
const STOP = stopRe(L.name, L.kana, L.dob, L.sex, L.address, HEAD, MOVED, CODE, MY_NUMBER, labelRe('本籍', '続柄'));

/** The certification date: on or next to the 証明/市長 lines near the bottom, else the last date. */
function certificationDate(doc: DocText): FoundDate | null {
  for (let l = doc.lines.length - 1; l >= 0; l--) {
    if (!CERTIFY.test(doc.lines[l]?.text ?? '')) continue;
    for (const k of [l, l + 1, l - 1]) {
      const d = datesOnLine(doc, k).at(-1);
      if (d) return d;
    }
  }
  return null;
}

export function residentRecordPrintsMyNumber(doc: DocText): boolean {
  const text = fullText(doc);
  return findMyNumbers(text).length > 0 || findAll(doc, new RegExp(`${MY_NUMBER.source}[\\s:]*\\d`, 'u')).length > 0;
}

export function parseResidentRecord(doc: DocText): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  personFields(doc, f, STOP);
  const address = addressAfter(doc, L.address, STOP) ?? addressByShape(doc);
  if (address) f.address = toField(doc, address);
  const cert = certificationDate(doc);
  if (cert) f.issueDate = dateToField(doc, cert, 'shape');
  if (residentRecordPrintsMyNumber(doc)) {
    out.warnings.push({ code: 'my_number_printed', message: 'This 住民票の写し prints a 個人番号; it is masked before storage. Ask for one without it next time.' });
  }
  return out;
}

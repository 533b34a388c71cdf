// Numbers that identify a person or a device, found in OCR text as digit chains (digits joined
// across the spaces, hyphens and word breaks OCR puts inside them, identity/masking/digit-chains):
// - phone numbers: 10-12 digits starting 0 (Japanese numbers are 10-11; the grouping varies, and
//   03(1234)5678 is common), or +81 and 9-11 more digits;
// - 12-digit My Numbers with a valid check digit (番号法; DOMAIN rules 47-48), via the ID masker;
// - IMEI-like numbers: 15 digits passing Luhn, or 14-16 digits after an IMEI label (DOMAIN §6.2);
// - postal codes (〒123-4567).
import { chainBoxes, digitChains } from '../../identity/masking/digit-chains.js';
import { findSensitiveRegions } from '../../identity/masking/find-regions.js';
import { type DocText, findAll } from '../../identity/ocr/parse-text.js';
import { luhnValid } from '../../identity/validators/imei.js';
import type { Proposal } from '../regions/kinds.js';
import { lineHeight, padded, spanConfidence, spanProposal } from './text-spans.js';

const IMEI_LABEL = /IMEI|MEID|製造番号/iu;
// 0 or +81, then 9-11 more digits with at most two separators (space, hyphen, dot, brackets) between each.
const PHONE = /(?<![\d+])(?:\+\s?81|[(（]?0)(?:[\s\-‐−ー－.()（）]{0,2}\d){9,11}(?!\d)/u;
const POSTAL = /(?<!\d)(?:〒\s?)?\d{3}[-‐−ー－]\d{4}(?![\d-])/u;

export function numberProposals(doc: DocText): Proposal[] {
  const out: Proposal[] = [];
  // Phone numbers by pattern inside a line: a digit chain would run a postal code and a phone
  // number printed side by side into one.
  for (const hit of findAll(doc, PHONE)) {
    const p = spanProposal(doc, hit, { kind: 'phone_number', detector: 'phone_number', neverPublish: false });
    if (p) out.push(p);
  }
  for (const c of digitChains(doc)) {
    const n = c.digits.length;
    if (!((n === 15 && luhnValid(c.digits)) || (n >= 14 && n <= 16 && labelled(doc, c.pieces[0]!.line)))) continue;
    for (const b of chainBoxes(doc, c, 0, n)) {
      const pieces = c.pieces.filter((p) => p.line === b.line);
      const conf = pieces.reduce((a, p) => Math.max(a, spanConfidence(doc, { line: p.line, start: p.start, end: p.end })), 0);
      out.push({ kind: 'other', detector: 'imei', rect: padded(b.bbox, 0.3 * lineHeight(doc, b.line)), confidence: Math.max(0.3, conf), neverPublish: false, text: pieces.map((p) => p.digits).join('') });
    }
  }
  for (const hit of findAll(doc, POSTAL)) {
    const p = spanProposal(doc, hit, { kind: 'name_or_address', detector: 'postal_code', neverPublish: false });
    if (p) out.push(p);
  }
  // The ID masker's My Number finder: every 12-digit window with a valid check digit, however OCR
  // split it, and the value after a 個人番号 label.
  for (const r of findSensitiveRegions(doc, 'UNKNOWN')) {
    if (r.kind !== 'my_number') continue;
    out.push({ kind: 'other', detector: 'my_number', rect: padded(r.bbox, 0.3 * (r.bbox.y1 - r.bbox.y0)), confidence: 0.9, neverPublish: false });
  }
  return out;
}

function labelled(doc: DocText, line: number): boolean {
  return IMEI_LABEL.test(doc.lines[line]?.text ?? '') || IMEI_LABEL.test(doc.lines[line - 1]?.text ?? '');
}

// Compares what the ID says with what the customer declared (issue #4 item 6). Mismatches are
// warnings staff must acknowledge, named by field — never echoing either value.
import { normalizeName, normalizeText } from '../shared/japanese.js';
import type { ExtractedDocument } from './ocr/fields.js';

export interface Declared {
  name: string | null;
  address: string | null;
  dateOfBirth: string | null;
}
export interface Mismatch {
  field: 'name' | 'address' | 'dateOfBirth';
  code: 'mismatch';
  message: string;
}

// Addresses differ in trivia: 丁目/番地/号 vs hyphens, spaces, full-width digits.
const addressKey = (s: string) =>
  normalizeText(s)
    .replace(/[\s\-‐－ー−]/gu, '')
    .replace(/(\d+)丁目(\d+)番地?(\d+)号?/gu, '$1$2$3')
    .replace(/(\d+)丁目/gu, '$1')
    .replace(/番地?|号/gu, '');

export function crossCheck(doc: ExtractedDocument, declared: Declared | null): Mismatch[] {
  if (!declared) return [];
  const out: Mismatch[] = [];
  const f = doc.fields;
  if (declared.name && f.name && normalizeName(declared.name) !== normalizeName(f.name.value)) {
    out.push({ field: 'name', code: 'mismatch', message: 'The name on the document differs from the declared name.' });
  }
  if (declared.address && f.address && addressKey(declared.address) !== addressKey(f.address.value)) {
    out.push({ field: 'address', code: 'mismatch', message: 'The address on the document differs from the declared address.' });
  }
  if (declared.dateOfBirth && f.dateOfBirth && declared.dateOfBirth !== f.dateOfBirth.value) {
    out.push({ field: 'dateOfBirth', code: 'mismatch', message: 'The date of birth on the document differs from the declared one.' });
  }
  return out;
}

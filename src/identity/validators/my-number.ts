// 個人番号 (My Number) detection. 番号法 Arts. 15, 19, 20 forbid a 古物商 to collect or store the
// number (DOMAIN §3), so this module exists only to FIND numbers in OCR output and free text and
// mask them before anything is persisted (DOMAIN rules 47, 48, 50). Never use it to store one.

import { normalizeWithOffsets } from '../../shared/japanese.js';

/**
 * Check digit per 総務省令 2014 No. 85 Art. 5 (DOMAIN §3, rule 49): digits of the first 11 counted
 * from the right are weighted 2,3,4,5,6,7,2,3,4,5,6; remainder r = sum mod 11; r ≤ 1 → 0, else 11 − r.
 */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('myNumberCheckDigit expects exactly 11 ASCII digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** Separators a person or OCR puts inside the 4-4-4 groups (after NFKC: U+3000 is a space). */
const SEP = '[\\s\\-\\u2010-\\u2015\\u2212]';

/** True for a string that is exactly one My Number (spaces, hyphens, full-width digits allowed). */
export function isValidMyNumber(s: string): boolean {
  const digits = s.normalize('NFKC').replace(new RegExp(SEP, 'gu'), '');
  return /^\d{12}$/.test(digits) && myNumberCheckDigit(digits.slice(0, 11)) === Number(digits[11]);
}

export interface MyNumberMatch {
  index: number;
  length: number;
}

// 4+4+4 digits, at most one separator between groups, not part of a longer digit run.
const SHAPE = new RegExp(`(?<!\\d)\\d{4}${SEP}?\\d{4}${SEP}?\\d{4}(?!\\d)`, 'gu');
const SHAPE_ONE = new RegExp(SHAPE.source, 'u');

// Record ids are UUIDs, and about 1 in 1,500 ends in 12 decimal digits that pass the check digit:
// an id (alone or quoted in a note or an export) is not a My Number. Nor is a hash: a SHA-256 in
// hex holds a 12-digit run passing the check in about 1 of 350 digests (an export's manifests
// list dozens of them). A digest is 32+ hex characters, at least one a letter, standing alone.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;
const HEX_DIGEST = /(?<![0-9a-z])(?=[0-9]*[a-f])[0-9a-f]{32,}(?![0-9a-z])/giu;

/** Character ranges of the record ids and hex digests in `text`, which every My Number scan skips. */
export function identifierSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(UUID), ...text.matchAll(HEX_DIGEST)].map((m) => [m.index, m.index + m[0].length]);
}

export function insideSpan(spans: Array<[number, number]>, index: number): boolean {
  return spans.some(([from, to]) => index >= from && index < to);
}

function scan(text: string, requireCheckDigit: boolean): MyNumberMatch[] {
  // Every free-text field of every write passes through here, and almost none holds 12 digits:
  // a plain NFKC (composition never touches digits or separators) rules the text out before the
  // per-character offset mapping, which is only needed to mask.
  if (!SHAPE_ONE.test(text.normalize('NFKC'))) return [];
  const n = normalizeWithOffsets(text);
  const ids = identifierSpans(text);
  const found: MyNumberMatch[] = [];
  for (const m of n.text.matchAll(SHAPE)) {
    const digits = m[0].replace(/\D/gu, '');
    if (requireCheckDigit && myNumberCheckDigit(digits.slice(0, 11)) !== Number(digits[11])) continue;
    const index = n.start[m.index]!;
    if (insideSpan(ids, index)) continue;
    found.push({ index, length: n.end[m.index + m[0].length - 1]! - index });
  }
  return found;
}

/** Every substring that is a My Number with a valid check digit (DOMAIN rule 48). */
export function findMyNumbers(text: string): MyNumberMatch[] {
  return scan(text, true);
}

/**
 * 12-digit 4-4-4 shapes regardless of check digit. Rule 48 allows masking these as a precaution:
 * an OCR misread of one digit turns a real My Number into one that fails the check.
 */
export function looksLikeMyNumberShape(text: string): boolean {
  return scan(text, false).length > 0;
}

/** Replaces the digits of every found My Number with `*`, keeping the text's length and layout. */
export function scrubMyNumbers(text: string): { text: string; count: number } {
  const matches = findMyNumbers(text);
  let out = text;
  for (const { index, length } of matches) {
    const masked = out.slice(index, index + length).replace(/\p{Nd}/gu, '*');
    out = out.slice(0, index) + masked + out.slice(index + length);
  }
  return { text: out, count: matches.length };
}

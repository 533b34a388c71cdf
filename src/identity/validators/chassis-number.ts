// 車台番号 (chassis number), DOMAIN §6.1 and rules 25, 33. The law allows marks of up to 17
// characters; Japanese-market cars mostly use model code + serial (`JZA80-1004956`), which has no
// check digit. Imports may carry a 17-character VIN, whose ISO 3779 check digit (position 9) is
// North-American practice only (WMI starting 1–5); European and Japanese VINs have none.
//
// Choice: a failed North-American check digit is a WARNING, not an error (ok stays true). The
// number is copied from the 車検証, which is authoritative; a mismatch usually means an OCR or
// typing slip worth a second look, but a 職権打刻 or grey-import number must still be recordable.

import { normalizeIdentifier } from '../../shared/japanese.js';

export type ChassisCheckDigit = 'valid' | 'invalid' | 'not_applicable';
export type ChassisError = 'empty' | 'too_long';
export type ChassisWarning = 'vin_check_digit_mismatch' | 'vin_forbidden_letter' | 'unusual_characters';

export interface ChassisNumberResult {
  ok: boolean;
  /** Matching form: NFKC, upper case, no spaces or hyphens (品触れ notices write it either way). */
  normalized: string;
  checkDigit: ChassisCheckDigit;
  errors: ChassisError[];
  warnings: ChassisWarning[];
}

const VIN_VALUES: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The ISO 3779 / 49 CFR 565 check character a 17-character VIN should carry at position 9
 * ('0'–'9' or 'X'), or null if the VIN is not 17 characters or has a character with no value
 * (I, O, Q, anything not A–Z/0–9).
 */
export function vinCheckCharacter(vin: string): string | null {
  if (vin.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = vin[i]!;
    const v = /\d/.test(c) ? Number(c) : VIN_VALUES[c];
    if (v === undefined) return null;
    sum += v * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** True when the 17-character VIN's position 9 equals its computed check character. */
export function vinCheckDigitMatches(vin: string): boolean {
  const expected = vinCheckCharacter(vin);
  return expected !== null && vin[8] === expected;
}

/** North-American WMI (first character 1–5): the only VINs where the check digit is mandatory. */
export function isNorthAmericanVin(vin: string): boolean {
  return vin.length === 17 && /^[1-5]/.test(vin);
}

export function validateChassisNumber(s: string): ChassisNumberResult {
  const normalized = normalizeIdentifier(s);
  const errors: ChassisError[] = [];
  const warnings: ChassisWarning[] = [];
  if (normalized === '') errors.push('empty');
  if ([...normalized].length > 17) errors.push('too_long');
  // Free text by law, but real numbers are A–Z/0–9; anything else is likely an OCR artefact.
  if (/[^A-Z0-9]/.test(normalized)) warnings.push('unusual_characters');
  if (normalized.length === 17 && /[IOQ]/.test(normalized)) warnings.push('vin_forbidden_letter');

  let checkDigit: ChassisCheckDigit = 'not_applicable';
  if (isNorthAmericanVin(normalized)) {
    checkDigit = vinCheckDigitMatches(normalized) ? 'valid' : 'invalid';
    if (checkDigit === 'invalid') warnings.push('vin_check_digit_mismatch');
  }
  return { ok: errors.length === 0, normalized, checkDigit, errors, warnings };
}

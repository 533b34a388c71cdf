// IMEI (DOMAIN §6.2: the natural identifier for ネットワーク利用制限 checks and 品触れ matching).
// A full IMEI is 15 digits: TAC(8) + serial(6) + Luhn check digit. Validators disagree on the other
// lengths (see identifiers/vectors.json notes): python-stdnum accepts 14 digits (no check digit)
// and 16-digit IMEISV; validator.js rejects both. We report them as not ok, with the reason and
// the 15-digit IMEI they imply, so a caller can ask the user to read *#06# again.

import { normalizeIdentifier } from '../../shared/japanese.js';

export type ImeiReason =
  | 'empty'
  | 'not_digits'
  | 'wrong_length'
  | 'luhn_mismatch'
  | 'no_check_digit' // 14 digits: TAC + serial, the Luhn digit is missing
  | 'imeisv'; // 16 digits: TAC + serial + 2-digit software version, no Luhn digit

export interface ImeiResult {
  ok: boolean;
  normalized: string;
  /** null when ok. */
  reason: ImeiReason | null;
  /** For 14-digit and IMEISV input: the 15-digit IMEI (first 14 digits + computed Luhn digit). */
  derivedImei: string | null;
}

/** Luhn check digit for a digit string (the digit that would be appended). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    // Double every second digit counting leftwards from the digit next to the check digit.
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function luhnValid(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

export function validateImei(s: string): ImeiResult {
  const normalized = normalizeIdentifier(s);
  const fail = (reason: ImeiReason, derivedImei: string | null = null): ImeiResult => ({
    ok: false,
    normalized,
    reason,
    derivedImei,
  });
  if (normalized === '') return fail('empty');
  if (!/^\d+$/.test(normalized)) return fail('not_digits');
  const derived = (): string => normalized.slice(0, 14) + luhnCheckDigit(normalized.slice(0, 14));
  switch (normalized.length) {
    case 15:
      return luhnValid(normalized)
        ? { ok: true, normalized, reason: null, derivedImei: null }
        : fail('luhn_mismatch');
    case 14:
      return fail('no_check_digit', derived());
    case 16:
      return fail('imeisv', derived());
    default:
      return fail('wrong_length');
  }
}

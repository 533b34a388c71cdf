// Machine-readable zone checks per ICAO Doc 9303 (DOMAIN §5.3, rule 56). The `mrz` package is used
// for name parsing only: it reports the ICAO specimen state `UTO` as invalid (not an ISO code), so
// validity is decided here, from the check digits alone, by position.

import { parse as parseWithMrzPackage } from 'mrz';
import { normalizeIdentifier, tokyoDate } from '../../shared/japanese.js';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB';

export interface MrzChecks {
  /** null = the format has no such check digit. */
  documentNumber: boolean | null;
  birthDate: boolean | null;
  expiryDate: boolean | null;
  personalNumber: boolean | null;
  composite: boolean | null;
}

export interface MrzFields {
  documentType: string | null;
  issuingState: string | null;
  nationality: string | null;
  surname: string | null;
  givenNames: string | null;
  /** Includes the TD1/TD2 extension held in the optional data. */
  documentNumber: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  sex: 'M' | 'F' | 'X' | null;
  personalNumber: string | null;
}

export interface MrzCheckResult {
  format: MrzFormat | null;
  checks: MrzChecks;
  allOk: boolean;
  fields: MrzFields;
}

const WEIGHTS = [7, 3, 1] as const;

function charValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  if (c === '<') return 0;
  throw new RangeError(`not an MRZ character: ${JSON.stringify(c)}`);
}

/** ICAO 9303 Part 3 §4.9: weights 7,3,1 repeating; 0–9, A–Z = 10–35, `<` = 0; sum mod 10. */
export function icaoCheckDigit(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += charValue(s[i]!) * WEIGHTS[i % 3];
  return sum % 10;
}

/** A field matches its check character. An unused (all-filler) field may carry `<` as check. */
function fieldOk(field: string, check: string | undefined): boolean {
  if (check === '<') return /^<*$/.test(field);
  if (check === undefined || !/^\d$/.test(check)) return false;
  try {
    return icaoCheckDigit(field) === Number(check);
  } catch {
    return false; // an OCR artefact outside the MRZ alphabet can never validate
  }
}

const clean = (s: string): string => s.replace(/<+/g, ' ').trim().replace(/\s+/g, ' ');
const orNull = (s: string): string | null => (s === '' ? null : s);

/**
 * Document number with the ICAO TD1/TD2 extension: when the check position holds `<`, the number
 * continues at the start of the optional data and is followed by its check digit. ICAO computes
 * that digit over the whole number; Belgian eIDs (PRADO BEL-BO-03003) include the `<` at the check
 * position. Both conventions are accepted.
 */
function documentNumber(field: string, check: string, optional: string): { value: string; ok: boolean } {
  const run = check === '<' ? /^[^<]+/.exec(optional)?.[0] : undefined;
  if (!run) return { value: field.replace(/<+$/, ''), ok: fieldOk(field, check) };
  const overflow = run.slice(0, -1);
  const cd = run.slice(-1);
  const ok = fieldOk(field + overflow, cd) || fieldOk(`${field}<${overflow}`, cd);
  return { value: field + overflow, ok };
}

function detectFormat(lines: string[]): MrzFormat | null {
  const [l1, l2] = lines;
  if (lines.length === 3 && lines.every((l) => l.length === 30)) return 'TD1';
  if (lines.length !== 2 || l1!.length !== l2!.length) return null;
  if (l1!.length === 36) return l1![0] === 'V' ? 'MRVB' : 'TD2';
  if (l1!.length === 44) return l1![0] === 'V' ? 'MRVA' : 'TD3';
  return null;
}

/** YYMMDD → ISO. Birth dates are never in the future; expiry dates lie within ±50 years of today. */
function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mmdd = `${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  const thisYear = Number(today.slice(0, 4));
  let year = 2000 + yy;
  if (kind === 'birth' && `${year}-${mmdd}` > today) year -= 100;
  if (kind === 'expiry' && year >= thisYear + 50) year -= 100;
  const iso = `${year}-${mmdd}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

function names(lines: string[], nameField: string): { surname: string | null; givenNames: string | null } {
  try {
    const r = parseWithMrzPackage(lines);
    const last = r.details.find((d) => d.field === 'lastName')?.value;
    const first = r.details.find((d) => d.field === 'firstName')?.value;
    if (typeof last === 'string' && typeof first === 'string') {
      return { surname: orNull(clean(last)), givenNames: orNull(clean(first)) };
    }
  } catch {
    // fall through: the package rejects some layouts (e.g. visas); split by ICAO rules instead
  }
  const [surname = '', ...rest] = nameField.split('<<');
  return { surname: orNull(clean(surname)), givenNames: orNull(clean(rest.join(' '))) };
}

const EMPTY_CHECKS: MrzChecks = {
  documentNumber: null, birthDate: null, expiryDate: null, personalNumber: null, composite: null,
};

export function checkMrz(input: string[], options: { today?: string } = {}): MrzCheckResult {
  const lines = input.map((l) => l.normalize('NFKC').replace(/\s+/g, '').toUpperCase()).filter((l) => l !== '');
  const format = detectFormat(lines);
  const today = options.today ?? tokyoDate(new Date());
  if (format === null) {
    const fields: MrzFields = {
      documentType: null, issuingState: null, nationality: null, surname: null, givenNames: null,
      documentNumber: null, birthDate: null, expiryDate: null, sex: null, personalNumber: null,
    };
    return { format, checks: { ...EMPTY_CHECKS }, allOk: false, fields };
  }
  const l1 = lines[0]!;
  const l2 = lines[1]!;
  const checks: MrzChecks = { ...EMPTY_CHECKS };
  let doc: { value: string; ok: boolean };
  let birth: string;
  let expiry: string;
  let sex: string;
  let nationality: string;
  let personalNumber: string | null = null;

  if (format === 'TD1') {
    doc = documentNumber(l1.slice(5, 14), l1[14]!, l1.slice(15, 30));
    birth = l2.slice(0, 6);
    checks.birthDate = fieldOk(birth, l2[6]);
    sex = l2[7]!;
    expiry = l2.slice(8, 14);
    checks.expiryDate = fieldOk(expiry, l2[14]);
    nationality = l2.slice(15, 18);
    checks.composite = fieldOk(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]);
  } else {
    const optional = l2.slice(28, format === 'TD2' ? 35 : undefined);
    doc = format === 'TD2'
      ? documentNumber(l2.slice(0, 9), l2[9]!, optional)
      : { value: l2.slice(0, 9).replace(/<+$/, ''), ok: fieldOk(l2.slice(0, 9), l2[9]) };
    nationality = l2.slice(10, 13);
    birth = l2.slice(13, 19);
    checks.birthDate = fieldOk(birth, l2[19]);
    sex = l2[20]!;
    expiry = l2.slice(21, 27);
    checks.expiryDate = fieldOk(expiry, l2[27]);
    if (format === 'TD3') {
      checks.personalNumber = fieldOk(l2.slice(28, 42), l2[42]);
      personalNumber = orNull(clean(l2.slice(28, 42)));
      checks.composite = fieldOk(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43), l2[43]);
    } else if (format === 'TD2') {
      checks.composite = fieldOk(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35), l2[35]);
    }
  }
  checks.documentNumber = doc.ok;

  const { surname, givenNames } = names(lines, format === 'TD1' ? lines[2]! : l1.slice(5));
  const fields: MrzFields = {
    documentType: orNull(clean(l1.slice(0, 2))),
    issuingState: orNull(clean(l1.slice(2, 5))),
    nationality: orNull(clean(nationality)),
    surname,
    givenNames,
    documentNumber: orNull(doc.value),
    birthDate: mrzDate(birth, 'birth', today),
    expiryDate: mrzDate(expiry, 'expiry', today),
    sex: sex === 'M' || sex === 'F' ? sex : sex === '<' || sex === 'X' ? 'X' : null,
    personalNumber,
  };
  const allOk = Object.values(checks).every((c) => c !== false);
  return { format, checks, allOk, fields };
}

/**
 * Japanese passport number shape (2 letters + 7 digits). DOMAIN §5.3: the format is [NOT FOUND]
 * officially and "unverified"; use as an informational hint only, never to reject.
 */
export function isJapanesePassportNumberShape(s: string): boolean {
  return /^[A-Z]{2}\d{7}$/.test(normalizeIdentifier(s));
}

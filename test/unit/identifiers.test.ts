import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LICENCE_CHECK_WEIGHTS,
  findMyNumbers,
  isJapanesePassportNumberShape,
  isNorthAmericanVin,
  isValidMyNumber,
  licenceCheckDigit,
  looksLikeMyNumberShape,
  luhnValid,
  myNumberCheckDigit,
  scrubMyNumbers,
  validateChassisNumber,
  validateImei,
  validateLicenceNumber,
  validateResidenceCardNumber,
  vinCheckDigitMatches,
} from '../../src/identity/validators/index.js';
import { normalizeIdentifier } from '../../src/shared/japanese.js';

interface Vector<C = unknown> {
  value: string;
  source_says: string;
  computed: C;
  note?: string;
}
interface LicenceComputed {
  check_digit_11th_computed: string;
  check_digit_11th_printed: string;
  valid: boolean;
}
interface Vectors {
  my_number: Vector<string>[];
  jp_driver_licence_number: Vector<LicenceComputed>[];
  jp_driver_licence_number_rule: string;
  imei: Vector<string>[];
  vin: Vector<string>[];
  jp_chassis_number_non_vin: Vector<string>[];
  residence_card_number: Vector<string>[];
  jp_passport_number_format: Vector<string>[];
}

const vectors = JSON.parse(
  fs.readFileSync(path.resolve('../shared/testdata/identifiers/vectors.json'), 'utf8'),
) as Vectors;

describe('My Number (番号法, DOMAIN §3)', () => {
  it('rule 49: check digit examples', () => {
    expect(myNumberCheckDigit('12345678901')).toBe(8);
    expect(myNumberCheckDigit('00000000000')).toBe(0);
    expect(myNumberCheckDigit('98765432109')).toBe(3);
    expect(() => myNumberCheckDigit('1234567890')).toThrow(RangeError);
  });

  it('rule 49: remainder 1 also gives 0', () => {
    // Search for an input whose weighted sum leaves remainder 1 (11 − 1 = 10 is not a digit).
    const r1 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(11, '0')).find((s) => {
      let sum = 0;
      for (let n = 1; n <= 11; n++) sum += Number(s[11 - n]) * (n <= 6 ? n + 1 : n - 5);
      return sum % 11 === 1;
    });
    expect(r1).toBeDefined();
    expect(myNumberCheckDigit(r1!)).toBe(0);
  });

  it('rule 48: a valid number in free text is found and masked, keeping length', () => {
    const text = '備考: 個人番号 1234 5678 9018 を確認';
    expect(findMyNumbers(text)).toEqual([{ index: 9, length: 14 }]);
    const scrubbed = scrubMyNumbers(text);
    expect(scrubbed.count).toBe(1);
    expect(scrubbed.text).toBe('備考: 個人番号 **** **** **** を確認');
    expect(scrubbed.text.length).toBe(text.length);
  });

  it('rule 48: full-width digits, U+3000 and hyphen separators', () => {
    const fw = 'ﾏｲﾅﾝﾊﾞｰ１２３４　５６７８　９０１８';
    expect(scrubMyNumbers(fw).text).toBe('ﾏｲﾅﾝﾊﾞｰ****　****　****');
    expect(scrubMyNumbers('No.1234-5678-9018.').text).toBe('No.****-****-****.');
    expect(scrubMyNumbers('123456789018 と 621498320257').count).toBe(2);
  });

  it('rule 48: a bad check digit is not a My Number but may be masked as a precaution', () => {
    expect(findMyNumbers('123456789019')).toEqual([]);
    expect(isValidMyNumber('123456789019')).toBe(false);
    expect(scrubMyNumbers('123456789019').text).toBe('123456789019');
    expect(looksLikeMyNumberShape('123456789019')).toBe(true);
    expect(looksLikeMyNumberShape('TEL 03-1234-5678')).toBe(false);
  });

  it('rule 48: digits inside a longer run are not a My Number', () => {
    expect(findMyNumbers('1123456789018')).toEqual([]);
    expect(findMyNumbers('1234567890189')).toEqual([]);
    expect(findMyNumbers('12 3456 7890 18')).toEqual([]);
  });

  it.each(vectors.my_number)('vector %#: $value → $computed', (v) => {
    expect(['valid', 'invalid']).toContain(v.computed);
    expect(isValidMyNumber(v.value)).toBe(v.computed === 'valid');
    expect(findMyNumbers(v.value).length === 1).toBe(v.computed === 'valid');
  });
});

describe("driver's licence number (DOMAIN §5.1)", () => {
  it('rule 54: 12 digits, known commission code, check digit 3090123456 → 2', () => {
    expect(licenceCheckDigit('3090123456')).toBe(2);
    const r = validateLicenceNumber('第 3090 1234 5620 号');
    expect(r).toMatchObject({
      ok: true,
      normalized: '309012345620',
      errors: [],
      warnings: [],
      commissionCode: '30',
      commissionName: '東京',
      firstLicenceYear2: '90',
      reissueCount: 0,
    });
  });

  it('rule 54: a check digit mismatch is a warning only, never a reject', () => {
    const r = validateLicenceNumber('309012345630');
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['check_digit_mismatch']);
  });

  it('rule 54: wrong length and unknown commission codes are format errors', () => {
    expect(validateLicenceNumber('30901234562').errors).toEqual(['not_12_digits']);
    expect(validateLicenceNumber('30901234562X').ok).toBe(false);
    const r = validateLicenceNumber('159012345620');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['unknown_commission_code']);
    expect(validateLicenceNumber('979012345629').commissionName).toBe('沖縄');
  });

  it('the vectors state the same weights', () => {
    expect(vectors.jp_driver_licence_number_rule).toContain(LICENCE_CHECK_WEIGHTS.join(','));
  });

  it.each(vectors.jp_driver_licence_number)('vector %#: $value', (v) => {
    const r = validateLicenceNumber(v.value);
    expect(String(licenceCheckDigit(v.value.slice(0, 10)))).toBe(v.computed.check_digit_11th_computed);
    expect(v.value[10]).toBe(v.computed.check_digit_11th_printed);
    expect(r.warnings.includes('check_digit_mismatch')).toBe(!v.computed.valid);
    // The check digit never decides `ok`; only the format (length, commission code) does.
    expect(r.ok).toBe(r.commissionName !== null);
  });
});

describe('residence card number (DOMAIN §5.4)', () => {
  it('rule 57: ^[A-Z]{2}\\d{8}[A-Z]{2}$ after normalisation, no check digit', () => {
    expect(validateResidenceCardNumber('AB12345678CD')).toEqual({ ok: true, normalized: 'AB12345678CD' });
    expect(validateResidenceCardNumber('ａｂ１２３４５６７８ｃｄ').ok).toBe(true);
    expect(validateResidenceCardNumber('AB 1234 5678 CD').ok).toBe(true);
    // Any digit change still passes: there is no check digit to apply.
    expect(validateResidenceCardNumber('AB12345679CD').ok).toBe(true);
    for (const bad of ['A112345678CD', 'AB1234567CD', 'AB123456789CD', 'AB12345678C', 'AB12345678C1', '']) {
      expect(validateResidenceCardNumber(bad).ok).toBe(false);
    }
  });

  it.each(vectors.residence_card_number)('vector %#: $value', (v) => {
    expect(validateResidenceCardNumber(v.value).ok).toBe(v.computed.startsWith('format-ok'));
  });
});

describe('IMEI', () => {
  it('reports 14- and 16-digit forms with a reason and the implied IMEI', () => {
    expect(validateImei('49-015420-323751')).toMatchObject({
      ok: false,
      reason: 'no_check_digit',
      derivedImei: '490154203237518',
    });
    expect(validateImei('35-209900-176148-23')).toMatchObject({
      ok: false,
      reason: 'imeisv',
      derivedImei: '352099001761481',
    });
    expect(validateImei('35209900176148').normalized).toBe('35209900176148');
    expect(validateImei('3520990017614').reason).toBe('wrong_length');
    expect(validateImei('35209900176148A').reason).toBe('not_digits');
  });

  it.each(vectors.imei)('vector %#: $value → $computed', (v) => {
    const r = validateImei(v.value);
    const digits = normalizeIdentifier(v.value);
    if (v.computed === 'luhn-valid') expect(r).toMatchObject({ ok: true, reason: null });
    else if (v.computed === 'luhn-invalid') expect(r).toMatchObject({ ok: false, reason: 'luhn_mismatch' });
    else if (v.computed.startsWith('16 digits')) expect(r).toMatchObject({ ok: false, reason: 'imeisv' });
    else if (v.computed.startsWith('14 digits')) expect(r).toMatchObject({ ok: false, reason: 'no_check_digit' });
    else {
      // 'n/a': the source's hyphen-format rejects; by digits these are 15 digits failing Luhn or 16.
      expect(v.computed).toBe('n/a');
      expect(r.ok).toBe(false);
      expect(r.reason).toBe(digits.length === 16 ? 'imeisv' : 'luhn_mismatch');
    }
    expect(r.ok).toBe(digits.length === 15 && luhnValid(digits));
  });
});

describe('車台番号 / VIN (DOMAIN §6.1)', () => {
  it('free text up to 17 characters; North-American check digit failure is a warning', () => {
    expect(validateChassisNumber('ZVW30-1234567')).toMatchObject({ ok: true, checkDigit: 'not_applicable' });
    expect(validateChassisNumber('1HGCM82633A004352')).toMatchObject({ ok: true, checkDigit: 'valid', warnings: [] });
    expect(validateChassisNumber('1HGCM82623A004352')).toMatchObject({
      ok: true,
      checkDigit: 'invalid',
      warnings: ['vin_check_digit_mismatch'],
    });
    // A European VIN whose position 9 is not a check digit: nothing to check, nothing to warn.
    expect(validateChassisNumber('WVWZZZ3BZWE689725')).toMatchObject({
      ok: true,
      checkDigit: 'not_applicable',
      warnings: [],
    });
    expect(validateChassisNumber('ABCDEFGHJK12345678').errors).toEqual(['too_long']);
    expect(validateChassisNumber(' - ').errors).toEqual(['empty']);
  });

  it.each(vectors.vin)('vector %#: $value → $computed', (v) => {
    const r = validateChassisNumber(v.value);
    // ISO 3779 check digit is mandatory only for North-American WMIs (first character 1–5).
    const na = /^[1-5]/.test(v.value);
    expect(isNorthAmericanVin(r.normalized)).toBe(na);
    expect(vinCheckDigitMatches(r.normalized)).toBe(v.computed === 'NA-check-digit-ok');
    expect(r.checkDigit).toBe(na ? (v.computed === 'NA-check-digit-ok' ? 'valid' : 'invalid') : 'not_applicable');
    // Never rejected on the check digit alone (European VINs have none; NA failures only warn).
    expect(r.ok).toBe(true);
  });

  it.each(vectors.jp_chassis_number_non_vin)('vector %#: $value', (v) => {
    const r = validateChassisNumber(v.value);
    expect(r.checkDigit).toBe('not_applicable');
    // DOMAIN §6.1: free text up to 17 characters; the third-party shape heuristic is not law.
    expect(r.ok).toBe(r.normalized.length >= 1 && r.normalized.length <= 17);
    expect(r.ok).toBe(true);
  });
});

describe('Japanese passport number shape (informational, DOMAIN §5.3 [NOT FOUND])', () => {
  it.each(vectors.jp_passport_number_format)('vector %#: $value → $computed', (v) => {
    expect(isJapanesePassportNumberShape(v.value)).toBe(v.computed.includes('2 letters + 7 digits'));
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMrz, icaoCheckDigit, type MrzChecks } from '../../src/identity/validators/mrz.js';

interface MrzVector {
  case: string;
  format: string;
  lines: string[];
  computed_check_digits_ok: Record<string, boolean | string>;
  computed_all_check_digits_ok: boolean;
}

const vectors = JSON.parse(
  fs.readFileSync(path.resolve('../shared/testdata/mrz/vectors.json'), 'utf8'),
) as MrzVector[];

/** vectors.json field name → checkMrz field name. */
const FIELD_MAP: Record<keyof MrzChecks, string> = {
  documentNumber: 'document_number',
  birthDate: 'birth_date',
  expiryDate: 'expiry_date',
  personalNumber: 'personal_number',
  composite: 'composite',
};

const SPECIMEN_L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const SPECIMEN_L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
const TODAY = '2026-06-01';

describe('ICAO 9303 check digit', () => {
  it('weights 7,3,1 with A=10 … Z=35 and < = 0', () => {
    expect(icaoCheckDigit('L898902C3')).toBe(6);
    expect(icaoCheckDigit('740812')).toBe(2);
    expect(icaoCheckDigit('120415')).toBe(9);
    expect(icaoCheckDigit('ZE184226B<<<<<')).toBe(1);
    expect(icaoCheckDigit('<<<<<<')).toBe(0);
    expect(() => icaoCheckDigit('AB>')).toThrow(RangeError);
  });
});

describe('rule 56: passport MRZ specimen', () => {
  it('all five check digits validate and the fields parse (UTO is accepted)', () => {
    const r = checkMrz([SPECIMEN_L1, SPECIMEN_L2], { today: TODAY });
    expect(r.format).toBe('TD3');
    expect(r.checks).toEqual({
      documentNumber: true,
      birthDate: true,
      expiryDate: true,
      personalNumber: true,
      composite: true,
    });
    expect(r.allOk).toBe(true);
    expect(r.fields).toEqual({
      documentType: 'P',
      issuingState: 'UTO',
      nationality: 'UTO',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      birthDate: '1974-08-12',
      expiryDate: '2012-04-15',
      sex: 'F',
      personalNumber: 'ZE184226B',
    });
  });

  it('changing any single digit of the document number fails validation', () => {
    let mutations = 0;
    for (let i = 0; i < 9; i++) {
      const c = SPECIMEN_L2[i]!;
      if (!/\d/.test(c)) continue;
      for (let d = 0; d <= 9; d++) {
        if (String(d) === c) continue;
        const l2 = SPECIMEN_L2.slice(0, i) + d + SPECIMEN_L2.slice(i + 1);
        const r = checkMrz([SPECIMEN_L1, l2], { today: TODAY });
        expect(r.checks.documentNumber, `position ${i + 1} → ${d}`).toBe(false);
        expect(r.allOk).toBe(false);
        mutations++;
      }
    }
    expect(mutations).toBe(7 * 9);
  });

  it('a filler check digit is accepted only for an unused (all-filler) field', () => {
    const l2 = `${SPECIMEN_L2.slice(0, 42)}<${SPECIMEN_L2[43]}`;
    const r = checkMrz([SPECIMEN_L1, l2], { today: TODAY });
    expect(r.checks.personalNumber).toBe(false);
    expect(r.allOk).toBe(false);
  });

  it('tolerates OCR spacing and full-width input; rejects unknown layouts', () => {
    const spaced = [SPECIMEN_L1, `${SPECIMEN_L2.slice(0, 20)} ${SPECIMEN_L2.slice(20)}`];
    expect(checkMrz(spaced, { today: TODAY }).allOk).toBe(true);
    const bad = checkMrz(['P<UTO', SPECIMEN_L2], { today: TODAY });
    expect(bad.format).toBeNull();
    expect(bad.allOk).toBe(false);
  });
});

describe('century pivot', () => {
  it('birth dates are never in the future; expiry dates may be', () => {
    // Dates are parsed whatever the check digits say, so the line need not validate here.
    const l2 = 'L898902C36UTO2501010F3512310ZE184226B<<<<<10';
    expect(checkMrz([SPECIMEN_L1, l2], { today: TODAY }).fields).toMatchObject({
      birthDate: '2025-01-01',
      expiryDate: '2035-12-31',
    });
    expect(checkMrz([SPECIMEN_L1, l2], { today: '2024-12-31' }).fields.birthDate).toBe('1925-01-01');
    const old = 'L898902C36UTO2501010F9512310ZE184226B<<<<<10';
    expect(checkMrz([SPECIMEN_L1, old], { today: TODAY }).fields.expiryDate).toBe('1995-12-31');
  });
});

describe('mrz/vectors.json', () => {
  it.each(vectors)('$format $case', (v) => {
    const r = checkMrz(v.lines, { today: TODAY });
    expect(r.format).toBe(v.format.replace('-', ''));
    for (const [ours, theirs] of Object.entries(FIELD_MAP) as [keyof MrzChecks, string][]) {
      const expected = v.computed_check_digits_ok[theirs];
      expect(r.checks[ours], ours).toBe(expected === undefined ? null : expected);
    }
    expect(r.allOk).toBe(v.computed_all_check_digits_ok);
    const extended = v.computed_check_digits_ok.extended_document_number;
    if (typeof extended === 'string') expect(r.fields.documentNumber).toBe(extended);
  });
});

// DOMAIN rules 14, 24, 25, 28, 29, 39, 40 (and the IMEI part of 61): ledger completeness,
// counterparty facts, retention and minors.
import { describe, expect, it } from 'vitest';
import {
  assessMinor,
  counterpartyIssues,
  isRetentionLocked,
  isValidImei,
  type LedgerRecordDraft,
  linkedEvidenceRetention,
  missingLedgerFields,
  purgeableFrom,
  retentionLockedUntil,
} from '../../src/tradeins/rules/index.js';

const TX = '2026-04-01';
const person = { address: '東京都千代田区丸の内1-1', name: '山田 太郎', occupation: '会社員', dateOfBirth: '1990-05-05' };
const paths = (issues: { path: string }[]) => issues.map((i) => i.path);

describe('rule 14: a verified transaction needs address, name, occupation and age or DOB', () => {
  it('a complete counterparty has no issues', () => {
    expect(counterpartyIssues(person, TX)).toEqual([]);
    expect(counterpartyIssues({ ...person, dateOfBirth: undefined, age: 35 }, TX)).toEqual([]);
  });
  it.each([
    ['address', { address: undefined }, 'counterparty.address'],
    ['name (blank)', { name: '　 ' }, 'counterparty.name'],
    ['occupation', { occupation: undefined }, 'counterparty.occupation'],
    ['occupation (empty)', { occupation: '' }, 'counterparty.occupation'],
    ['age and date of birth', { dateOfBirth: undefined }, 'counterparty.age'],
  ])('missing %s → blocks with an issue at its path', (_n, patch, path) => {
    const issues = counterpartyIssues({ ...person, ...patch }, TX);
    expect(issues).toEqual([expect.objectContaining({ path, code: 'required', rule: 14 })]);
  });
  it('null counterparty → all four missing', () => {
    expect(paths(counterpartyIssues(null, TX))).toEqual(['counterparty.address', 'counterparty.name', 'counterparty.occupation', 'counterparty.age']);
  });
  it.each([
    ['born after the transaction', '2026-04-02', 'date_of_birth_in_future'],
    ['age 130 on the transaction date', '1896-04-01', 'date_of_birth_implausible'],
  ])('date of birth %s → issue', (_n, dateOfBirth, code) => {
    expect(counterpartyIssues({ ...person, dateOfBirth }, TX)).toEqual([expect.objectContaining({ path: 'counterparty.dateOfBirth', code })]);
  });
  it.each([
    ['born on the transaction date', '2026-04-01'],
    ['age 129 (130th birthday tomorrow)', '1896-04-02'],
  ])('date of birth %s → accepted', (_n, dateOfBirth) => {
    expect(counterpartyIssues({ ...person, dateOfBirth }, TX)).toEqual([]);
  });
  it('a declared age that contradicts the date of birth → issue', () => {
    expect(counterpartyIssues({ ...person, age: 40 }, TX)).toEqual([expect.objectContaining({ path: 'counterparty.age', code: 'age_mismatch' })]);
  });
});

const complete: LedgerRecordDraft = {
  date: TX,
  items: [{ category: 'CAMERA', description: 'ミラーレス一眼', quantity: 1, features: { brand: 'Canon', model: 'EOS R6', serialNumber: '012345' } }],
  counterparty: person,
  method: { category: 'ACT15_1_1', documentType: 'DRIVERS_LICENSE' },
};

describe('rule 24: a purchase ledger record lists exactly what is missing', () => {
  it('a complete record passes', () => {
    expect(missingLedgerFields(complete)).toEqual([]);
  });
  const item = complete.items![0]!;
  it.each<[string, LedgerRecordDraft, string]>([
    ['date', { ...complete, date: undefined }, 'date'],
    ['a real date', { ...complete, date: '2026-02-30' }, 'date'],
    ['items', { ...complete, items: [] }, 'items'],
    ['category', { ...complete, items: [{ ...item, category: undefined }] }, 'items.0.category'],
    ['one of the 13 categories', { ...complete, items: [{ ...item, category: 'PHONES' }] }, 'items.0.category'],
    ['description', { ...complete, items: [{ ...item, description: ' ' }] }, 'items.0.description'],
    ['quantity', { ...complete, items: [{ ...item, quantity: undefined }] }, 'items.0.quantity'],
    ['a positive quantity', { ...complete, items: [{ ...item, quantity: 0 }] }, 'items.0.quantity'],
    ['features', { ...complete, items: [{ ...item, features: { brand: '' } }] }, 'items.0.features'],
    ['counterparty address', { ...complete, counterparty: { ...person, address: '' } }, 'counterparty.address'],
    ['counterparty name', { ...complete, counterparty: { ...person, name: undefined } }, 'counterparty.name'],
    ['counterparty occupation', { ...complete, counterparty: { ...person, occupation: undefined } }, 'counterparty.occupation'],
    ['counterparty age', { ...complete, counterparty: { ...person, dateOfBirth: undefined } }, 'counterparty.age'],
    ['method', { ...complete, method: null }, 'method'],
    ['document type for ACT15_1_1', { ...complete, method: { category: 'ACT15_1_1' } }, 'method.documentType'],
  ])('missing %s → one issue at its path', (_n, record, path) => {
    expect(paths(missingLedgerFields(record))).toEqual([path]);
  });
  it('an empty record lists every missing field', () => {
    expect(paths(missingLedgerFields({}))).toEqual(['date', 'items', 'counterparty.address', 'counterparty.name', 'counterparty.occupation', 'counterparty.age', 'method']);
  });
  it('a car sale entry may omit the buyer (counterpartyRequired: false)', () => {
    expect(missingLedgerFields({ ...complete, counterparty: null, method: null }, { counterpartyRequired: false, methodRequired: false })).toEqual([]);
  });
});

describe('rule 25: a car needs plate, car name, chassis number and owner name (from IC or 記録事項)', () => {
  const car = (features: Record<string, string>, featuresSource?: 'electronic_shakensho_face' | 'paper_shakensho') => ({
    ...complete,
    items: [{ category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY' as const, description: 'プリウス', quantity: 1, features, featuresSource }],
  });
  const full = { plateNumber: '品川 300 さ 12-34', carName: 'トヨタ', chassisNumber: 'ZVW30-1234567', ownerName: 'トヨタファイナンス株式会社', ownerNameSource: 'ic' };
  it('complete car from the electronic 車検証 + IC owner → no issues', () => {
    expect(missingLedgerFields(car(full, 'electronic_shakensho_face'))).toEqual([]);
  });
  it.each(['plateNumber', 'carName', 'chassisNumber', 'ownerName'])('missing %s → issue', (k) => {
    const { [k as keyof typeof full]: _, ...rest } = full;
    expect(missingLedgerFields(car(rest))).toEqual([expect.objectContaining({ path: `items.0.features.${k}`, rule: 25 })]);
  });
  it('electronic 車検証 face without an owner → asks for the IC or 記録事項', () => {
    const { ownerName: _o, ownerNameSource: _s, ...face } = full;
    const [issue] = missingLedgerFields(car(face, 'electronic_shakensho_face'));
    expect(issue).toMatchObject({ path: 'items.0.features.ownerName', code: 'required', rule: 25 });
    expect(issue!.message).toContain('記録事項');
  });
  it.each(['manual', 'paper_shakensho'])('electronic face with an owner typed from "%s" → asks for the IC or 記録事項 source', (src) => {
    expect(missingLedgerFields(car({ ...full, ownerNameSource: src }, 'electronic_shakensho_face'))).toEqual([
      expect.objectContaining({ path: 'items.0.features.ownerNameSource', code: 'owner_name_source_required' }),
    ]);
  });
  it.each(['ic', 'kiroku_jiko'])('electronic face with the owner from %s → ok', (src) => {
    expect(missingLedgerFields(car({ ...full, ownerNameSource: src }, 'electronic_shakensho_face'))).toEqual([]);
  });
  it('a paper 車検証 with the owner typed in → ok; a car part needs no car features', () => {
    expect(missingLedgerFields(car({ ...full, ownerNameSource: 'manual' }, 'paper_shakensho'))).toEqual([]);
    const part = { ...complete, items: [{ category: 'AUTOMOBILE', designation: 'AUTOMOBILE_PART' as const, description: 'ホイール', quantity: 4, features: { brand: 'BBS' } }] };
    expect(missingLedgerFields(part)).toEqual([]);
  });
});

describe('rule 61 (partial): a phone needs a valid IMEI in its features', () => {
  const phone = (imei?: string) => ({ ...complete, items: [{ category: 'MACHINE_TOOL', description: 'iPhone', quantity: 1, isPhone: true, features: { model: 'iPhone 13', imei } }] });
  it.each([
    [undefined, 'required'],
    ['490154203237517', 'imei_invalid'],
    ['49015420323751', 'imei_invalid'],
  ])('imei %s → %s', (imei, code) => {
    expect(missingLedgerFields(phone(imei))).toEqual([expect.objectContaining({ path: 'items.0.features.imei', code, rule: 61 })]);
  });
  it('a valid IMEI (spaces and dashes allowed) passes', () => {
    expect(isValidImei('49-015420-323751-8')).toBe(true);
    expect(missingLedgerFields(phone('490154203237518'))).toEqual([]);
  });
});

describe('rule 28: electronic records are locked through the 3rd anniversary', () => {
  it.each([
    ['2023-04-01', '2026-03-31', true],
    ['2023-04-01', '2026-04-01', true],
    ['2023-04-01', '2026-04-02', false],
    ['2024-02-29', '2027-02-28', true],
    ['2024-02-29', '2027-03-01', false],
  ])('record %s on %s → locked=%s', (record, today, locked) => {
    expect(isRetentionLocked(record, today)).toBe(locked);
  });
  it('2023-04-01 → locked until 2026-04-01, purgeable from 2026-04-02', () => {
    expect(retentionLockedUntil('2023-04-01')).toBe('2026-04-01');
    expect(purgeableFrom('2023-04-01')).toBe('2026-04-02');
    expect(purgeableFrom('2024-02-29')).toBe('2027-03-01');
  });
});

describe('rule 29: ID images kept under items 4, 5, 7, 8 inherit the record lock', () => {
  it.each(['RULE15_3_4', 'RULE15_3_5', 'RULE15_3_7', 'RULE15_3_8'] as const)('%s → same lock as the record', (m) => {
    expect(linkedEvidenceRetention(m, '2023-04-01')).toMatchObject({ lockedUntil: '2026-04-01', purgeableFrom: '2026-04-02', reason: { rule: 29 } });
  });
  it.each(['ACT15_1_1', 'RULE15_3_9', 'RULE15_3_13'] as const)('%s → no statutory image lock', (m) => {
    expect(linkedEvidenceRetention(m, '2023-04-01')).toBeNull();
  });
});

describe('rule 39: under-18 sellers need a guardian (Tokyo default; prefecture table)', () => {
  const seller17 = { transactionDate: TX, dateOfBirth: '2008-04-02', kind: 'purchase' as const };
  it.each([
    ['no guardian', {}, 'tokyo', 'allow_with_guardian', false],
    ['consent document', { consentDocumentRef: 'doc_1' }, 'tokyo', 'allow_with_guardian', true],
    ['guardian accompanying', { accompanied: true }, 'tokyo', 'allow_with_guardian', true],
    ["on the guardian's instruction", { instructed: true }, 'tokyo', 'allow_with_guardian', true],
    ['consent, but store never buys from under-18s', { consentDocumentRef: 'doc_1' }, 'tokyo', 'never_under_18', false],
    ['Fukuoka, consent', { consentDocumentRef: 'doc_1' }, 'fukuoka', 'allow_with_guardian', true],
    ['unlisted prefecture, instruction only', { instructed: true }, 'okinawa', 'allow_with_guardian', false],
    ['unlisted prefecture, accompanied', { accompanied: true }, 'okinawa', 'allow_with_guardian', true],
  ] as const)('17-year-old, %s → allowed=%s', (_n, guardian, prefecture, storePolicy, allowed) => {
    const a = assessMinor({ ...seller17, guardian, prefecture, storePolicy });
    expect(a).toMatchObject({ minor: true, age: 17, allowed });
    expect(a.reasons[0]!.rule).toBe(39);
  });
  it('the ordinance omitted → Tokyo rules apply', () => {
    expect(assessMinor(seller17).allowed).toBe(false);
  });
  it.each([
    ['tokyo', 'exchange', true],
    ['fukuoka', 'exchange', false],
    ['fukuoka', 'consignment', false],
    ['okinawa', 'consignment', false],
  ] as const)('%s, %s with no guardian → allowed=%s', (prefecture, kind, allowed) => {
    expect(assessMinor({ ...seller17, kind, prefecture }).allowed).toBe(allowed);
  });
  it('unknown age → not allowed until recorded', () => {
    expect(assessMinor({ transactionDate: TX, kind: 'purchase' })).toMatchObject({ age: null, allowed: false });
  });
});

describe('rule 40: a seller who turns 18 on the transaction date is an adult', () => {
  it.each([
    ['the day before the 18th birthday', '2008-04-02', true, 17],
    ['on the 18th birthday', '2008-04-01', false, 18],
    ['a declared age of 18', undefined, false, 18],
  ])('%s → minor=%s', (_n, dateOfBirth, minor, age) => {
    const a = assessMinor({ transactionDate: TX, kind: 'purchase', dateOfBirth, age: dateOfBirth ? undefined : 18 });
    expect(a).toMatchObject({ minor, age, allowed: !minor });
  });
});

// The pure privacy rules, table by table: leak triage (rule 45), request due dates and fees
// (rule 42, Art. 38), provision records and their retention (rule 41), the ledger refusal and its
// boundaries (rules 28, 43), the scrubber and the daily schedule.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { scrubDeep } from '../../src/identity/masking/scrub-export.js';
import { nextRunDelay } from '../../src/privacy/purge/purge-job.js';
import {
  feeAllowed,
  isOverdue,
  type LeakFacts,
  LEDGER_RETENTION_REASON,
  ledgerRefusal,
  provisionRecordRequired,
  provisionRefusal,
  provisionRetainUntil,
  REQUEST_TYPES,
  requestDueDate,
  triageLeak,
} from '../../src/privacy/rules/index.js';

const base: LeakFacts = { discoveredOn: '2026-11-10', affectedCount: 1, cause: 'misdelivery', dataCategories: ['name', 'address'], encryptedHighStandard: false, keyCompromised: false, ledgerAffected: false };

describe('leak triage (DOMAIN rule 45; PPC規則7-8条)', () => {
  const cases: Array<[string, Partial<LeakFacts>, boolean, string[]]> = [
    ['1,001 people, names only', { affectedCount: 1001 }, true, ['over_1000']],
    ['exactly 1,000 people: not on count alone (「千人を超える」)', { affectedCount: 1000 }, false, []],
    ['999 people', { affectedCount: 999 }, false, []],
    ['one person, intrusion', { cause: 'intrusion' }, true, ['improper_purpose']],
    ['one person, ransomware', { cause: 'ransomware' }, true, ['improper_purpose']],
    ['one person, insider took data out', { cause: 'insider_misuse' }, true, ['improper_purpose']],
    ['one person, web skimming (2024 amendment)', { cause: 'web_skimming' }, true, ['improper_purpose']],
    ['one person, credit card number', { dataCategories: ['name', 'credit_card'] }, true, ['financial']],
    ['one person, online-banking credentials', { dataCategories: ['bank_credentials'] }, true, ['financial']],
    ['one person, sensitive data (要配慮)', { dataCategories: ['sensitive'] }, true, ['sensitive']],
    ['5,000 people, intrusion, but encrypted to a high standard', { affectedCount: 5000, cause: 'intrusion', encryptedHighStandard: true }, false, ['encrypted']],
    ['encrypted, but the key leaked too', { affectedCount: 5000, encryptedHighStandard: true, keyCompromised: true }, true, ['over_1000']],
    ['misdelivery of one name', {}, false, []],
  ];
  it.each(cases)('%s', (_label, facts, reportable, codes) => {
    const t = triageLeak({ ...base, ...facts });
    expect(t.reportable).toBe(reportable);
    expect(t.reasons.map((r) => r.code)).toEqual(codes);
    expect(t.notifyPersons).toBe(reportable);
  });

  it('preliminary due discovery + 5 (target + 3); final + 30, or + 60 where an improper purpose is possible', () => {
    expect(triageLeak({ ...base, affectedCount: 1001 })).toMatchObject({ preliminaryTarget: '2026-11-13', preliminaryDue: '2026-11-15', finalDue: '2026-12-10' });
    expect(triageLeak({ ...base, cause: 'intrusion' })).toMatchObject({ preliminaryDue: '2026-11-15', finalDue: '2027-01-09' });
    expect(triageLeak({ ...base, affectedCount: 1000 })).toMatchObject({ preliminaryDue: null, finalDue: null, tasks: [] });
  });

  it('a lost ledger adds the police notice of 古物営業法18条2項 (rule 31) whether or not the PPC is told', () => {
    expect(triageLeak({ ...base, cause: 'loss', ledgerAffected: true }).tasks).toEqual(['notify_police_act18_2']);
    expect(triageLeak({ ...base, cause: 'theft', ledgerAffected: true }).tasks).toEqual(['report_to_ppc', 'notify_persons', 'notify_police_act18_2']);
  });
});

describe('requests (DOMAIN rule 42; Arts. 38-39)', () => {
  it('is due 14 days after receipt, across a month end', () => {
    expect(requestDueDate('2026-11-22')).toBe('2026-12-06');
    expect(requestDueDate('2026-12-25')).toBe('2027-01-08');
  });
  it('is overdue only after the due date, and never once closed', () => {
    expect(isOverdue({ status: 'received', dueDate: '2026-12-06' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ status: 'received', dueDate: '2026-12-06' }, '2026-12-07')).toBe(true);
    expect(isOverdue({ status: 'closed', dueDate: '2026-12-06' }, '2027-01-01')).toBe(false);
  });
  it('allows a fee only for a disclosure or a purpose notice', () => {
    expect(Object.fromEntries(REQUEST_TYPES.map((t) => [t, feeAllowed(t)]))).toEqual({
      purpose_notice: true,
      disclosure: true,
      correction: false,
      deletion: false,
      cessation_of_use: false,
      cessation_of_third_party_provision: false,
    });
  });
});

describe('provision records (DOMAIN rule 41; Art. 29; PPC規則21条)', () => {
  it('records a provision to a third party, not to the police, a processor, a successor or a joint user', () => {
    expect(provisionRecordRequired('third_party').required).toBe(true);
    for (const r of ['police', 'processor', 'successor', 'joint_use'] as const) expect(provisionRecordRequired(r).required, r).toBe(false);
    expect(provisionRecordRequired('police').article).toContain('27条1項1号');
  });
  it('keeps a record 3 years from creation, a batch 3 years and a contract substitute 1 year from the last provision', () => {
    expect(provisionRetainUntil('individual', '2026-11-22', '2026-11-20')).toBe('2029-11-22');
    expect(provisionRetainUntil('batch', '2026-01-10', '2026-11-20')).toBe('2029-11-20');
    expect(provisionRetainUntil('contract_substitute', '2026-01-10', '2026-11-20')).toBe('2027-11-20');
  });
  it('refuses erasure through the retention day, allows it the day after', () => {
    expect(provisionRefusal('p', '2029-11-22', '2029-11-21')?.erasableFrom).toBe('2029-11-23');
    expect(provisionRefusal('p', '2029-11-22', '2029-11-22')).not.toBeNull();
    expect(provisionRefusal('p', '2029-11-22', '2029-11-23')).toBeNull();
  });
});

describe('ledger refusal (DOMAIN rules 28, 43)', () => {
  it('the day before and on the third anniversary: refused with the reason and the date; the day after: erasable', () => {
    const before = ledgerRefusal('tradein', 't', '2023-11-20', '2026-11-19');
    expect(before).toMatchObject({ code: 'retention_locked', reason: LEDGER_RETENTION_REASON, retainedUntil: '2026-11-20', erasableFrom: '2026-11-21' });
    expect(ledgerRefusal('tradein', 't', '2023-11-20', '2026-11-20')).toMatchObject({ erasableFrom: '2026-11-21' });
    expect(ledgerRefusal('tradein', 't', '2023-11-20', '2026-11-21')).toBeNull();
  });
  it('a record of 29 February is kept through 28 February (Civil Code Art. 143)', () => {
    expect(ledgerRefusal('tradein', 't', '2024-02-29', '2027-02-28')?.erasableFrom).toBe('2027-03-01');
  });
});

describe('disclosure scrubber (番号法19条, 健康保険法194条の2)', () => {
  it('masks My Numbers (any spacing) and labelled insurance numbers, keeps a bad check digit and other numbers', () => {
    const { value, masked } = scrubDeep({ a: 'note 1234 5678 9018 end', b: ['保険者番号 12345678'], c: { d: '123456789019', imei: '356938035643809' } });
    expect(masked).toBe(2);
    expect(value).toEqual({ a: 'note **** **** **** end', b: ['保険者番号 ********'], c: { d: '123456789019', imei: '356938035643809' } });
  });
});

describe('daily purge schedule', () => {
  it('waits until the next HH:MM in Asia/Tokyo, and at least the minimum after a run', () => {
    // 2026-11-22T03:00Z is 12:00 JST: 03:30 JST is 15.5 hours away.
    expect(nextRunDelay(new Date('2026-11-22T03:00:00Z'), '03:30')).toBe(15.5 * 3_600_000);
    expect(nextRunDelay(new Date('2026-11-21T18:29:00Z'), '03:30')).toBe(60_000);
    expect(nextRunDelay(new Date('2026-11-21T18:30:00Z'), '03:30', 60_000)).toBe(86_400_000);
  });
  it('is configured by PURGE_ENABLED and PURGE_AT, checked at start', () => {
    expect(loadConfig({})).toMatchObject({ PURGE_ENABLED: true, PURGE_AT: '03:30' });
    expect(loadConfig({ PURGE_ENABLED: 'false', PURGE_AT: '23:59' })).toMatchObject({ PURGE_ENABLED: false, PURGE_AT: '23:59' });
    expect(() => loadConfig({ PURGE_AT: '24:00' })).toThrow(/PURGE_AT/);
  });
});

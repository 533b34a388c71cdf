// GET /ledger/search: exact identifier matches whatever way staff type them (width, case, spaces,
// hyphens), person search by name + date of birth, store scoping, truncation, mode errors, and
// that every lookup goes through an index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_SQL } from '../../src/tradeins/search-ledger.js';
import type { LedgerRow } from '../../src/tradeins/ledger-schemas.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { luhnDigit, type SeedItem, type SeedParty, seedTradeins } from '../helpers/seed-ledger.js';

const YOSHIDA: SeedParty = { name: '𠮷田 太郎', address: '東京都新宿区西新宿2丁目8番1号', occupation: '会社員', dateOfBirth: '1980-04-02' };
const SAITO: SeedParty = { name: '齋藤 健二', address: '福岡県福岡市博多区博多駅前3丁目', occupation: '学生', dateOfBirth: '2001-09-09' };
const imei = (body14: string) => `${body14}${luhnDigit(body14)}`;
const IMEI_A = imei('35209900176148');
const IMEI_B = imei('35332211000042');
const IMEI_ANON = imei('35456710000007');
const IMEI_DRAFT = imei('86753102000011');

const phone = (raw: string): SeedItem => ({ category: 'MACHINE_TOOL', description: 'スマートフォン', isPhone: true, unitPrice: 40_000, features: { brand: 'Apple', model: 'iPhone 13', imei: raw } });
const serial = (raw: string, o: Partial<SeedItem> = {}): SeedItem => ({ category: 'WATCH_JEWELRY', description: '腕時計', unitPrice: 60_000, features: { brand: 'SEIKO', serialNumber: raw }, ...o });
const car: SeedItem = {
  category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '普通乗用自動車', unitPrice: 800_000,
  features: { carName: 'トヨタ プリウス', chassisNumber: 'ZVW30-1234567', plateNumber: '品川 300 さ 12-34', ownerName: '𠮷田 太郎' },
};

let t: TestApp;
let storeA: string;
let storeB: string;
beforeAll(async () => {
  t = await buildTestApp();
  storeA = t.makeStore().id;
  storeB = t.makeStore().id;
  seedTradeins(t.app.daicho.db.$client, [
    // Stored as typed: hyphenated IMEI, lower-case serial with a space.
    { storeId: storeA, date: '2026-04-01', counterparty: YOSHIDA, items: [phone(`${IMEI_A.slice(0, 2)}-${IMEI_A.slice(2, 8)}-${IMEI_A.slice(8, 14)}-${IMEI_A.slice(14)}`), serial('ab-1234 xy'), car] },
    { storeId: storeB, date: '2026-04-02', counterparty: YOSHIDA, items: [phone(IMEI_B)] },
    { storeId: storeA, date: '2026-04-03', counterparty: SAITO, anonymizedAt: '2026-04-30T00:00:00.000Z', items: [phone(IMEI_ANON)] },
    { storeId: storeA, date: '2026-04-04', counterparty: YOSHIDA, status: 'draft', items: [phone(IMEI_DRAFT)] },
    { storeId: storeA, date: '2026-04-05', ledgerRequired: false, counterparty: null, items: [serial('NOLEDGER-1', { unitPrice: 5_000 })] },
    { storeId: storeA, date: '2026-04-06', counterparty: SAITO, items: Array.from({ length: 205 }, () => serial('DUP-0001')) },
  ]);
});
afterAll(() => t.close());

type Result = { items: LedgerRow[]; truncated: boolean; limit: number };
async function search(query: Record<string, string>, token = t.adminToken): Promise<Result> {
  const res = await t.inject({ method: 'GET', url: '/ledger/search', query, token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}

describe('GET /ledger/search by identifier', () => {
  const variants: Record<string, string[]> = {
    IMEI: [IMEI_A, '３５２０９９００１７６１４８' + luhnDigit('35209900176148'), `${IMEI_A.slice(0, 2)} ${IMEI_A.slice(2, 8)} ${IMEI_A.slice(8)}`, `${IMEI_A.slice(0, 8)}\u2010${IMEI_A.slice(8)}`],
    serial: ['AB1234XY', 'ab-1234-xy', 'ＡＢ－１２３４－ＸＹ', ' ab 1234 XY '],
    '車台番号': ['ZVW30-1234567', 'zvw301234567', 'ＺＶＷ３０－１２３４５６７', 'ZVW30ー1234567'],
    plate: ['品川 300 さ 12-34', '品川300さ1234', '品川３００さ１２－３４', '品川　300　さ　12　34'],
  };
  for (const [kind, forms] of Object.entries(variants)) {
    it(`finds the ${kind} in every written form`, async () => {
      for (const identifier of forms) {
        const r = await search({ identifier });
        expect(r.items.length, identifier).toBe(1);
        expect(r.items[0]).toMatchObject({ storeId: storeA, tradeinId: expect.any(String), itemId: expect.any(String), intake: { date: '2026-04-01', counterparty: { name: '𠮷田 太郎' } } });
        expect(r.truncated).toBe(false);
      }
    });
  }

  it('matches exactly: a prefix or a near miss finds nothing; drafts and unrecorded intakes are not ledger rows', async () => {
    for (const identifier of [IMEI_A.slice(0, 14), 'AB1234X', 'ZVW301234568', IMEI_DRAFT, 'NOLEDGER-1']) expect((await search({ identifier })).items, identifier).toEqual([]);
  });

  it('keeps anonymised entries findable by goods, without personal data', async () => {
    const r = await search({ identifier: IMEI_ANON });
    expect(r.items[0]).toMatchObject({ anonymized: true, intake: { counterparty: { name: '匿名化済', address: '匿名化済' } } });
    expect(JSON.stringify(r)).not.toContain('齋藤');
  });

  it('limits staff to their stores; compliance searches all', async () => {
    const staffA = t.tokenFor('staff', [storeA]).token;
    expect((await search({ identifier: IMEI_B }, staffA)).items).toEqual([]);
    expect((await search({ identifier: IMEI_A }, staffA)).items).toHaveLength(1);
    const all = await search({ identifier: IMEI_B }, t.tokenFor('compliance').token);
    expect(all.items.map((r) => r.storeId)).toEqual([storeB]);
    expect((await t.inject({ method: 'GET', url: '/ledger/search', query: { identifier: IMEI_A }, token: t.tokenFor('dealer').token })).statusCode).toBe(403);
  });

  it('caps results at 200 and says so', async () => {
    const r = await search({ identifier: 'dup 0001' });
    expect(r).toMatchObject({ limit: 200, truncated: true });
    expect(r.items).toHaveLength(200);
  });
});

describe('GET /ledger/search by person', () => {
  it('matches name (any spacing or width) and date of birth together', async () => {
    for (const name of ['𠮷田 太郎', '𠮷田　太郎', '𠮷田太郎']) {
      const r = await search({ name, dateOfBirth: '1980-04-02' });
      expect(r.items.map((x) => x.storeId).sort(), name).toEqual([storeA, storeA, storeA, storeB].sort());
    }
    expect((await search({ name: '𠮷田 太郎', dateOfBirth: '1980-04-03' })).items).toEqual([]);
    expect((await search({ name: '吉田 太郎', dateOfBirth: '1980-04-02' })).items).toEqual([]);
  });

  it('limits staff to their stores and never finds anonymised entries by person', async () => {
    const staffB = t.tokenFor('staff', [storeB]).token;
    const r = await search({ name: '𠮷田 太郎', dateOfBirth: '1980-04-02' }, staffB);
    expect(r.items.map((x) => x.storeId)).toEqual([storeB]);
    // SAITO's other trade-in (205 watches) is not anonymised; the anonymised phone must not show.
    const saito = await search({ name: '齋藤 健二', dateOfBirth: '2001-09-09' });
    expect(saito.items.some((x) => x.anonymized)).toBe(false);
  });
});

describe('GET /ledger/search errors', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, 'search_mode_required'],
    [{ identifier: IMEI_A, name: '𠮷田 太郎', dateOfBirth: '1980-04-02' }, 'search_mode_ambiguous'],
    [{ identifier: IMEI_A, dateOfBirth: '1980-04-02' }, 'search_mode_ambiguous'],
    [{ name: '𠮷田 太郎' }, 'search_person_incomplete'],
    [{ dateOfBirth: '1980-04-02' }, 'search_person_incomplete'],
    [{ identifier: ' - \u2010 - ' }, 'search_identifier_empty'],
    [{ name: '𠮷田 太郎', dateOfBirth: '1980-02-30' }, 'validation_failed'],
    [{ identifier: IMEI_A, storeId: storeA }, 'validation_failed'],
  ];
  it.each(cases)('%j → 400 %s as problem+json', async (query, code) => {
    const res = await t.inject({ method: 'GET', url: '/ledger/search', query, token: t.adminToken });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code, type: `urn:daicho:problem:${code}` });
    expect(res.body).not.toContain('𠮷田');
  });
});

describe('query plans', () => {
  it('looks identifiers and people up through indexes, never a table scan', () => {
    const c = t.app.daicho.db.$client;
    const params = { q: 'X', name: 'X', dob: '2000-01-01', all: 1, stores: '[]', limit: 201 };
    const plan = (sql: string) => (c.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const id = plan(SEARCH_SQL.identifier);
    for (const ix of ['items_serial', 'items_imei', 'items_chassis', 'items_plate']) expect(id.some((d) => d.includes(`USING INDEX ${ix}`)), ix).toBe(true);
    const person = plan(SEARCH_SQL.name);
    expect(person.some((d) => d.includes('USING INDEX tradeins_cp_name_dob'))).toBe(true);
    for (const d of [...id, ...person]) expect(d).not.toMatch(/^SCAN (tradein_items|tradeins|t|i|d)\b/);
  });
});

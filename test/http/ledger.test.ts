// GET /ledger and GET /ledger/print through the real app: period membership (intake OR 払出し in
// [from, to], both inclusive), cursor pages, store scoping, the printed PDF and its audit entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/tradeins/ledger-schemas.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { type SeedItem, type SeedParty, type SeedTradein, seedTradeins } from '../helpers/seed-ledger.js';

const PERMIT = '304440009876';
const YOSHIDA: SeedParty = { name: '𠮷田 太郎', address: '東京都新宿区西新宿2丁目8番1号', occupation: '会社員', dateOfBirth: '1980-04-02' };
const TAKAHASHI: SeedParty = { name: '髙橋 一郎', address: '大阪府大阪市北区梅田1丁目1番3号', occupation: '自営業', dateOfBirth: '1975-12-01' };
const YAMASAKI: SeedParty = { name: '山﨑 花子', address: '神奈川県横浜市中区山下町10番地', occupation: '公務員', dateOfBirth: '1990-06-30' };
const WATANABE: SeedParty = { name: '渡邊 美穂', address: '北海道札幌市中央区北一条西2丁目', occupation: 'パート', dateOfBirth: '1988-01-15' };
const SAITO: SeedParty = { name: '齋藤 健二', address: '福岡県福岡市博多区博多駅前3丁目', occupation: '学生', dateOfBirth: '2001-09-09' };

const item = (serial: string, o: Partial<SeedItem> = {}): SeedItem => ({
  category: 'CAMERA', description: 'デジタルカメラ', unitPrice: 30_000, features: { brand: 'Canon', model: 'EOS R6', serialNumber: serial }, ...o,
});
const watch = (serial: string, o: Partial<SeedItem> = {}) => item(serial, { category: 'WATCH_JEWELRY', description: '腕時計', features: { brand: 'SEIKO', model: 'SBGA211', serialNumber: serial }, ...o });

let t: TestApp;
let storeA: string;
let storeB: string;
const FILLERS = Array.from({ length: 40 }, (_, n) => `FILL-${String(n).padStart(2, '0')}`);
/** Serials that must appear in store A's April ledger, and ones that must not. */
const IN_APRIL = ['W-SOLD-IN-APR', 'W-IN-0401', 'ZVW30-7654321', 'C-0415-1', 'C-0415-2', 'C-0415-3', 'W-DISPOSAL-ONLY', 'C-ANON', 'PF-IN-0430', ...FILLERS];
const NOT_IN_APRIL = ['SN-BEFORE', 'PF-AFTER', 'PF-DRAFT', 'SN-NOLEDGER', 'BK-SOLD-NOLEDGER', 'B-ONLY'];

beforeAll(async () => {
  t = await buildTestApp({ build: { clock: { now: () => new Date('2026-05-10T01:00:00Z') } } });
  storeA = t.makeStore({ name: 'リユース髙島屋 新宿店', permitNumber: PERMIT }).id;
  storeB = t.makeStore({ name: '別店舗', permitNumber: '309999999999' }).id;
  const A = (date: string, items: SeedItem[], o: Partial<SeedTradein> = {}): SeedTradein => ({ storeId: storeA, date, counterparty: YOSHIDA, items, ...o });
  seedTradeins(t.app.daicho.db.$client, [
    A('2026-03-31', [item('SN-BEFORE')]),
    A('2026-04-01', [watch('W-IN-0401')]),
    A('2026-04-15', [item('C-0415-1'), item('C-0415-2'), item('C-0415-3')], { counterparty: TAKAHASHI, kind: 'consignment' }),
    A('2026-04-30', [item('PF-IN-0430')], { counterparty: YAMASAKI, version: 2 }),
    A('2026-05-01', [item('PF-AFTER')]),
    // Bought before April, sold in April with the buyer recorded: in the period through its 払出し.
    A('2026-03-20', [watch('W-SOLD-IN-APR', { disposal: { date: '2026-04-10', price: 50_000, ledgerRequired: true, buyer: WATANABE } })]),
    // Bought for ¥8,000 (no ledger entry), sold for ¥15,000: only the 払出し is recorded.
    A('2026-02-10', [watch('W-DISPOSAL-ONLY', { unitPrice: 8_000, disposal: { date: '2026-04-20', price: 15_000, ledgerRequired: true, buyer: WATANABE } })], { ledgerRequired: false, counterparty: null }),
    // A car: the buyer is not recorded (法16条 ただし書).
    A('2026-04-05', [{ category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '普通乗用自動車', unitPrice: 800_000,
      features: { carName: 'トヨタ プリウス', chassisNumber: 'ZVW30-7654321', plateNumber: '品川 300 さ 12-34', ownerName: '𠮷田 太郎' },
      disposal: { date: '2026-04-25', price: 950_000, ledgerRequired: true, buyer: null } }]),
    A('2026-04-10', [item('PF-DRAFT')], { status: 'draft' }),
    A('2026-04-12', [item('SN-NOLEDGER', { unitPrice: 5_000 })], { ledgerRequired: false, counterparty: null }),
    A('2026-03-01', [item('BK-SOLD-NOLEDGER', { disposal: { date: '2026-04-18', price: 500, ledgerRequired: false } })]),
    A('2026-04-20', [item('C-ANON')], { counterparty: SAITO, anonymizedAt: '2026-05-01T00:00:00.000Z' }),
    ...FILLERS.map((s, n) => A(`2026-04-${String(2 + (n % 27)).padStart(2, '0')}`, [item(s)], { counterparty: n % 2 ? TAKAHASHI : YAMASAKI })),
    { storeId: storeB, date: '2026-04-15', counterparty: YOSHIDA, items: [item('B-ONLY')] },
  ]);
});
afterAll(() => t.close());

const serialOf = (r: LedgerRow) => /シリアル：([^、]+)|車台番号：([^、]+)/.exec(r.features)?.slice(1).find(Boolean);
const sortKey = (r: LedgerRow) => `${r.intake?.date ?? r.disposal!.date} ${r.itemId}`;

async function allPages(token: string, limit: number) {
  const rows: LedgerRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: Record<string, string> = { storeId: storeA, from: '2026-04-01', to: '2026-04-30', limit: String(limit), ...(cursor ? { cursor } : {}) };
    const res = await t.inject({ method: 'GET', url: '/ledger', query, token });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: LedgerRow[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    rows.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { rows, pages };
}

describe('GET /ledger', () => {
  it('pages through exactly the period rows, in (date, item) order, with no repeats', async () => {
    const { token } = t.tokenFor('staff', [storeA]);
    const { rows, pages } = await allPages(token, 7);
    expect(pages).toBe(Math.ceil(IN_APRIL.length / 7));
    expect(rows.map(serialOf).sort()).toEqual([...IN_APRIL].sort());
    expect(new Set(rows.map((r) => r.itemId)).size).toBe(rows.length);
    expect(rows.map(sortKey)).toEqual(rows.map(sortKey).sort());
    const single = (await allPages(t.adminToken, 500)).rows;
    expect(single.map((r) => r.itemId)).toEqual(rows.map((r) => r.itemId));
  });

  it('fills intake and 払出し columns as the law requires', async () => {
    const { rows } = await allPages(t.adminToken, 500);
    const by = (s: string) => rows.find((r) => serialOf(r) === s)!;
    // 1980-04-02 birthday: still 45 on 2026-04-01 (a year completes the day before the birthday).
    expect(by('W-IN-0401')).toMatchObject({ storeId: storeA, categoryLabel: '時計・宝飾品類', amended: false, disposal: null,
      intake: { date: '2026-04-01', kind: 'purchase', method: '古物営業法15条1項1号 / 運転免許証', counterparty: { name: '𠮷田 太郎', address: YOSHIDA.address, occupation: '会社員', age: 45 } } });
    expect(by('W-IN-0401').features).toBe('ブランド：SEIKO、型式：SBGA211、シリアル：W-IN-0401');
    expect(by('C-0415-1').intake?.kind).toBe('consignment');
    expect(by('W-SOLD-IN-APR')).toMatchObject({ intake: { date: '2026-03-20' }, disposal: { date: '2026-04-10', kind: 'sale', price: 50_000, counterparty: { name: '渡邊 美穂', age: 38 } } });
    expect(by('W-DISPOSAL-ONLY')).toMatchObject({ intake: null, disposal: { date: '2026-04-20', counterparty: { name: '渡邊 美穂' } } });
    const car = by('ZVW30-7654321');
    expect(car.disposal).toMatchObject({ date: '2026-04-25', counterparty: null });
    expect(car.features).toBe('車台番号：ZVW30-7654321、登録番号：品川 300 さ 12-34、車名：トヨタ プリウス、所有者：𠮷田 太郎');
    expect(by('PF-IN-0430')).toMatchObject({ amended: true, version: 2 });
    const anon = by('C-ANON');
    expect(anon).toMatchObject({ anonymized: true, intake: { counterparty: { name: '匿名化済', address: '匿名化済', occupation: '匿名化済', age: null } } });
    expect(JSON.stringify(anon)).not.toContain('齋藤');
  });

  it('is store-scoped: another store answers 404, a dealer 403; bad input 400', async () => {
    const other = t.tokenFor('staff', [storeB]).token;
    const q = { storeId: storeA, from: '2026-04-01', to: '2026-04-30' };
    const res = await t.inject({ method: 'GET', url: '/ledger', query: q, token: other });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.inject({ method: 'GET', url: '/ledger', query: { ...q, storeId: 'nope' }, token: t.adminToken })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: '/ledger', query: q, token: t.tokenFor('dealer').token })).statusCode).toBe(403);
    const reversed = await t.inject({ method: 'GET', url: '/ledger', query: { ...q, from: '2026-05-01' }, token: t.adminToken });
    expect(reversed.json()).toMatchObject({ status: 400, code: 'invalid_period' });
    const badCursor = await t.inject({ method: 'GET', url: '/ledger', query: { ...q, cursor: 'garbage' }, token: t.adminToken });
    expect(badCursor.json()).toMatchObject({ status: 400, code: 'bad_cursor' });
    expect((await t.inject({ method: 'GET', url: '/ledger', query: { ...q, from: '2026-02-30' }, token: t.adminToken })).statusCode).toBe(400);
  });
});

describe('GET /ledger/print', () => {
  const q = () => ({ storeId: storeA, from: '2026-04-01', to: '2026-04-30' });
  const printAudits = async () => (await t.inject({ method: 'GET', url: '/audit', query: { action: 'ledger.print' }, token: t.adminToken })).json().items;

  it('prints every period entry with names, permit number on every page, and audits the print', async () => {
    const { token } = t.tokenFor('compliance');
    const before = (await printAudits()).length;
    const res = await t.inject({ method: 'GET', url: '/ledger/print', query: q(), token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="ledger-2026-04-01-2026-04-30.pdf"');
    const pdf = await extractPdfText(res.rawPayload);
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.compactPages) expect(page).toContain(PERMIT);
    for (const s of IN_APRIL) expect(pdf.compact, s).toContain(s);
    for (const s of NOT_IN_APRIL) expect(pdf.compact, s).not.toContain(s);
    for (const name of ['𠮷田太郎', '髙橋一郎', '山﨑花子', '渡邊美穂', 'リユース髙島屋新宿店', '訂正あり', '匿名化済']) expect(pdf.compact, name).toContain(name);
    expect(pdf.compact).not.toContain('齋藤');
    expect(pdf.compactPages[0]).toContain('2026年5月10日10:00'); // printedAt: the injected clock, in Tokyo

    const audits = await printAudits();
    expect(audits.length).toBe(before + 1);
    const entry = audits[0];
    expect(entry).toMatchObject({ action: 'ledger.print', entityType: 'ledger', entityId: storeA, storeId: storeA, actorRole: 'compliance', at: '2026-05-10T01:00:00.000Z',
      details: { storeId: storeA, from: '2026-04-01', to: '2026-04-30', entries: IN_APRIL.length } });
    const json = JSON.stringify(entry);
    for (const value of ['𠮷田', '髙橋', '西新宿', '会社員', '1980-04-02', 'W-IN-0401']) expect(json).not.toContain(value);
  });

  it('allows up to 3 years (to = 3rd anniversary of from) and refuses a longer period', async () => {
    const ok = await t.inject({ method: 'GET', url: '/ledger/print', query: { ...q(), from: '2023-04-30' }, token: t.adminToken });
    expect(ok.statusCode).toBe(200);
    const long = await t.inject({ method: 'GET', url: '/ledger/print', query: { ...q(), from: '2023-04-29' }, token: t.adminToken });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'period_too_long' });
  });

  it('answers 404 for a store the caller cannot see, and then audits nothing', async () => {
    const before = (await printAudits()).length;
    const res = await t.inject({ method: 'GET', url: '/ledger/print', query: q(), token: t.tokenFor('staff', [storeB]).token });
    expect(res.statusCode).toBe(404);
    expect((await printAudits()).length).toBe(before);
  });

  it('sends no PDF when the audit write fails (fail-closed)', async () => {
    const c = t.app.daicho.db.$client;
    c.exec(`CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'forced'); END;`);
    try {
      const res = await t.inject({ method: 'GET', url: '/ledger/print', query: q(), token: t.adminToken });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      c.exec('DROP TRIGGER audit_fail');
    }
  });
});

// The ledger read paths over rows written by the real trade-in verbs (not the seeder): what the
// write side stores (method label, identifier columns, amendments, disposals) is what list,
// search and print show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../src/tradeins/ledger-schemas.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { licenceCheck, licenceHolder, purchaseBody } from '../helpers/tradein-factory.js';

let t: TestApp;
let storeId: string;
let staff: string;
const car = { category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '軽自動車', quantity: 1, unitPrice: 300000, features: { carName: 'N-BOX', chassisNumber: 'JF3-1234567', plateNumber: '練馬 580 あ 1', ownerName: '山田 太郎', ownerNameSource: 'ic' } };
const watch = { category: 'WATCH_JEWELRY', description: '腕時計', quantity: 1, unitPrice: 50000, features: { brand: 'SEIKO', serialNumber: 'SN-778899' } };
const phone = { category: 'MACHINE_TOOL', description: 'スマートフォン', quantity: 1, unitPrice: 45000, isPhone: true, features: { brand: 'Apple', model: 'iPhone 13', imei: '356938035643809' } };

beforeAll(async () => {
  t = await buildTestApp({ build: { clock: { now: () => new Date('2026-11-22T03:00:00Z') } } });
  storeId = t.makeStore().id;
  staff = t.tokenFor('staff', [storeId]).token;
  const post = async (url: string, payload?: object) => {
    const res = await t.inject({ method: 'POST', url, payload, token: staff });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const tr = await post('/tradeins', purchaseBody(storeId, { items: [car, watch, phone] }));
  expect((await t.inject({ method: 'PUT', url: `/tradeins/${tr.id}/verification`, payload: licenceCheck, token: staff })).statusCode).toBe(200);
  await post(`/tradeins/${tr.id}/complete`);
  await post(`/tradeins/${tr.id}/amendments`, { reason: '免許証の住所と相違', counterparty: { address: '東京都千代田区神田須田町9-9-9' } });
  await post(`/items/${tr.items[0].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 450000, buyer: { name: '鈴木 一郎' } });
  const buyer = { name: '鈴木 一郎', address: '東京都新宿区西新宿2-8-1', occupation: '自営業', dateOfBirth: '1970-01-01' };
  await post(`/items/${tr.items[1].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 80000, buyer });
});
afterAll(() => t.close());

describe('ledger over API-written trade-ins', () => {
  it('lists one row per item with the verified method, the amendment and the 払出し', async () => {
    const res = await t.inject({ method: 'GET', url: '/ledger', query: { storeId, from: '2026-11-20', to: '2026-11-20' }, token: staff });
    expect(res.statusCode).toBe(200);
    const rows = res.json().items as LedgerRow[];
    expect(rows.map((r) => r.lineNo).sort()).toEqual([1, 2, 3]);
    for (const r of rows) {
      expect(r).toMatchObject({ amended: true, version: 2, intake: { date: '2026-11-20', kind: 'purchase', method: '古物営業法15条1項1号 / 運転免許証' } });
      expect(r.intake?.counterparty).toEqual({ name: licenceHolder.name, address: '東京都千代田区神田須田町9-9-9', occupation: '会社員', age: 41 });
    }
    const byLine = (n: number) => rows.find((r) => r.lineNo === n)!;
    // The car buyer is not recorded (法16条 ただし書); the watch buyer is.
    expect(byLine(1).disposal).toMatchObject({ date: '2026-11-21', kind: 'sale', price: 450000, counterparty: null });
    expect(byLine(1).features).toBe('車台番号：JF3-1234567、登録番号：練馬 580 あ 1、車名：N-BOX、所有者：山田 太郎');
    expect(byLine(2).disposal).toMatchObject({ counterparty: { name: '鈴木 一郎', occupation: '自営業', age: 56 } });
    expect(byLine(3).disposal).toBeNull();
  });

  it('finds the items by identifier and the person by name + date of birth', async () => {
    const find = async (query: Record<string, string>) => (await t.inject({ method: 'GET', url: '/ledger/search', query, token: staff })).json().items as LedgerRow[];
    expect((await find({ identifier: '35-693803-564380-9' })).map((r) => r.lineNo)).toEqual([3]);
    expect((await find({ identifier: 'ｊｆ３ー１２３４５６７' })).map((r) => r.lineNo)).toEqual([1]);
    expect((await find({ identifier: '練馬580あ1' })).map((r) => r.lineNo)).toEqual([1]);
    expect((await find({ identifier: 'sn778899' })).map((r) => r.lineNo)).toEqual([2]);
    expect(await find({ name: '山田太郎', dateOfBirth: licenceHolder.dateOfBirth })).toHaveLength(3);
  });

  it('prints the rows with the sale date and the amendment mark', async () => {
    const res = await t.inject({ method: 'GET', url: '/ledger/print', query: { storeId, from: '2026-11-01', to: '2026-11-30' }, token: staff });
    expect(res.statusCode).toBe(200);
    const { compact } = await extractPdfText(res.rawPayload);
    for (const s of ['山田太郎', '神田須田町9-9-9', 'JF3-1234567', 'SN-778899', '356938035643809', '2026年11月21日', '訂正あり']) expect(compact, s).toContain(s);
  });
});

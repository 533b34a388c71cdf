// How trade-ins meet police blocks: replacing blocked items, re-checking replaced items against
// active 品触れ, police blocks closed only through police routes, expired holds no longer binding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { licenceCheck, purchaseBody } from '../helpers/tradein-factory.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
const NOTICED_IMEI = '490154203237518';
beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  const notice = await t.inject({ method: 'POST', url: '/police/notices', token: compliance, payload: { issuingAgency: '警視庁 新宿警察署', noticeNumber: '品触 第12号', arrivalDate: '2026-11-01', items: [{ description: 'スマートフォン', imei: NOTICED_IMEI }] } });
  expect(notice.statusCode).toBe(201);
});
afterAll(() => t.close());

const phone = (imei: string) => ({ category: 'MACHINE_TOOL', description: 'スマートフォン', quantity: 1, unitPrice: 30000, isPhone: true, features: { imei } });

describe('trade-ins and police blocks', () => {
  it('a draft’s replaced items are checked against active 品触れ (rule 34)', async () => {
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { items: [phone('356938035643809')] }) })).json();
    expect(tr.blocks).toEqual([]);
    const edited = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}`, token: staff, payload: { items: [phone('49-015420-323751-8')] } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().blocks.map((b: { kind: string }) => b.kind)).toEqual(['notice_match']);
  });

  it('items under a match cannot be swapped out, and staff cannot close a match generically', async () => {
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { items: [phone(NOTICED_IMEI)] }) })).json();
    const match = tr.blocks.find((b: { kind: string }) => b.kind === 'notice_match');
    expect(match).toBeDefined();
    const swap = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}`, token: staff, payload: { items: [phone('356938035643809')] } });
    expect(swap.statusCode).toBe(409);
    expect(swap.json().code).toBe('items_blocked');
    const generic = await t.inject({ method: 'POST', url: `/blocks/${match.id}/resolve`, token: staff, payload: { resolution: 'false_positive', note: 'x' } });
    expect(generic.statusCode).toBe(409);
    expect(generic.json().code).toBe('use_police_route');
  });

  it('a hold blocks a sale until its end date; the day after, the sale goes through (rule 35)', async () => {
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { verification: licenceCheck, complete: true }) })).json();
    const itemId = tr.items[1].id;
    const hold = await t.inject({ method: 'POST', url: '/police/holds', token: compliance, payload: { itemId, orderDate: '2026-11-22', endDate: '2026-12-01', station: '新宿警察署', officerName: '警部補 田中' } });
    expect(hold.statusCode).toBe(201);
    const sale = (at: string) => t.inject({ method: 'POST', url: `/items/${itemId}/disposals`, token: staff, payload: { kind: 'sale', occurredAt: at, price: 5000 } });
    now = new Date('2026-12-01T10:00:00Z');
    expect((await sale('2026-12-01T18:00:00+09:00')).json().code).toBe('item_blocked');
    now = new Date('2026-12-02T10:00:00Z');
    const later = t.tokenFor('staff', [store.id]).token;
    const ok = await t.inject({ method: 'POST', url: `/items/${itemId}/disposals`, token: later, payload: { kind: 'sale', occurredAt: '2026-12-02T10:00:00+09:00', price: 5000 } });
    expect(ok.statusCode).toBe(201);
    now = new Date('2026-11-22T03:00:00Z');
  });
});

describe('amendments and 品触れ', () => {
  it('an amended IMEI that matches an active notice raises a match and blocks disposal', async () => {
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { verification: licenceCheck, complete: true }) })).json();
    const phoneItem = tr.items[0];
    const amended = await t.inject({ method: 'POST', url: `/tradeins/${tr.id}/amendments`, token: staff, payload: { reason: 'IMEI 読み違い', items: [{ id: phoneItem.id, features: { ...phoneItem.features, imei: NOTICED_IMEI } }] } });
    expect(amended.statusCode).toBe(200);
    expect(amended.json().blocks.map((b: { kind: string }) => b.kind)).toContain('notice_match');
    const sale = await t.inject({ method: 'POST', url: `/items/${phoneItem.id}/disposals`, token: staff, payload: { kind: 'sale', occurredAt: '2026-11-22T10:00:00+09:00', price: 40000 } });
    expect(sale.json().code).toBe('item_blocked');
  });
});

// 差止め (古物営業法21条): DOMAIN rule 35 — an order date and an end date at most 30 days later; a
// longer hold is refused (a new order is a new hold); while active, sale, return and disposal
// are blocked; the hold ends on its end date or when released.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDisposalBlocks } from '../../src/tradeins/disposal-blocks.js';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, buyer, completedPurchase, watch } from '../helpers/police-factory.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token = compliance) => t.inject({ method: 'POST', url, payload: payload as object, token });
const dispose = (itemId: string, kind = 'sale') => post(`/items/${itemId}/disposals`, { kind, occurredAt: '2026-11-22T11:00:00+09:00', price: 90000, buyer }, staff);
const hold = (itemId: string, over: Record<string, unknown> = {}) =>
  post('/police/holds', { itemId, orderDate: '2026-11-22', endDate: '2026-12-22', station: '新宿警察署', officerName: '巡査部長 佐々木', referenceNumber: '差止第77号', ...over });

describe('rule 35: 差止め', () => {
  it('refuses a hold of 31 days with problem+json saying a longer hold is a new order', async () => {
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('H-31')] });
    const res = await hold(tr.items[0]!.id, { endDate: '2026-12-23' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'urn:daicho:problem:hold_too_long', code: 'hold_too_long', status: 400, maxEndDate: '2026-12-22' });
    expect(res.json().detail).toContain('21条');
    expect(res.json().errors[0].path).toBe('body.endDate');
    expect((t.app.daicho.db.$client.prepare('SELECT count(*) n FROM police_holds WHERE item_id = ?').get(tr.items[0]!.id) as { n: number }).n).toBe(0);
    const noOrder = await hold(tr.items[0]!.id, { orderDate: undefined });
    expect(noOrder.json().errors.map((e: { path: string }) => e.path)).toContain('body.orderDate');
  });

  it('a 30-day hold blocks sale and return until released; it is listed as active with the days left', async () => {
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('H-30')] });
    const itemId = tr.items[0]!.id;
    const res = await hold(itemId);
    expect(res.statusCode).toBe(201);
    const h = res.json();
    expect(h).toMatchObject({ status: 'active', endDate: '2026-12-22', daysLeft: 31 });
    expect(auditCount(t, 'police_hold.create', h.id)).toBe(1);
    expect((await dispose(itemId)).json().code).toBe('item_blocked');
    expect((await dispose(itemId, 'return')).json().code).toBe('item_blocked');
    const list = (await t.inject({ method: 'GET', url: '/police/holds', token: compliance })).json().items;
    expect(list.map((x: { id: string }) => x.id)).toContain(h.id);
    const dash = (await t.inject({ method: 'GET', url: '/police/dashboard', token: compliance })).json();
    expect(dash.holds.map((x: { id: string }) => x.id)).toContain(h.id);
    // a second order on the same item is a new hold
    expect((await hold(itemId, { orderDate: '2026-11-22', endDate: '2026-11-30', referenceNumber: '差止第78号' })).statusCode).toBe(201);
    const second = (await t.inject({ method: 'GET', url: '/police/holds', token: compliance })).json().items.find((x: { referenceNumber: string }) => x.referenceNumber === '差止第78号');
    expect((await post(`/police/holds/${h.id}/release`, { releasedOn: '2026-11-22', note: '解除通知 受領' }, staff)).statusCode).toBe(403);
    const released = await post(`/police/holds/${h.id}/release`, { releasedOn: '2026-11-22', note: '解除通知 受領' });
    expect(released.json()).toMatchObject({ status: 'released', daysLeft: 0 });
    expect((await dispose(itemId)).json().code).toBe('item_blocked'); // the second order still runs
    await post(`/police/holds/${second.id}/release`, { releasedOn: '2026-11-22', note: '解除' });
    expect((await dispose(itemId)).statusCode).toBe(201);
    expect((await post(`/police/holds/${h.id}/release`, { releasedOn: '2026-11-22', note: 'again' })).json().code).toBe('hold_released');
  });

  it('an expired hold no longer binds (Asia/Tokyo calendar) and is listed as expired', async () => {
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('H-EXP')] });
    const itemId = tr.items[0]!.id;
    const h = (await hold(itemId, { endDate: '2026-11-25' })).json();
    const binding = (today: string) => openDisposalBlocks(t.app.daicho.db, { itemId, tradeinId: tr.id, today }).map((b) => b.kind);
    expect(binding('2026-11-25')).toEqual(['hold_order']);
    expect(binding('2026-11-26')).toEqual([]);
    now = new Date('2026-11-25T15:00:00Z'); // 26 Nov in Tokyo
    try {
      const token = t.tokenFor('compliance').token;
      const all = (await t.inject({ method: 'GET', url: '/police/holds?status=expired', token })).json().items;
      expect(all.find((x: { id: string }) => x.id === h.id)).toMatchObject({ status: 'expired', daysLeft: 0 });
    } finally {
      now = new Date('2026-11-22T03:00:00Z');
    }
  });

  it('a hold on an item already sold, or ending before today, is refused', async () => {
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('H-SOLD')] });
    await dispose(tr.items[0]!.id);
    expect((await hold(tr.items[0]!.id)).json().code).toBe('item_not_held');
    const other = await completedPurchase(t, staff, store.id, { items: [watch('H-PAST')] });
    expect((await hold(other.items[0]!.id, { orderDate: '2026-11-01', endDate: '2026-11-20' })).json().code).toBe('hold_already_ended');
  });
});

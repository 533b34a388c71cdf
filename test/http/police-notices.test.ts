// 品触れ (古物営業法19条): DOMAIN rules 32 (arrival date, 6 months, undeletable), 33 (holdings
// matched at registration), 34 (every intake while active checked and blocked until resolved).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, buyer, completedPurchase, imei, noticeBody, phone, watch } from '../helpers/police-factory.js';

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
const sell = (itemId: string) => post(`/items/${itemId}/disposals`, { kind: 'sale', occurredAt: '2026-11-22T10:00:00+09:00', price: 60000, buyer }, staff);

describe('rule 32: arrival date, six months, not deletable before', () => {
  it('refuses a notice without an arrival date, naming the field', async () => {
    const { arrivalDate: _a, ...body } = noticeBody();
    const res = await post('/police/notices', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.arrivalDate');
    const future = await post('/police/notices', noticeBody({ arrivalDate: '2026-11-23' }));
    expect(future.json().code).toBe('arrival_in_future');
  });

  it('is active until arrival + 6 months and cannot be deleted before; after, it can', async () => {
    const res = await post('/police/notices', noticeBody({ arrivalDate: '2026-05-31', items: [{ description: '金製ネックレス 喜平' }] }));
    expect(res.statusCode).toBe(201);
    const n = res.json();
    expect(n).toMatchObject({ arrivalDate: '2026-05-31', activeUntil: '2026-11-30', active: true, deletableFrom: '2026-12-01' });
    expect(n.items[0].matchable).toBe('none');
    const early = await t.inject({ method: 'DELETE', url: `/police/notices/${n.id}`, token: compliance });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'notice_retention', activeUntil: '2026-11-30', deletableFrom: '2026-12-01' });
    now = new Date('2026-11-30T14:59:00Z'); // 23:59 on 30 Nov in Tokyo: still kept
    const late = t.tokenFor('compliance').token;
    expect((await t.inject({ method: 'DELETE', url: `/police/notices/${n.id}`, token: late })).statusCode).toBe(409);
    now = new Date('2026-11-30T15:00:00Z'); // 1 Dec in Tokyo
    try {
      const ok = await t.inject({ method: 'DELETE', url: `/police/notices/${n.id}`, token: late });
      expect(ok.json()).toEqual({ id: n.id, deleted: true });
      expect(auditCount(t, 'police_notice.delete', n.id)).toBe(1);
      expect((await t.inject({ method: 'GET', url: `/police/notices/${n.id}`, token: late })).statusCode).toBe(404);
    } finally {
      now = new Date('2026-11-22T03:00:00Z');
    }
  });
});

describe('rule 33: a notice registered after an intake matches what is held', () => {
  it('matches a held item by normalised IMEI → an open task that blocks the sale', async () => {
    const id = imei('35391805000001');
    const tr = await completedPurchase(t, staff, store.id, { items: [phone(id)] });
    const written = `${id.slice(0, 2)}－${id.slice(2, 8)}－${id.slice(8)}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const res = await post('/police/notices', noticeBody({ items: [{ description: 'iPhone 15 黒', imei: written }] }));
    expect(res.statusCode).toBe(201);
    const m = res.json().matches;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ itemId: tr.items[0]!.id, confidence: 'hit', matchedOn: ['imei'], phase: 'holding', status: 'open' });
    expect(auditCount(t, 'police_notice_match.create', m[0].id)).toBe(1);
    const view = (await t.inject({ method: 'GET', url: `/tradeins/${tr.id}`, token: staff })).json();
    expect(view.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'notice_match', status: 'open', blocksDisposal: true })]));
    const sale = await sell(tr.items[0]!.id);
    expect(sale.statusCode).toBe(409);
    expect(sale.json().code).toBe('item_blocked');
    const listed = (await t.inject({ method: 'GET', url: '/police/notices?active=true', token: t.adminToken })).json().items;
    expect(listed.find((n: { id: string }) => n.id === res.json().id)).toMatchObject({ items: 1, openMatches: 1, active: true });
    const one = (await t.inject({ method: 'GET', url: `/police/notices/${res.json().id}`, token: compliance })).json();
    expect(one.matches[0].id).toBe(m[0].id);
    const dash = (await t.inject({ method: 'GET', url: '/police/dashboard', token: compliance })).json();
    expect(dash.activeNotices).toBeGreaterThan(0);
    expect(dash.noticeMatches.find((x: { id: string }) => x.id === m[0].id)).toMatchObject({ ageDays: 0, confidence: 'hit' });
  });

  it('reviews held items by brand + model + colour, however the model was typed (ASCII or 全角)', async () => {
    const lens = (model: string) => ({ category: 'CAMERA', description: 'レンズ', quantity: 1, unitPrice: 40000, features: { brand: 'Nikon', model, colour: '黒' } });
    const a = await completedPurchase(t, staff, store.id, { items: [lens('z 24-70 f4')] });
    const b = await completedPurchase(t, staff, store.id, { items: [lens('Ｚ　２４－７０　Ｆ４')] });
    const c = await completedPurchase(t, staff, store.id, { items: [lens('Z 24-120 F4')] });
    const res = await post('/police/notices', noticeBody({ items: [{ description: 'レンズ', brand: 'NIKON', model: 'Z24-70F4', colour: '黒' }] }));
    const ids = res.json().matches.map((m: { itemId: string; confidence: string }) => [m.itemId, m.confidence]);
    expect(ids).toEqual(expect.arrayContaining([[a.items[0]!.id, 'review'], [b.items[0]!.id, 'review']]));
    expect(ids.map(([id]: [string]) => id)).not.toContain(c.items[0]!.id);
  });

  it('an item sold before the arrival date is out of scope; one sold on or after it is matched', async () => {
    const before = await completedPurchase(t, staff, store.id, { occurredAt: '2026-11-10T10:00:00+09:00', items: [watch('SB-OLD-1')] });
    const after = await completedPurchase(t, staff, store.id, { occurredAt: '2026-11-10T10:00:00+09:00', items: [watch('SB-OLD-2')] });
    expect((await post(`/items/${before.items[0]!.id}/disposals`, { kind: 'sale', occurredAt: '2026-11-15T10:00:00+09:00', price: 90000, buyer }, staff)).statusCode).toBe(201);
    expect((await post(`/items/${after.items[0]!.id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 90000, buyer }, staff)).statusCode).toBe(201);
    const res = await post('/police/notices', noticeBody({ arrivalDate: '2026-11-20', items: [{ description: '腕時計', serialNumber: 'sb old 1' }, { description: '腕時計', serialNumber: 'SB-OLD-2' }] }));
    expect(res.json().matches.map((x: { itemId: string }) => x.itemId)).toEqual([after.items[0]!.id]);
  });
});

describe('rule 34: an intake while a notice is active is flagged and blocked until resolved', () => {
  it('blocks the new item, lets the entry complete, and lifts the block once reported', async () => {
    await post('/police/notices', noticeBody({ items: [{ description: '腕時計', serialNumber: 'GS-9F-0042' }] }));
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('gs 9f 0042')] });
    expect(tr.status).toBe('completed'); // the ledger entry is still made
    const block = tr.blocks.find((b) => b.kind === 'notice_match')!;
    expect(block).toMatchObject({ status: 'open', itemId: tr.items[0]!.id });
    expect((await sell(tr.items[0]!.id)).json().code).toBe('item_blocked');
    const matchId = (t.app.daicho.db.$client.prepare('SELECT id FROM police_notice_matches WHERE block_id = ?').get(block.id) as { id: string }).id;
    const noReason = await post(`/police/notice-matches/${matchId}/resolve`, { outcome: 'false_positive' });
    expect(noReason.statusCode).toBe(400);
    const byStaff = await post(`/police/notice-matches/${matchId}/resolve`, { outcome: 'reported', reportedAt: '2026-11-22T11:30:00+09:00', station: '新宿警察署', officerName: '巡査 山本' }, staff);
    expect(byStaff.statusCode).toBe(403);
    const done = await post(`/police/notice-matches/${matchId}/resolve`, { outcome: 'reported', reportedAt: '2026-11-22T11:30:00+09:00', station: '新宿警察署', officerName: '巡査 山本' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'reported', reportedStation: '新宿警察署', reportedOfficer: '巡査 山本', phase: 'intake' });
    expect(auditCount(t, 'police_notice_match.resolve', matchId)).toBe(1);
    expect((await post(`/police/notice-matches/${matchId}/resolve`, { outcome: 'false_positive', reason: 'x' })).json().code).toBe('match_resolved');
    expect((await sell(tr.items[0]!.id)).statusCode).toBe(201);
  });

  it('brand + model + colour is a lower-confidence review, resolved as a false positive with a reason', async () => {
    await post('/police/notices', noticeBody({ items: [{ description: 'カメラ', brand: 'Canon', model: 'EOS R6', colour: 'ブラック' }] }));
    const camera = { category: 'CAMERA', description: 'デジタルカメラ', quantity: 1, unitPrice: 150000, features: { brand: 'ＣＡＮＯＮ', model: 'eos-r6', colour: 'ブラック', serialNumber: 'CN-1' } };
    const tr = await completedPurchase(t, staff, store.id, { items: [camera] });
    const row = t.app.daicho.db.$client.prepare('SELECT id, confidence, matched_on FROM police_notice_matches WHERE item_id = ?').get(tr.items[0]!.id) as { id: string; confidence: string; matched_on: string };
    expect(row).toMatchObject({ confidence: 'review', matched_on: '["brand","model","colour"]' });
    const res = await post(`/police/notice-matches/${row.id}/resolve`, { outcome: 'false_positive', reason: 'シリアル番号が品触れの物品と異なる' });
    expect(res.json().status).toBe('false_positive');
  });

  it('an expired notice no longer matches new intakes', async () => {
    await post('/police/notices', noticeBody({ arrivalDate: '2026-04-01', items: [{ description: '腕時計', serialNumber: 'EXP-77' }] }));
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('EXP-77')] });
    expect(tr.blocks.filter((b) => b.kind === 'notice_match')).toEqual([]);
  });
});

describe('CSV import (all or nothing)', () => {
  const header = 'issuing_agency,notice_number,arrival_date,kind,description,category,brand,model,colour,serial_number,imei,chassis_number,plate_number,item_notes,notice_notes';
  const count = () => (t.app.daicho.db.$client.prepare('SELECT count(*) n FROM police_notices').get() as { n: number }).n;

  it('a broken row imports nothing and names every broken row', async () => {
    const before = count();
    const csv = [
      header,
      '大阪府警察,CSV-1,2026-11-20,盗難,ノートPC,事務機器類,Lenovo,X1,黒,PF-1,,,,,',
      '大阪府警察,CSV-2,,盗難,腕時計,,,,,,,,,,',
      '大阪府警察,CSV-3,2026-13-01,unknown,腕時計,宇宙船,,,,,,,,,',
    ].join('\r\n');
    const res = await t.inject({ method: 'POST', url: '/police/notices/import', token: compliance, payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'csv_invalid', imported: 0 });
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['rows.3.arrival_date', 'rows.4.arrival_date', 'rows.4.kind', 'rows.4.category']));
    expect(paths.some((p: string) => p.startsWith('rows.2.'))).toBe(false);
    expect(count()).toBe(before);
  });

  it('a good file (BOM, quotes, 和暦 dates, several rows per notice) imports every notice and matches holdings', async () => {
    const tr = await completedPurchase(t, staff, store.id, { items: [watch('CSV-HELD-9')] });
    const csv = `\uFEFF${[
      header,
      '神奈川県警察,"第5号, 盗品",令和8年11月20日,stolen,"腕時計 ""GS""",時計・宝飾品類,,,,CSV-HELD-9,,,,裏蓋に傷,',
      '神奈川県警察,"第5号, 盗品",令和8年11月20日,stolen,指輪,WATCH_JEWELRY,,,,,,,,,',
      '神奈川県警察,第6号,2026/11/21,lost,自転車,BICYCLE,,,,,,,,,',
    ].join('\n')}\n`;
    const res = await t.inject({ method: 'POST', url: '/police/notices/import', token: compliance, payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ mode: 'all_or_nothing', rows: 3 });
    expect(out.notices.map((n: { noticeNumber: string }) => n.noticeNumber)).toEqual(['第5号, 盗品', '第6号']);
    expect(out.notices[0]).toMatchObject({ arrivalDate: '2026-11-20', source: 'csv', kind: 'stolen' });
    expect(out.notices[0].items.map((i: { description: string }) => i.description)).toEqual(['腕時計 "GS"', '指輪']);
    expect(out.notices[0].matches[0].itemId).toBe(tr.items[0]!.id);
    // the same file again: already registered → nothing imported
    const again = await t.inject({ method: 'POST', url: '/police/notices/import', token: compliance, payload: csv, headers: { 'content-type': 'text/csv' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'notice_exists', imported: 0 });
  });
});

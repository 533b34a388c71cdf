// 不正品申告 (古物営業法15条3項; DOMAIN rule 36): the report task opened by flagging a trade-in is
// completed with when, whom and how; the trade-in can then be completed; a printable record.
// Also the compliance dashboard and the signing key route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, watch } from '../helpers/police-factory.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { licenceCheck, purchaseBody } from '../helpers/tradein-factory.js';

const now = new Date('2026-11-24T03:00:00Z');
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

const post = (url: string, payload: unknown, token = staff) => t.inject({ method: 'POST', url, payload: payload as object, token });
const report = (blockId: string, over: Record<string, unknown> = {}) =>
  post('/police/suspicion-reports', { blockId, reportedAt: '2026-11-24T11:40:00+09:00', station: '新宿警察署 刑事課', officerName: '巡査 高橋', channel: 'phone', summary: '同一人物による同型腕時計3点目の持込み。身分証の写真と容貌が一致しない。', ...over });

async function flagged() {
  const tr = (await post('/tradeins', purchaseBody(store.id, { occurredAt: '2026-11-22T10:00:00+09:00', items: [watch('SR-1')], verification: licenceCheck }))).json();
  const res = await post(`/tradeins/${tr.id}/suspicion`, { reason: '同型品の短期間での複数持込み' });
  return { tr, block: res.json().blocks.find((b: { kind: string }) => b.kind === 'suspicion_report') };
}

describe('rule 36: completing the report task', () => {
  it('records when, whom, how and what; resolves the task; the trade-in can then be completed', async () => {
    const { tr, block } = await flagged();
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).json().errors.map((e: { code: string }) => e.code)).toContain('open_suspicion_report');
    const dash = (await t.inject({ method: 'GET', url: '/police/dashboard', token: compliance })).json();
    expect(dash.reportTasks.find((x: { blockId: string }) => x.blockId === block.id)).toMatchObject({ tradeinId: tr.id, ageDays: 0 });

    const res = await report(block.id);
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ blockId: block.id, tradeinId: tr.id, channel: 'phone', station: '新宿警察署 刑事課', reportedAt: '2026-11-24T02:40:00.000Z', reason: '同型品の短期間での複数持込み' });
    expect(auditCount(t, 'police_suspicion_report.create', r.id)).toBe(1);
    const view = (await t.inject({ method: 'GET', url: `/tradeins/${tr.id}`, token: staff })).json();
    expect(view.blocks[0]).toMatchObject({ status: 'resolved', resolution: 'reported' });
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).statusCode).toBe(200);
    expect((await report(block.id)).json().code).toBe('report_task_resolved');

    const pdf = await t.inject({ method: 'GET', url: `/police/suspicion-reports/${r.id}/pdf`, token: staff });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await extractPdfText(pdf.rawPayload)).compact;
    for (const s of ['不正品申告記録', '古物営業法第15条第3項', '新宿警察署刑事課', '巡査高橋', '電話', '同型品の短期間での複数持込み', '腕時計', '山田太郎']) expect(text).toContain(s);
    expect(auditCount(t, 'police_suspicion_report.print', r.id)).toBe(1);
    // reprints are identical
    const again = await t.inject({ method: 'GET', url: `/police/suspicion-reports/${r.id}/pdf`, token: staff });
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);
  });

  it('refuses a future time, a block that is not a report task, and another store', async () => {
    const { block } = await flagged();
    expect((await report(block.id, { reportedAt: '2026-11-25T10:00:00+09:00' })).json().code).toBe('reported_in_future');
    expect((await report(block.id, { channel: 'fax' })).statusCode).toBe(400);
    const other = t.makeStore();
    const otherStaff = t.tokenFor('staff', [other.id]).token;
    expect((await post('/police/suspicion-reports', { blockId: block.id, reportedAt: '2026-11-24T11:40:00+09:00', station: 'x', officerName: 'y', channel: 'visit', summary: 'z' }, otherStaff)).statusCode).toBe(404);
    const hold = await post('/police/holds', { itemId: (await flagged()).tr.items[0].id, orderDate: '2026-11-24', endDate: '2026-11-30', station: '新宿警察署', officerName: '巡査 高橋' }, compliance);
    expect(hold.statusCode).toBe(201);
    expect((await report(hold.json().blockId)).json().code).toBe('not_a_report_task');
  });
});

describe('signing key', () => {
  it('is created once (mode 0600) and served with its fingerprint to every role', async () => {
    const a = (await t.inject({ method: 'GET', url: '/police/signing-key', token: staff })).json();
    const b = (await t.inject({ method: 'GET', url: '/police/signing-key', token: compliance })).json();
    expect(a).toEqual(b);
    expect(a.algorithm).toBe('Ed25519');
    expect(a.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const fs = await import('node:fs');
    const stat = fs.statSync(`${t.config.paths.dataDir}/police-signing-key.pem`);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(auditCount(t, 'police_signing_key.create')).toBe(1);
  });
});

// Police inquiries (DOMAIN §2.2, rule 38): receipt → search → selection → four-eyes approval →
// packet → provision, with the internal provision log; and the bad inputs of issue #6.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, completedPurchase, imei, inquiryBody, phone, waitForExport } from '../helpers/police-factory.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

const now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
let alice: { token: string; userId: string };
let bob: { token: string; userId: string };
const PHONE = imei('35209900176148');
beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  alice = t.tokenFor('compliance');
  bob = t.tokenFor('compliance');
  await completedPurchase(t, staff, store.id, { items: [phone(PHONE)] });
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token: string) => t.inject({ method: 'POST', url, payload: payload as object, token });

describe('an inquiry from receipt to a provided packet (rule 38)', () => {
  it('enforces four eyes, exports only when approved, and logs the provision internally', async () => {
    const created = await post('/police/inquiries', inquiryBody(store.id, { criteria: { identifiers: [PHONE.replace(/(\d{2})(\d{6})/, '$1-$2-')] } }), alice.token);
    expect(created.statusCode).toBe(201);
    const q = created.json();
    expect(q.status).toBe('received');
    expect(auditCount(t, 'police_inquiry.create', q.id)).toBe(1);

    // exporting an unapproved inquiry is refused
    const early = await post(`/police/inquiries/${q.id}/exports`, undefined, alice.token);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'inquiry_not_approved', status: 409 });

    const searched = (await post(`/police/inquiries/${q.id}/search`, undefined, alice.token)).json();
    expect(searched.status).toBe('searched');
    expect(searched.matches).toHaveLength(1);
    expect(searched.matches[0]).toMatchObject({ matchedOn: ['imei'], selected: false });
    const itemId = searched.matches[0].itemId;
    expect((await post(`/police/inquiries/${q.id}/approve`, undefined, bob.token)).json().code).toBe('nothing_selected');
    const unknown = await t.inject({ method: 'PUT', url: `/police/inquiries/${q.id}/selection`, token: alice.token, payload: { itemIds: ['nope'] } });
    expect(unknown.json().code).toBe('unknown_match');
    const sel = await t.inject({ method: 'PUT', url: `/police/inquiries/${q.id}/selection`, token: alice.token, payload: { itemIds: [itemId] } });
    expect(sel.json().matches[0].selected).toBe(true);

    // four eyes: the person who recorded it may not approve it
    const own = await post(`/police/inquiries/${q.id}/approve`, undefined, alice.token);
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'four_eyes_required', type: 'urn:daicho:problem:four_eyes_required' });
    const approved = await post(`/police/inquiries/${q.id}/approve`, undefined, bob.token);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: bob.userId });
    expect((await t.inject({ method: 'PUT', url: `/police/inquiries/${q.id}/selection`, token: alice.token, payload: { itemIds: [] } })).statusCode).toBe(409);

    const job = await post(`/police/inquiries/${q.id}/exports`, undefined, alice.token);
    expect(job.statusCode).toBe(202);
    expect(job.json()).toMatchObject({ status: 'queued', recordsTotal: 1 });
    const done = await waitForExport(t, job.json().id, alice.token);
    expect(done).toMatchObject({ status: 'done', percent: 100, recordsDone: 1 });
    expect(done.finishedAt).toBeTruthy();

    const dl = await t.inject({ method: 'GET', url: `/police/exports/${done.id}/download`, token: alice.token });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/zip');
    expect(dl.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    await t.inject({ method: 'GET', url: `/police/exports/${done.id}/download`, token: bob.token });
    expect(auditCount(t, 'police_export.download', done.id)).toBe(2);

    const log = (await t.inject({ method: 'GET', url: '/police/provisions', token: alice.token })).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      inquiryId: q.id,
      agency: '警視庁',
      station: '新宿警察署 生活安全課',
      referenceNumber: '新宿生安第1234号',
      legalBasis: 'ccp197_2',
      requestedBy: alice.userId,
      approvedBy: bob.userId,
      providedBy: alice.userId,
      providedAt: now.toISOString(),
      records: [itemId],
      packetSha256: done.sha256,
    });
    expect(log[0].dataItems).toEqual(expect.arrayContaining(['取引年月日', '相手方の氏名', '確認の区分及び方法']));
    // not in the customer-facing APPI Art. 29 register (provision_records, issue #7): 法令に基づく
    const db = t.app.daicho.db.$client;
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'provision_records'`).get()) {
      expect(db.prepare('SELECT count(*) AS n FROM provision_records').get()).toEqual({ n: 0 });
    }
    // the log is append-only at the database level
    expect(() => t.app.daicho.db.$client.prepare('UPDATE police_provisions SET agency = ?').run('x')).toThrow(/append-only/);
    expect(() => t.app.daicho.db.$client.prepare('DELETE FROM police_provisions').run()).toThrow(/append-only/);

    const after = (await t.inject({ method: 'GET', url: `/police/inquiries/${q.id}`, token: alice.token })).json();
    expect(after).toMatchObject({ status: 'exported', exportedAt: now.toISOString() });
    const list = (await t.inject({ method: 'GET', url: '/police/inquiries?status=open', token: bob.token })).json().items;
    expect(list.find((x: { id: string }) => x.id === q.id)).toMatchObject({ status: 'exported', matches: 1, selected: 1 });
    const dash = (await t.inject({ method: 'GET', url: '/police/dashboard', token: t.adminToken })).json();
    expect(dash.inquiries.find((x: { id: string }) => x.id === q.id)).toMatchObject({ status: 'exported', ageDays: 1 });
    const closed = await post(`/police/inquiries/${q.id}/close`, { outcome: 'answered' }, alice.token);
    expect(closed.json().status).toBe('closed');
    expect((await t.inject({ method: 'GET', url: `/police/exports/${done.id}/download`, token: alice.token })).json().code).toBe('inquiry_not_approved');
  });

  it('finds a person by normalised name and date of birth', async () => {
    const person = { name: '山田　太郎', dateOfBirth: licenceHolder.dateOfBirth };
    const q = (await post('/police/inquiries', inquiryBody(store.id, { legalBasis: 'act22_3', criteria: { persons: [person] } }), alice.token)).json();
    const s = (await post(`/police/inquiries/${q.id}/search`, undefined, alice.token)).json();
    expect(s.matches.length).toBeGreaterThan(0);
    expect(s.matches.every((m: { matchedOn: string[] }) => m.matchedOn.includes('person'))).toBe(true);
  });
});

describe('bad input', () => {
  it('criteria that match nothing answer 422; the inquiry can be closed as no_records', async () => {
    const q = (await post('/police/inquiries', inquiryBody(store.id, { criteria: { identifiers: ['NO-SUCH-SERIAL'] } }), alice.token)).json();
    const res = await post(`/police/inquiries/${q.id}/search`, undefined, alice.token);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'criteria_match_nothing', type: 'urn:daicho:problem:criteria_match_nothing' });
    expect((await post(`/police/inquiries/${q.id}/close`, { outcome: 'no_records' }, alice.token)).json()).toMatchObject({ status: 'closed', outcome: 'no_records' });
  });

  it('refuses criteria without an identifier or a person, and "other" without its text', async () => {
    const broad = await post('/police/inquiries', inquiryBody(store.id, { criteria: { dateFrom: '2026-01-01', dateTo: '2026-12-31' } }), alice.token);
    expect(broad.statusCode).toBe(400);
    expect(broad.json().errors.map((e: { path: string }) => e.path)).toContain('body.criteria.identifiers');
    const other = await post('/police/inquiries', inquiryBody(store.id, { legalBasis: 'other' }), alice.token);
    expect(other.json().errors.map((e: { path: string }) => e.path)).toContain('body.legalBasisText');
    const myNumber = await post('/police/inquiries', inquiryBody(store.id, { notes: '個人番号 1234 5678 9018' }), alice.token);
    expect(myNumber.json().code).toBe('my_number_forbidden');
  });

  it('staff and admin cannot record or approve inquiries', async () => {
    expect((await post('/police/inquiries', inquiryBody(store.id), staff)).statusCode).toBe(403);
    expect((await post('/police/inquiries', inquiryBody(store.id), t.adminToken)).statusCode).toBe(403);
  });
});

// Deletion and cessation requests (DOMAIN rules 43, 28-29): ledger data inside 古物営業法18条's
// 3 years is refused with the reason and the date it can go, non-ledger data goes at once, and the
// same request after the anniversary erases — also the sale's buyer, whose period runs from the
// sale. Cessation of third-party provision registers an opt-out that stops later provisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { customers, idDocuments, tradeins } from '../../src/db/schema/index.js';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, completedTradein, saleWithBuyer, seedIdDocument, watch } from '../helpers/privacy-fixtures.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
const setDay = (day: string) => {
  now = new Date(`${day}T03:00:00Z`);
};
let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock }, env: { PURGE_ENABLED: 'false' } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token = staff) => t.inject({ method: 'POST', url, payload: payload as object, token });
const day = () => now.toISOString().slice(0, 10);
async function answer(type: string, customerId: string) {
  const body = { storeId: store.id, type, subject: { customerId }, identity: { method: 'in_person', documentType: 'MY_NUMBER_CARD', confirmedOn: day() }, receivedDate: day() };
  const req = await post('/privacy/requests', body);
  expect(req.statusCode, req.body).toBe(201);
  const res = await post(`/privacy/requests/${req.json().id}/execute`, undefined, compliance);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const db = () => t.app.daicho.db;
const person = (name: string) => ({ ...licenceHolder, name, kanaName: undefined, contact: '090-0000-0000' });

describe('deletion inside the retention period (rule 43)', () => {
  it('refuses the ledger entry and its ID image with 古物営業法第18条の保存義務 and the erasable date; erases the rest now', async () => {
    setDay('2026-11-22');
    const tr = await completedTradein(t, staff, store.id, '2024-06-01', { counterparty: person('削除 一郎') });
    const linked = await seedIdDocument(t, store.id, { tradeinId: tr.id, name: '削除 一郎' });
    const loose = await seedIdDocument(t, store.id, { name: '削除 一郎' });
    await t.inject({ method: 'PUT', url: `/privacy/customers/${tr.customerId}/marketing-consent`, token: staff, payload: { given: true, on: '2026-01-10' } });

    const r = await answer('deletion', tr.customerId);
    expect(r.outcome).toBe('partially_fulfilled');
    expect(r.result.refused).toEqual(
      expect.arrayContaining([
        { kind: 'tradein', id: tr.id, code: 'retention_locked', reason: '古物営業法第18条の保存義務', article: '古物営業法18条1項', rule: 43, retainedUntil: '2027-06-01', erasableFrom: '2027-06-02' },
        expect.objectContaining({ kind: 'id_document', id: linked.id, erasableFrom: '2027-06-02' }),
        expect.objectContaining({ kind: 'customer', id: tr.customerId, erasableFrom: '2027-06-02' }),
      ]),
    );
    expect(r.result.erasableFrom).toBe('2027-06-02');
    expect(r.result.erased).toEqual(expect.arrayContaining([{ kind: 'marketing_consent', id: tr.customerId }, { kind: 'contact', id: tr.customerId }, { kind: 'id_document', id: loose.id }]));
    // the ledger is intact, the rest is gone (the unlinked image's file too)
    expect(db().select().from(tradeins).all().find((x) => x.id === tr.id)).toMatchObject({ cpName: '削除 一郎', anonymizedAt: null });
    expect(db().select().from(customers).all().find((c) => c.id === tr.customerId)).toMatchObject({ name: '削除 一郎', contact: null });
    expect(db().select().from(idDocuments).all().map((d) => d.id)).not.toContain(loose.id);
    expect(await t.app.daicho.deps.blobs.exists(loose.blobKey)).toBe(false);
    expect(await t.app.daicho.deps.blobs.exists(linked.blobKey)).toBe(true);
    const consent = await t.inject({ method: 'GET', url: `/privacy/customers/${tr.customerId}/marketing-consent`, token: staff });
    expect(consent.json()).toMatchObject({ marketing: 'none', history: [] });
    expect(auditCount(t, 'privacy_request.execute', r.id)).toBe(1);
  });
});

describe('the third anniversary (rules 28-29, 43)', () => {
  let tr: Awaited<ReturnType<typeof completedTradein>>;
  let doc: { id: string; blobKey: string };
  let buyerId: string;
  beforeAll(async () => {
    setDay('2026-11-22');
    tr = await completedTradein(t, staff, store.id, '2023-11-20', { counterparty: person('期限 二郎'), items: [watch] });
    doc = await seedIdDocument(t, store.id, { tradeinId: tr.id, name: '期限 二郎' });
    const sale = await saleWithBuyer(t, staff, tr.items[0]!.id, '2023-11-21', { name: '買手 三郎', address: '東京都新宿区西新宿2-8-1', occupation: '自営業', dateOfBirth: '1970-01-01' });
    buyerId = (db().$client.prepare('SELECT buyer_customer_id c FROM disposals WHERE id = ?').get(sale.id) as { c: string }).c;
  });

  it('the day before and on the anniversary: refused, erasable from the day after', async () => {
    for (const [d, outcome] of [['2026-11-19', 'partially_fulfilled'], ['2026-11-20', 'refused']]) {
      setDay(d!);
      const r = await answer('deletion', tr.customerId);
      // the contact details go the first time; the second time there is nothing but ledger left
      expect(r.outcome, d).toBe(outcome);
      expect(r.result.refused[0]).toMatchObject({ kind: 'tradein', retainedUntil: '2026-11-20', erasableFrom: '2026-11-21' });
    }
  });

  it('the day after: the same request erases — tombstone kept, ID image anonymised and its file deleted', async () => {
    setDay('2026-11-21');
    const r = await answer('deletion', tr.customerId);
    expect(r.outcome).toBe('fulfilled');
    expect(r.result.refused).toEqual([]);
    expect(r.result.erased).toEqual(expect.arrayContaining([{ kind: 'tradein', id: tr.id }, { kind: 'id_document', id: doc.id }, { kind: 'customer', id: tr.customerId }]));
    const tomb = db().select().from(tradeins).all().find((x) => x.id === tr.id)!;
    expect(tomb).toMatchObject({ cpName: null, cpAddress: null, cpDateOfBirth: null, customerId: null, businessDate: '2023-11-20', status: 'completed' });
    expect(tomb.anonymizedAt).not.toBeNull();
    expect(db().select().from(idDocuments).all().find((d) => d.id === doc.id)).toMatchObject({ blobKey: null, extraction: '{}' });
    expect(await t.app.daicho.deps.blobs.exists(doc.blobKey)).toBe(false);
    expect(db().select().from(customers).all().find((c) => c.id === tr.customerId)).toMatchObject({ name: '', address: null, dateOfBirth: null });
    // the ledger view of the tombstone still reads
    expect((await t.inject({ method: 'GET', url: `/tradeins/${tr.id}`, token: compliance })).statusCode).toBe(200);
  });

  it("the buyer's details follow the sale's own date: still refused on 2026-11-21, erased on 2026-11-22", async () => {
    setDay('2026-11-21');
    const refused = await answer('deletion', buyerId);
    expect(refused.result.refused).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'disposal', retainedUntil: '2026-11-21', erasableFrom: '2026-11-22' })]));
    setDay('2026-11-22');
    const erased = await answer('deletion', buyerId);
    expect(erased.outcome).toBe('fulfilled');
    const d = db().$client.prepare('SELECT buyer_name, buyer_customer_id FROM disposals WHERE item_id = ?').get(tr.items[0]!.id);
    expect(d).toEqual({ buyer_name: null, buyer_customer_id: null });
  });

  it('the audit chain still verifies after erasure (entries hold ids and hashes, not values)', () => {
    expect(verifyAuditChain(db())).toMatchObject({ ok: true });
    const all = JSON.stringify(db().$client.prepare('SELECT details FROM audit_log').all());
    expect(all).not.toContain('期限');
  });
});

describe('cessation (rule 43; Art. 35)', () => {
  it('cessation of use withdraws marketing consent (history kept) and refuses the ledger with its date', async () => {
    setDay('2026-11-22');
    const tr = await completedTradein(t, staff, store.id, '2026-11-01', { counterparty: person('停止 四郎') });
    await t.inject({ method: 'PUT', url: `/privacy/customers/${tr.customerId}/marketing-consent`, token: staff, payload: { given: true, on: '2026-11-02' } });
    const r = await answer('cessation_of_use', tr.customerId);
    expect(r.outcome).toBe('partially_fulfilled');
    expect(r.result.stopped).toEqual([expect.objectContaining({ kind: 'marketing_consent' })]);
    expect(r.result.refused[0]).toMatchObject({ kind: 'tradein', reason: '古物営業法第18条の保存義務', erasableFrom: '2029-11-02' });
    const consent = (await t.inject({ method: 'GET', url: `/privacy/customers/${tr.customerId}/marketing-consent`, token: staff })).json();
    expect(consent).toMatchObject({ marketing: 'withdrawn', history: [{ givenOn: '2026-11-02', withdrawnOn: '2026-11-22' }] });
  });

  it('cessation of third-party provision registers an opt-out: provisions stop, police answers do not', async () => {
    setDay('2026-11-22');
    const tr = await completedTradein(t, staff, store.id, '2026-11-01', { counterparty: person('提供 五郎') });
    const r = await answer('cessation_of_third_party_provision', tr.customerId);
    expect(r.outcome).toBe('fulfilled');
    expect(r.result.optOuts).toHaveLength(1);
    expect(r.result.notes[0]).toContain('法令に基づく提供');
    const provision = { customerId: tr.customerId, recipientType: 'third_party', recipient: { name: 'オートオークション株式会社' }, dataItems: ['車両写真'], basis: 'opt_out', providedOn: '2026-11-22' };
    const refused = await post('/privacy/provisions', provision);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'provision_opted_out', optOutId: r.result.optOuts[0] });
    const police = await post('/privacy/provisions', { ...provision, recipientType: 'police', recipient: { name: '警視庁' } });
    expect(police.json()).toMatchObject({ recorded: false });
    // fresh consent after the opt-out lets a specific provision go ahead (Art. 27(1))
    setDay('2026-11-23');
    const consented = await post('/privacy/provisions', { ...provision, basis: 'consent', consentObtainedOn: '2026-11-23', providedOn: '2026-11-23' });
    expect(consented.statusCode).toBe(201);
    // a second request does not duplicate the opt-out
    const again = await answer('cessation_of_third_party_provision', tr.customerId);
    expect(again.result.optOuts).toEqual(r.result.optOuts);
    expect(auditCount(t, 'opt_out.create', r.result.optOuts[0])).toBe(1);
  });

  it('an answered request cannot be executed twice; a correction is not executed', async () => {
    setDay('2026-11-22');
    const tr = await completedTradein(t, staff, store.id, '2026-11-01', { counterparty: person('二重 六郎') });
    const body = { storeId: store.id, type: 'correction', subject: { customerId: tr.customerId }, identity: { method: 'postal', documentType: 'RESIDENT_RECORD', confirmedOn: day() }, receivedDate: day() };
    const corr = (await post('/privacy/requests', body)).json();
    expect((await post(`/privacy/requests/${corr.id}/execute`, undefined, compliance)).json().code).toBe('wrong_request_type');
    const del = (await post('/privacy/requests', { ...body, type: 'deletion' })).json();
    expect((await post(`/privacy/requests/${del.id}/execute`, undefined, compliance)).statusCode).toBe(200);
    const twice = await post(`/privacy/requests/${del.id}/execute`, undefined, compliance);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('request_closed');
  });
});

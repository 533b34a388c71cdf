// Data-subject requests through HTTP: intake (identity, fee, due date, non-customers answered the
// same way), the overdue list, disclosure (rule 42: packet with provision records, no forbidden
// numbers, once per grant, audited), correction (rule 44) and closing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyRequests } from '../../src/db/schema/index.js';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { auditCount, completedTradein, identity, requestBody, seedIdDocument } from '../helpers/privacy-fixtures.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let other: { id: string };
let staff: string;
let compliance: string;
let tradein: Awaited<ReturnType<typeof completedTradein>>;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock }, env: { PURGE_ENABLED: 'false' } });
  store = t.makeStore();
  other = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  tradein = await completedTradein(t, staff, store.id, '2026-11-20');
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token = staff) => t.inject({ method: 'POST', url, payload: payload as object, token });
const get = (url: string, token = compliance) => t.inject({ method: 'GET', url, token });
const row = (id: string) => t.app.daicho.db.select().from(privacyRequests).all().find((r) => r.id === id)!;

describe('taking a request', () => {
  it('refuses a request without identity confirmation (400, nothing written)', async () => {
    const before = t.app.daicho.db.select().from(privacyRequests).all().length;
    const { identity: _i, ...body } = requestBody(store.id, 'disclosure', { customerId: tradein.customerId });
    const res = await post('/privacy/requests', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'identity_confirmation_required', errors: [{ path: 'identity' }] });
    expect(t.app.daicho.db.select().from(privacyRequests).all().length).toBe(before);
  });

  it('refuses a fee on a correction request, allows one on a disclosure (Art. 38)', async () => {
    const bad = await post('/privacy/requests', requestBody(store.id, 'correction', { customerId: tradein.customerId }, { fee: 1000 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'fee_not_allowed', errors: [{ path: 'fee' }] });
    const ok = await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: tradein.customerId }, { fee: 1000 }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ fee: 1000, status: 'received', dueDate: '2026-12-06', overdue: false });
  });

  it('a proxy must bring their own ID and the document showing their authority', async () => {
    const bad = await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: tradein.customerId }, { proxy: { name: '山田 花子', documentType: 'PASSPORT' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.proxy.authorityDocument');
    const ok = await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: tradein.customerId }, { proxy: { name: '山田 花子', documentType: 'PASSPORT', authorityDocument: 'power_of_attorney' } }));
    expect(ok.json().proxy).toEqual({ documentType: 'PASSPORT', authorityDocument: 'power_of_attorney' });
  });

  it('answers a non-customer exactly like a customer, and records internally that nothing was found', async () => {
    const found = await post('/privacy/requests', requestBody(store.id, 'disclosure', { name: licenceHolder.name, dateOfBirth: licenceHolder.dateOfBirth, address: '東京都千代田区神田須田町1丁目2番3号' }));
    const missing = await post('/privacy/requests', requestBody(store.id, 'disclosure', { name: '存在 しない', dateOfBirth: '1990-01-01', address: '大阪府大阪市北区1-1' }));
    expect(found.statusCode).toBe(201);
    expect(missing.statusCode).toBe(201);
    const shape = (b: Record<string, unknown>) => ({ ...b, id: 'x', createdAt: 'x' });
    expect(shape(missing.json())).toEqual(shape(found.json()));
    expect(row(found.json().id)).toMatchObject({ subjectFound: true, subjectCustomerIds: JSON.stringify([tradein.customerId]) });
    expect(row(missing.json().id)).toMatchObject({ subjectFound: false, subjectCustomerIds: '[]' });
    // …and the audit entry does not say either
    const details = t.app.daicho.db.$client.prepare("SELECT details FROM audit_log WHERE entity_id IN (?, ?) AND action = 'privacy_request.create'").all(found.json().id, missing.json().id) as { details: string }[];
    expect(details.map((d) => JSON.parse(d.details))).toEqual([expect.not.objectContaining({ subjectFound: expect.anything() }), expect.not.objectContaining({ subjectFound: expect.anything() })]);
    expect(JSON.stringify(details)).not.toContain('存在');
  });

  it('staff see their own stores’ requests only; another store’s answers 404', async () => {
    const r = await post('/privacy/requests', requestBody(other.id, 'purpose_notice', { customerId: tradein.customerId }), compliance);
    expect((await get(`/privacy/requests/${r.json().id}`, staff)).statusCode).toBe(404);
    expect((await post('/privacy/requests', requestBody(other.id, 'purpose_notice', { customerId: tradein.customerId }))).statusCode).toBe(404);
    const list = (await get('/privacy/requests', staff)).json().items as { storeId: string }[];
    expect(list.every((x) => x.storeId === store.id)).toBe(true);
  });
});

describe('due dates and the overdue list (rule 42)', () => {
  it('lists an open request from the day after its due date, and not once answered', async () => {
    const r = (await post('/privacy/requests', requestBody(store.id, 'purpose_notice', { customerId: tradein.customerId }, { receivedDate: '2026-11-08' }))).json();
    expect(r.dueDate).toBe('2026-11-22');
    const overdue = async () => ((await get('/privacy/requests?overdue=true')).json().items as { id: string }[]).map((x) => x.id);
    expect(await overdue()).not.toContain(r.id); // due today: still in time
    now = new Date('2026-11-23T03:00:00Z');
    try {
      expect(await overdue()).toContain(r.id);
      expect((await get(`/privacy/requests/${r.id}`)).json().overdue).toBe(true);
      const closed = await post(`/privacy/requests/${r.id}/close`, { outcome: 'fulfilled' }, compliance);
      expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'fulfilled', reasonCode: 'purpose_notified', overdue: false });
      expect(await overdue()).not.toContain(r.id);
      expect(auditCount(t, 'privacy_request.close', r.id)).toBe(1);
    } finally {
      now = new Date('2026-11-22T03:00:00Z');
    }
  });

  it('a refusal needs its reason; a disclosure is not closed as fulfilled without disclosing', async () => {
    const r = (await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: tradein.customerId }))).json();
    expect((await post(`/privacy/requests/${r.id}/close`, { outcome: 'refused' }, compliance)).json().code).toBe('reason_required');
    expect((await post(`/privacy/requests/${r.id}/close`, { outcome: 'fulfilled' }, compliance)).json().code).toBe('use_request_action');
    expect((await post(`/privacy/requests/${r.id}/close`, { outcome: 'refused', reasonCode: 'business_hindrance' }, staff)).statusCode).toBe(403);
  });
});

describe('disclosure (rule 42)', () => {
  it('gives everything held, with the provision records, as JSON and a Japanese PDF, each once, audited, with no forbidden number', async () => {
    // A provision to an auction member, one to the police (not in the register), an ID image, a consent.
    const prov = await post('/privacy/provisions', { customerId: tradein.customerId, recipientType: 'third_party', recipient: { name: '株式会社オークション', address: '東京都港区1-1' }, dataItems: ['氏名', '車両写真'], basis: 'consent', consentObtainedOn: '2026-11-21', providedOn: '2026-11-21' });
    expect(prov.statusCode).toBe(201);
    const police = await post('/privacy/provisions', { customerId: tradein.customerId, recipientType: 'police', recipient: { name: '警視庁' }, dataItems: ['氏名'], basis: 'consent', consentObtainedOn: '2026-11-21', providedOn: '2026-11-21' });
    expect(police.json()).toMatchObject({ recorded: false, record: null });
    await seedIdDocument(t, store.id, { tradeinId: tradein.id });
    await t.inject({ method: 'PUT', url: `/privacy/customers/${tradein.customerId}/marketing-consent`, token: staff, payload: { given: true, on: '2026-11-20' } });
    // A legacy row holding a My Number (inputs refuse them today): the packet must mask it.
    t.app.daicho.db.$client.prepare("UPDATE tradein_items SET features = json_set(features, '$.note', '個人番号 1234 5678 9018') WHERE tradein_id = ?").run(tradein.id);

    const req = (await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: tradein.customerId }, { deliveryMethod: 'electronic' }))).json();
    const grant = await post(`/privacy/requests/${req.id}/disclosures`, undefined, compliance);
    expect(grant.statusCode).toBe(201);
    expect(auditCount(t, 'privacy_disclosure.grant', grant.json().id)).toBe(1);
    expect((await get(`/privacy/requests/${req.id}`)).json()).toMatchObject({ status: 'closed', outcome: 'fulfilled', result: { disclosures: [grant.json().id] } });

    const json = await get(`/privacy/disclosures/${grant.json().id}/download?format=json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('attachment');
    const packet = json.json();
    expect(packet.customers[0]).toMatchObject({ id: tradein.customerId, name: licenceHolder.name, address: licenceHolder.address });
    expect(packet.tradeins[0]).toMatchObject({ id: tradein.id, verification: { method: 'ACT15_1_1', documentType: 'DRIVERS_LICENSE', documentTypes: ['DRIVERS_LICENSE'] }, retainedUntil: '2029-11-20' });
    expect(packet.idDocuments).toEqual([expect.objectContaining({ documentType: 'DRIVERS_LICENSE', imageStored: true })]);
    expect(packet.marketingConsent).toEqual([{ givenOn: '2026-11-20', withdrawnOn: null }]);
    expect(packet.thirdPartyProvisions).toEqual([expect.objectContaining({ recipientName: '株式会社オークション', dataItems: ['氏名', '車両写真'], basis: 'consent' })]);
    expect(json.body).not.toMatch(/1234\s?5678\s?9018/);
    expect(json.body).toContain('**** **** ****');
    expect(json.body).not.toContain('警視庁');

    const pdf = await get(`/privacy/disclosures/${grant.json().id}/download?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await extractPdfText(pdf.rawPayload);
    expect(text.compact).toContain('保有個人データ開示書');
    expect(text.compact).toContain('第三者提供記録');
    expect(text.compact).toContain('株式会社オークション');
    expect(text.compact).toContain('山田太郎');
    expect(text.compact).not.toMatch(/123456789018/);

    // once per grant, and the stored copies are gone
    const again = await get(`/privacy/disclosures/${grant.json().id}/download?format=json`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_downloaded');
    expect(auditCount(t, 'privacy_disclosure.download', grant.json().id)).toBe(2);
    const audit = t.app.daicho.db.$client.prepare("SELECT details FROM audit_log WHERE action LIKE 'privacy_%'").all() as { details: string }[];
    expect(JSON.stringify(audit)).not.toContain('山田');
  });

  it('a subject that does not exist gets a packet that says nothing is held', async () => {
    const created = await post('/privacy/requests', requestBody(store.id, 'disclosure', { customerId: 'f2b1c9e0-5a4d-4c3e-9b7a-1d2e3f4a5b6c' }));
    expect(created.statusCode, created.body).toBe(201);
    const req = created.json();
    const g = await post(`/privacy/requests/${req.id}/disclosures`, undefined, compliance);
    expect(g.statusCode, g.body).toBe(201);
    const grant = g.json();
    const packet = (await get(`/privacy/disclosures/${grant.id}/download?format=json`)).json();
    expect(packet).toMatchObject({ customers: [], tradeins: [], thirdPartyProvisions: [] });
    const text = await extractPdfText((await get(`/privacy/disclosures/${grant.id}/download?format=pdf`)).rawPayload);
    expect(text.compact).toContain('該当する保有個人データはありません');
  });

  it('only a disclosure request is granted, and only once answered', async () => {
    const corr = (await post('/privacy/requests', requestBody(store.id, 'correction', { customerId: tradein.customerId }))).json();
    expect((await post(`/privacy/requests/${corr.id}/disclosures`, undefined, compliance)).json().code).toBe('wrong_request_type');
  });
});

describe('correction (rule 44)', () => {
  it('corrects the customer record and the named ledger entry as an amendment; the original values stay in history', async () => {
    const tr = await completedTradein(t, staff, store.id, '2026-11-21', { counterparty: { ...licenceHolder, name: '訂正 太郎', address: '東京都台東区上野1-1-1' } });
    const req = (await post('/privacy/requests', requestBody(store.id, 'correction', { customerId: tr.customerId }, { details: '住所の誤記' }))).json();
    const bad = await post(`/privacy/requests/${req.id}/corrections`, { reason: '住所の誤記', customer: { address: '東京都台東区上野1-1-10' }, tradeinIds: [tradein.id] }, compliance);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'not_subject_record', errors: [{ path: 'tradeinIds.0' }] });
    const res = await post(`/privacy/requests/${req.id}/corrections`, { reason: '住所の誤記', customer: { address: '東京都台東区上野1-1-10' }, tradeinIds: [tr.id] }, compliance);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', outcome: 'fulfilled', result: { corrected: [{ kind: 'customer', id: tr.customerId, fields: ['address'] }, { kind: 'tradein', id: tr.id, fields: ['counterparty.address'], version: 2 }] } });
    const amended = (await get(`/tradeins/${tr.id}`)).json();
    expect(amended).toMatchObject({ version: 2, amended: true, counterparty: { address: '東京都台東区上野1-1-10' } });
    const versions = (await get(`/tradeins/${tr.id}/versions`)).json().items;
    expect(versions[0].snapshot.tradein.cpAddress).toBe('東京都台東区上野1-1-1');
    expect((await get(`/customers/${tr.customerId}`)).json().address).toBe('東京都台東区上野1-1-10');
    const history = t.app.daicho.db.$client.prepare('SELECT before FROM customer_corrections WHERE customer_id = ?').all(tr.customerId) as { before: string }[];
    expect(JSON.parse(history[0]!.before)).toEqual({ address: '東京都台東区上野1-1-1' });
    expect(auditCount(t, 'tradein.amend', tr.id)).toBe(1);
    expect(auditCount(t, 'privacy_request.correct', req.id)).toBe(1);
  });

  it('staff may take a request but not answer it', async () => {
    const req = (await post('/privacy/requests', requestBody(store.id, 'correction', { customerId: tradein.customerId }, { identity: { ...identity, method: 'postal' } }))).json();
    expect((await post(`/privacy/requests/${req.id}/corrections`, { reason: 'x', customer: { occupation: '自営業' } })).statusCode).toBe(403);
  });
});

// The Art. 29 provision register (rule 41), marketing consent and the pseudonymised export (rule
// 46), and leak incidents (rule 45) through HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, completedTradein } from '../helpers/privacy-fixtures.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

const now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
let customerId: string;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock }, env: { PURGE_ENABLED: 'false' } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  customerId = (await completedTradein(t, staff, store.id, '2026-11-20')).customerId;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token = staff) => t.inject({ method: 'POST', url, payload: payload as object, token });
const get = (url: string, token = compliance) => t.inject({ method: 'GET', url, token });
const provision = (o: Record<string, unknown> = {}) => ({ customerId, recipientType: 'third_party', recipient: { name: '中古車オークション株式会社', address: '東京都江東区青海1-1' }, dataItems: ['氏名', '車両写真（ナンバープレート）'], basis: 'consent', consentObtainedOn: '2026-11-19', providedOn: '2026-11-20', ...o });

describe('third-party provision records (rule 41)', () => {
  it('records date, recipient, subject, data items and the consent; kept 3 years from the record', async () => {
    const res = await post('/privacy/provisions', provision());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ recorded: true, record: { customerId, customerName: licenceHolder.name, recipientName: '中古車オークション株式会社', basis: 'consent', consentObtainedOn: '2026-11-19', firstProvidedOn: '2026-11-20', retainUntil: '2029-11-22', recordKind: 'individual' } });
    expect(auditCount(t, 'privacy_provision.create', res.json().record.id)).toBe(1);
  });

  it('does not record provisions to the police, a processor or a successor — and says why', async () => {
    for (const recipientType of ['police', 'processor', 'successor']) {
      const res = await post('/privacy/provisions', provision({ recipientType }));
      expect(res.statusCode, recipientType).toBe(200);
      expect(res.json()).toMatchObject({ recorded: false, record: null, exemption: { article: expect.stringContaining('個人情報保護法') } });
    }
    const list = (await get(`/privacy/provisions?customerId=${customerId}`)).json().items;
    expect(list).toHaveLength(1);
  });

  it('extends a batch record instead of duplicating it; a contract substitute is kept 1 year after the last provision', async () => {
    const first = (await post('/privacy/provisions', provision({ recordKind: 'batch', consentObtainedOn: '2026-11-01', providedOn: '2026-11-10' }))).json().record;
    const second = (await post('/privacy/provisions', provision({ recordKind: 'batch', consentObtainedOn: '2026-11-01', providedOn: '2026-11-21' }))).json().record;
    expect(second).toMatchObject({ id: first.id, provisions: 2, firstProvidedOn: '2026-11-10', lastProvidedOn: '2026-11-21', retainUntil: '2029-11-21' });
    const contract = (await post('/privacy/provisions', provision({ recordKind: 'contract_substitute', providedOn: '2026-11-21' }))).json().record;
    expect(contract.retainUntil).toBe('2027-11-21');
  });

  it('refuses bad input: consent without its date, consent after the provision, a future date, another store’s customer', async () => {
    expect((await post('/privacy/provisions', provision({ consentObtainedOn: undefined }))).json().code).toBe('consent_date_required');
    expect((await post('/privacy/provisions', provision({ consentObtainedOn: '2026-11-21' }))).json().code).toBe('consent_after_provision');
    expect((await post('/privacy/provisions', provision({ providedOn: '2026-11-23', consentObtainedOn: '2026-11-22' }))).json().code).toBe('provided_in_future');
    const otherStaff = t.tokenFor('staff', [t.makeStore().id]).token;
    expect((await post('/privacy/provisions', provision(), otherStaff)).statusCode).toBe(404);
  });

  it('exports the register as CSV (BOM, quoted, formula-safe) and JSON, audited; staff may not', async () => {
    const csv = await get('/privacy/provisions/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF"記録番号"')).toBe(true);
    expect(csv.body).toContain('"中古車オークション株式会社"');
    expect(csv.body).toContain(`"${licenceHolder.name}"`);
    const json = await get('/privacy/provisions/export?format=json&from=2026-11-21&to=2026-11-21');
    expect(json.json().records.every((r: { lastProvidedOn: string }) => r.lastProvidedOn >= '2026-11-21')).toBe(true);
    expect(auditCount(t, 'privacy_provision.export')).toBe(2);
    expect((await get('/privacy/provisions/export', staff)).statusCode).toBe(403);
  });
});

describe('marketing consent and the pseudonymised export (rule 46)', () => {
  it('exports only consenting customers, pseudonymised with a keyed HMAC: no name, address, date of birth or id', async () => {
    const withdrawn = (await completedTradein(t, staff, store.id, '2026-11-21', { counterparty: { ...licenceHolder, name: '撤回 花子', address: '東京都中野区1-1' } })).customerId;
    const put = (id: string, given: boolean, on: string) => t.inject({ method: 'PUT', url: `/privacy/customers/${id}/marketing-consent`, token: staff, payload: { given, on } });
    expect((await put(customerId, true, '2026-11-20')).json()).toMatchObject({ marketing: 'given', history: [{ givenOn: '2026-11-20', withdrawnOn: null }] });
    await put(withdrawn, true, '2026-11-20');
    expect((await put(withdrawn, false, '2026-11-21')).json()).toMatchObject({ marketing: 'withdrawn', history: [{ givenOn: '2026-11-20', withdrawnOn: '2026-11-21' }] });
    expect((await put(customerId, true, '2026-11-23')).json().code).toBe('date_in_future');

    const res = await get('/privacy/marketing-export');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({ storeId: store.id, ageBand: '40-49', tradeins: 1, lastTradeMonth: '2026-11' });
    expect(body.records[0].pseudonym).toMatch(/^[0-9a-f]{32}$/);
    expect(body.pseudonymisation).toMatchObject({ method: 'HMAC-SHA256', keyFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
    for (const leak of [customerId, withdrawn, licenceHolder.name, licenceHolder.address, licenceHolder.dateOfBirth, '撤回']) expect(res.body).not.toContain(leak);
    // the same key next time: pseudonyms are stable, and the key is not in the database
    expect((await get('/privacy/marketing-export')).json().records[0].pseudonym).toBe(body.records[0].pseudonym);
    const keyRow = t.app.daicho.db.$client.prepare('SELECT * FROM privacy_keys').get() as { blob_key: string };
    expect(JSON.stringify(keyRow)).not.toMatch(/[0-9a-f]{64}/);
    expect(auditCount(t, 'marketing_export.create')).toBe(2);
  });

  it('offers no way to send it anywhere: a target is refused, and only compliance may download', async () => {
    const res = await get('/privacy/marketing-export?target=https://partner.example/upload');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toContain('target');
    expect((await get('/privacy/marketing-export', staff)).statusCode).toBe(403);
    const routes = t.app.routeTable.filter((r) => r.url.includes('marketing-export'));
    expect(routes.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('leak incidents (rule 45)', () => {
  const incident = { discoveredOn: '2026-11-20', summary: '顧客台帳の一部を誤送信', dataCategories: ['name', 'address'], affectedCount: 1000, cause: 'misdelivery', encryptedHighStandard: false };
  it('1,000 misdelivered: not reportable; 1,001: reportable with due dates; intrusion: final in 60 days', async () => {
    const a = await post('/privacy/incidents', incident, compliance);
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ reportable: false, preliminaryDue: null, tasks: [] });
    const b = (await post('/privacy/incidents', { ...incident, affectedCount: 1001 }, compliance)).json();
    expect(b).toMatchObject({ reportable: true, preliminaryDue: '2026-11-25', finalDue: '2026-12-20', notifyPersons: true });
    const c = (await post('/privacy/incidents', { ...incident, affectedCount: 3, cause: 'intrusion' }, compliance)).json();
    expect(c).toMatchObject({ reportable: true, finalDue: '2027-01-19', reasons: [{ code: 'improper_purpose' }] });
    expect((await get(`/privacy/incidents/${c.id}`)).json().id).toBe(c.id);
    expect((await get('/privacy/incidents')).json().items).toHaveLength(3);
    expect(auditCount(t, 'privacy_incident.create')).toBe(3);
  });
  it('refuses an unknown category, a future discovery, and staff', async () => {
    expect((await post('/privacy/incidents', { ...incident, dataCategories: ['shoe_size'] }, compliance)).statusCode).toBe(400);
    expect((await post('/privacy/incidents', { ...incident, discoveredOn: '2026-11-23' }, compliance)).json().code).toBe('discovered_in_future');
    expect((await post('/privacy/incidents', incident)).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { licenceCheck, licenceHolder, purchaseBody } from '../helpers/tradein-factory.js';

let now = new Date('2026-11-22T03:00:00Z');
const clock: Clock = { now: () => now };
let t: TestApp;
let store: { id: string };
let staff: string;
beforeAll(async () => {
  t = await buildTestApp({ build: { clock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, token = staff) => t.inject({ method: 'POST', url, payload: payload as object, token });
const put = (url: string, payload: unknown, token = staff) => t.inject({ method: 'PUT', url, payload: payload as object, token });
const auditCount = (action: string, entityId: string) =>
  (t.app.daicho.db.$client.prepare('SELECT count(*) n FROM audit_log WHERE action = ? AND entity_id = ?').get(action, entityId) as { n: number }).n;

describe('in-person purchase with a driver’s licence', () => {
  it('records, verifies, completes; the ledger method is category + document type (rule 13)', async () => {
    const res = await post('/tradeins', purchaseBody(store.id));
    expect(res.statusCode).toBe(201);
    const tr = res.json();
    expect(tr.businessDate).toBe('2026-11-20');
    expect(tr.total).toBe(48000);
    expect(tr.requirements.identityCheck.required).toBe(true);
    expect(tr.requirements.identityCheck.reasons[0].rule).toBe(2);
    expect(tr.missing.map((m: { code: string }) => m.code)).toContain('verification_required');
    expect(auditCount('tradein.create', tr.id)).toBe(1);

    const v = await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    expect(v.statusCode).toBe(200);
    expect(v.json().verification).toMatchObject({ status: 'verified', method: 'ACT15_1_1', documentType: 'DRIVERS_LICENSE' });
    expect(v.json().missing).toEqual([]);

    const done = await post(`/tradeins/${tr.id}/complete`, undefined);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', retainedUntil: '2029-11-20' });
    expect(auditCount('tradein.complete', tr.id)).toBe(1);

    // immutable: draft edits and re-verification are refused
    const edit = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}`, token: staff, payload: { notes: 'x' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('tradein_completed');
  });

  it('refuses to complete with exactly what is missing listed (rules 14, 24)', async () => {
    const body = purchaseBody(store.id, { counterparty: { name: '佐藤 花子', address: '東京都港区芝1-1' } });
    const tr = (await post('/tradeins', body)).json();
    const res = await post(`/tradeins/${tr.id}/complete`, undefined);
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['counterparty.occupation', 'verification']));
    expect(paths.some((p: string) => p.startsWith('counterparty.age') || p.startsWith('counterparty.dateOfBirth'))).toBe(true);
  });

  it('a ¥9,999 clothing purchase needs no identity check or ledger entry (rule 1)', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id, { counterparty: undefined, items: [{ category: 'CLOTHING', description: 'シャツ', quantity: 1, unitPrice: 9999 }] }))).json();
    expect(tr.requirements.identityCheck.required).toBe(false);
    expect(tr.requirements.ledgerEntry.required).toBe(false);
    expect(tr.missing).toEqual([]);
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).statusCode).toBe(200);
  });
});

describe('remote purchase by RULE15_3_5', () => {
  it('stays pending until the 転送不要 mail arrival is confirmed (rule 18)', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id, { channel: 'remote' }))).json();
    const v = await put(`/tradeins/${tr.id}/verification`, {
      method: 'RULE15_3_5',
      documents: [
        { type: 'DRIVERS_LICENSE', expiryDate: '2028-05-12', evidenceRef: 'copy-1' },
        { type: 'SUPPLEMENTARY_DOCUMENT', evidenceRef: 'copy-2', issueDate: '2026-09-01' },
      ],
      supplementaryDocumentDate: '2026-09-01',
      supplementaryReceivedDate: '2026-11-19',
      steps: { forwardingProhibitedMailSentAt: '2026-11-20T12:00:00+09:00' },
    });
    expect(v.json().verification.status).toBe('pending');
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).json().errors.map((e: { code: string }) => e.code)).toContain('verification_pending');
    const steps = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}/verification/steps`, token: staff, payload: { steps: { forwardingProhibitedMailArrivedAt: '2026-11-21T15:00:00+09:00' } } });
    expect(steps.json().verification.status).toBe('verified');
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).statusCode).toBe(200);
  });

  it('a licence copy alone is not a lawful method (rule 15)', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id, { channel: 'remote' }))).json();
    const v = await put(`/tradeins/${tr.id}/verification`, { method: 'RULE15_3_4', documents: [{ type: 'DRIVERS_LICENSE', expiryDate: '2028-01-01', evidenceRef: 'photo-sent-by-customer' }] });
    expect(v.json().verification.status).toBe('rejected');
  });
});

describe('car intake (rule 25)', () => {
  it('needs plate, car name, chassis number and the owner’s name before completion', async () => {
    const car = { category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '乗用車 プリウス', quantity: 1, unitPrice: 800000, features: { carName: 'プリウス', chassisNumber: 'ZVW30-1234567', plateNumber: '品川 300 さ 12-34' }, featuresSource: 'electronic_shakensho_face' };
    const tr = (await post('/tradeins', purchaseBody(store.id, { items: [car] }))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    const res = await post(`/tradeins/${tr.id}/complete`, undefined);
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json().errors)).toMatch(/ownerName/);
    const fixed = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}`, token: staff, payload: { items: [{ ...car, features: { ...car.features, ownerName: 'トヨタファイナンス株式会社', ownerNameSource: 'kiroku_jiko' } }] } });
    expect(fixed.json().missing).toEqual([]);
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).statusCode).toBe(200);
  });
});

describe('amendment (rule 44)', () => {
  it('corrects the address with reason and author; the original stays in the history', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    await post(`/tradeins/${tr.id}/complete`, undefined);
    const res = await post(`/tradeins/${tr.id}/amendments`, { reason: '免許証の住所と相違', counterparty: { address: '東京都千代田区神田須田町9-9-9' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, amended: true, counterparty: { address: '東京都千代田区神田須田町9-9-9' } });
    const versions = (await t.inject({ method: 'GET', url: `/tradeins/${tr.id}/versions`, token: staff })).json().items;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, changedFields: ['counterparty.address'], reason: '免許証の住所と相違' });
    expect(versions[0].snapshot.tradein.cpAddress).toBe(licenceHolder.address);
    const audit = t.app.daicho.db.$client.prepare(`SELECT details FROM audit_log WHERE action = 'tradein.amend' AND entity_id = ?`).get(tr.id) as { details: string };
    expect(audit.details).not.toContain('神田');
    // an amendment that would remove a required field is refused
    const bad = await post(`/tradeins/${tr.id}/amendments`, { reason: 'x', counterparty: { occupation: '' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('blocked sale (rule 36, blocks)', () => {
  it('a suspicion task blocks completion and disposal until reported or justified', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    const flagged = await post(`/tradeins/${tr.id}/suspicion`, { reason: '同型品の大量持込み' });
    expect(flagged.statusCode).toBe(201);
    const block = flagged.json().blocks[0];
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).json().errors.map((e: { code: string }) => e.code)).toContain('open_suspicion_report');
    const noNote = await post(`/blocks/${block.id}/resolve`, { resolution: 'justified' });
    expect(noNote.statusCode).toBe(400);
    expect((await post(`/blocks/${block.id}/resolve`, { resolution: 'reported', note: '110番 通報済' })).statusCode).toBe(200);
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).statusCode).toBe(200);
    const sale = await post(`/items/${tr.items[1].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 5000 });
    expect(sale.statusCode).toBe(201);
    expect(sale.json().ledgerRequired).toBe(false); // clothing sale: no entry (rule 27)
  });

  it('an open block on the item refuses the sale with 409 and writes nothing', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    await post(`/tradeins/${tr.id}/complete`, undefined);
    await post(`/tradeins/${tr.id}/suspicion`, { reason: '盗難届の疑い' });
    const res = await post(`/items/${tr.items[0].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 60000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('item_blocked');
    expect((t.app.daicho.db.$client.prepare('SELECT count(*) n FROM disposals WHERE item_id = ?').get(tr.items[0].id) as { n: number }).n).toBe(0);
  });
});

describe('disposals (rules 26-27) and buyback (rule 9)', () => {
  it('a car sale ≥ ¥10,000 is entered without the buyer’s identity; watches need it', async () => {
    const car = { category: 'AUTOMOBILE', designation: 'AUTOMOBILE_BODY', description: '軽自動車', quantity: 1, unitPrice: 300000, features: { carName: 'N-BOX', chassisNumber: 'JF3-1234567', plateNumber: '練馬 580 あ 1', ownerName: '山田 太郎', ownerNameSource: 'ic' } };
    const watch = { category: 'WATCH_JEWELRY', description: '腕時計', quantity: 1, unitPrice: 50000, features: { brand: 'SEIKO', serialNumber: 'SN-778899' } };
    const tr = (await post('/tradeins', purchaseBody(store.id, { items: [car, watch] }))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    await post(`/tradeins/${tr.id}/complete`, undefined);
    const carSale = await post(`/items/${tr.items[0].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 450000, buyer: { name: '鈴木 一郎' } });
    expect(carSale.json()).toMatchObject({ ledgerRequired: true, buyerDetailsRequired: false });
    const watchNoBuyer = await post(`/items/${tr.items[1].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 80000 });
    expect(watchNoBuyer.statusCode).toBe(422);
    expect(watchNoBuyer.json().code).toBe('buyer_details_required');
    const buyer = { name: '鈴木 一郎', address: '東京都新宿区西新宿2-8-1', occupation: '自営業', dateOfBirth: '1970-01-01' };
    const watchSale = await post(`/items/${tr.items[1].id}/disposals`, { kind: 'sale', occurredAt: '2026-11-21T10:00:00+09:00', price: 80000, buyer });
    expect(watchSale.json()).toMatchObject({ ledgerRequired: true, buyerDetailsRequired: true });

    // the same person sells the watch back: no identity check required (rule 9)
    const customerId = (t.app.daicho.db.$client.prepare('SELECT buyer_customer_id c FROM disposals WHERE id = ?').get(watchSale.json().id) as { c: string }).c;
    const back = (await post('/tradeins', purchaseBody(store.id, { customerId, counterparty: undefined, buybackOfDisposalId: watchSale.json().id, items: [watch] }))).json();
    expect(back.requirements.identityCheck.required).toBe(false);
    expect(back.buybackOfDisposalId).toBe(watchSale.json().id);
  });
});

describe('minors (rules 39-40)', () => {
  it('blocks a 17-year-old without guardian consent and allows with it; 18 on the day is adult', async () => {
    const minor = { ...licenceHolder, dateOfBirth: '2008-11-21' }; // 18 on 2026-11-21; 17 on 2026-11-20
    const tr = (await post('/tradeins', purchaseBody(store.id, { counterparty: minor }))).json();
    expect(tr.requirements.minor).toMatchObject({ minor: true, age: 17, allowed: false });
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    expect((await post(`/tradeins/${tr.id}/complete`, undefined)).json().errors.map((e: { code: string }) => e.code)).toContain('minor_not_allowed');
    const ok = await t.inject({ method: 'PATCH', url: `/tradeins/${tr.id}`, token: staff, payload: { guardian: { consentDocumentRef: 'consent-001' } } });
    expect(ok.json().requirements.minor.allowed).toBe(true);
    const adult = (await post('/tradeins', purchaseBody(store.id, { counterparty: minor, occurredAt: '2026-11-21T10:00:00+09:00' }))).json();
    expect(adult.requirements.minor).toMatchObject({ minor: false, age: 18 });
  });
});

describe('My Number never stored (rule 48)', () => {
  it('refuses a valid My Number in any field, naming the field; an invalid check digit is accepted', async () => {
    const before = (t.app.daicho.db.$client.prepare('SELECT count(*) n FROM tradeins').get() as { n: number }).n;
    const res = await post('/tradeins', purchaseBody(store.id, { notes: '番号 1234 5678 9018 控え' }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'my_number_forbidden', errors: [{ path: 'notes' }] });
    expect(res.body).not.toContain('9018');
    const inItem = await post('/tradeins', purchaseBody(store.id, { items: [{ category: 'BOOK', description: '本', quantity: 1, unitPrice: 100, features: { notes: '123456789018' } }] }));
    expect(inItem.json().errors[0].path).toBe('items.0.features.notes');
    expect((t.app.daicho.db.$client.prepare('SELECT count(*) n FROM tradeins').get() as { n: number }).n).toBe(before);
    expect((await post('/tradeins', purchaseBody(store.id, { notes: '123456789019' }))).statusCode).toBe(201);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['negative price', { items: [{ category: 'BOOK', description: '本', quantity: 1, unitPrice: -1 }] }, 'body.items.0.unitPrice'],
    ['zero quantity', { items: [{ category: 'BOOK', description: '本', quantity: 0, unitPrice: 100 }] }, 'body.items.0.quantity'],
    ['unknown category', { items: [{ category: 'SPACESHIP', description: '?', quantity: 1, unitPrice: 100 }] }, 'body.items.0.category'],
    ['unknown field', { bogus: 1 }, 'body.bogus'],
  ];
  for (const [name, override, path] of cases) {
    it(`${name} → 400 naming ${path}`, async () => {
      const res = await post('/tradeins', purchaseBody(store.id, override));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    });
  }
  it('a future date of birth, an age of 130 and a transaction far in the future are refused', async () => {
    const future = (await post('/tradeins', purchaseBody(store.id, { counterparty: { ...licenceHolder, dateOfBirth: '2030-01-01' } }))).json();
    expect(future.missing.map((m: { path: string }) => m.path)).toContain('counterparty.dateOfBirth');
    const old = (await post('/tradeins', purchaseBody(store.id, { counterparty: { ...licenceHolder, dateOfBirth: '1890-01-01' } }))).json();
    expect(old.missing.map((m: { path: string }) => m.path)).toContain('counterparty.dateOfBirth');
    const far = await post('/tradeins', purchaseBody(store.id, { occurredAt: '2030-01-01T00:00:00+09:00' }));
    expect(far.statusCode).toBe(400);
    expect(far.json().code).toBe('occurred_in_future');
  });
  it('another store’s trade-in answers 404', async () => {
    const other = t.makeStore();
    const otherStaff = t.tokenFor('staff', [other.id]).token;
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    expect((await t.inject({ method: 'GET', url: `/tradeins/${tr.id}`, token: otherStaff })).statusCode).toBe(404);
    expect((await post('/tradeins', purchaseBody(store.id), otherStaff)).statusCode).toBe(404);
  });
});

describe('retention lock (rules 28-29)', () => {
  it('a completed entry cannot be erased before its date + 3 years; the error says until when', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    await put(`/tradeins/${tr.id}/verification`, licenceCheck);
    await post(`/tradeins/${tr.id}/complete`, undefined);
    now = new Date('2029-11-20T05:00:00Z'); // the anniversary (Tokyo): still locked
    const later = t.tokenFor('compliance').token; // tokens expire on the same clock
    const locked = await t.inject({ method: 'DELETE', url: `/tradeins/${tr.id}`, token: later });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'retention_locked', retainedUntil: '2029-11-20', erasableFrom: '2029-11-21' });
    now = new Date('2029-11-21T05:00:00Z');
    try {
      const gone = await t.inject({ method: 'DELETE', url: `/tradeins/${tr.id}`, token: later });
      expect(gone.json()).toEqual({ id: tr.id, outcome: 'anonymized' });
      const after = (await t.inject({ method: 'GET', url: `/tradeins/${tr.id}`, token: later })).json();
      expect(after.counterparty.name).toBeNull();
      expect(after.items[0].features).toEqual({});
    } finally {
      now = new Date('2026-11-22T03:00:00Z');
    }
  });
  it('a draft is discarded at once', async () => {
    const tr = (await post('/tradeins', purchaseBody(store.id))).json();
    expect((await t.inject({ method: 'DELETE', url: `/tradeins/${tr.id}`, token: staff })).json().outcome).toBe('discarded');
  });
});

describe('one-shot intake at the counter', () => {
  it('creates, verifies and completes in one call', async () => {
    const res = await post('/tradeins', purchaseBody(store.id, { verification: licenceCheck, complete: true }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', verification: { status: 'verified' } });
    expect(auditCount('tradein.complete', res.json().id)).toBe(1);
  });
  it('is all or nothing: an incomplete one answers 422 and writes nothing', async () => {
    const count = () => (t.app.daicho.db.$client.prepare('SELECT (SELECT count(*) FROM tradeins) + (SELECT count(*) FROM customers) + (SELECT count(*) FROM audit_log) n').get() as { n: number }).n;
    const before = count();
    const res = await post('/tradeins', purchaseBody(store.id, { complete: true }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { code: string }) => e.code)).toContain('verification_required');
    expect(count()).toBe(before);
  });
});

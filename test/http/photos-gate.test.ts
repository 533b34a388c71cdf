// The disclosure gate through HTTP (OCR off; plates found by image analysis): rules 59 and 60 one
// by one, disclosures logged with their provision records (rule 41), and dealer opt-outs taking
// the photos out of the feed at once, then back in on withdrawal.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { TESTDATA, tradeinWith, uploadPhoto, waitForPhotoJobs } from '../helpers/photo-fixtures.js';
import { factoryClock } from '../helpers/tradein-factory.js';

let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
let dealer: { token: string; userId: string };
let otherDealer: string;
let tr: { id: string; customerId: string; items: Array<{ id: string }> };
let photo: { id: string; regions: Array<{ id: string; kind: string; status: string }> };
const plate = fs.readFileSync(`${TESTDATA}plates/licensePlate.jpg`);

beforeAll(async () => {
  t = await buildTestApp({ build: { clock: factoryClock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  dealer = t.tokenFor('dealer');
  otherDealer = t.tokenFor('dealer').token;
  tr = await tradeinWith(t, staff, store.id);
  const res = await uploadPhoto(t, staff, tr.items[0]!.id, plate);
  expect(res.statusCode, res.body).toBe(201);
  await waitForPhotoJobs(t);
  photo = (await get(`/photos/${res.json().id}`)).json();
}, 120_000);
afterAll(async () => {
  await waitForPhotoJobs(t);
  await t.close();
});

function get(url: string, token = staff) {
  return t.inject({ method: 'GET', url, token });
}
const feedIds = async (token = dealer.token) => ((await get('/photo-feed', token)).json().photos as Array<{ photoId: string }>).map((p) => p.photoId);
const decide = (regionId: string, payload: object) => t.inject({ method: 'PATCH', url: `/photos/${photo.id}/regions/${regionId}`, token: staff, payload });
const count = (sql: string, ...args: unknown[]) => (t.app.daicho.db.$client.prepare(sql).get(...args) as { n: number }).n;

describe('disclosure gate', () => {
  it('a vehicle photo with a detected plate requires redaction (rule 59) and stays out of the feed until resolved', async () => {
    const plates = photo.regions.filter((r) => r.kind === 'licence_plate');
    expect(plates.length).toBeGreaterThan(0);
    const view = (await get(`/photos/${photo.id}`)).json();
    expect(view.redaction).toMatchObject({ required: true, satisfied: false });
    expect(view.disclosure).toMatchObject({ disclosable: false });
    expect(view.disclosure.reasons).toContain('unresolved');
    expect(await feedIds()).not.toContain(photo.id);
    expect((await get(`/photo-feed/${photo.id}/redacted`, dealer.token)).statusCode).toBe(404);
    // A dismissal without a reason is no decision.
    expect((await decide(plates[0]!.id, { status: 'dismissed' })).statusCode).toBe(400);
    for (const r of photo.regions) expect((await decide(r.id, { status: 'confirmed' })).statusCode).toBe(200);
    const confirmed = (await get(`/photos/${photo.id}`)).json();
    expect(confirmed.redaction).toMatchObject({ required: true, satisfied: true, masked: plates.length });
    expect(confirmed.disclosure).toEqual({ disclosable: true, reasons: [] });
    expect(await feedIds()).toContain(photo.id);
  });

  it('serves the redacted rendition, logs the disclosure and writes a provision record (rule 41)', async () => {
    const res = await get(`/photo-feed/${photo.id}/thumbnail`, dealer.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const log = t.app.daicho.db.$client.prepare('SELECT * FROM photo_disclosures WHERE photo_id = ?').all(photo.id) as Array<Record<string, unknown>>;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ rendition: 'thumbnail', channel: 'listing_feed', recipient_user_id: dealer.userId });
    const prov = t.app.daicho.db.$client.prepare('SELECT * FROM provision_records WHERE id = ?').get(log[0]!.provision_record_id) as Record<string, unknown>;
    expect(prov).toMatchObject({ customer_id: tr.customerId, source_kind: 'photo_disclosure', basis: 'opt_out', record_kind: 'batch' });
    await get(`/photo-feed/${photo.id}/redacted`, dealer.token);
    expect(count('SELECT count(*) n FROM photo_disclosures WHERE photo_id = ?', photo.id)).toBe(2);
    // a batch record is extended, not duplicated
    expect(count('SELECT count(*) n FROM provision_records WHERE customer_id = ?', tr.customerId)).toBe(1);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'photo.disclose' AND entity_id = ?`, photo.id)).toBe(2);
  });

  it('never publishes a photo with a 車検証 or ID card in it, masked or not (rule 60), until staff dismiss it', async () => {
    const add = await t.inject({ method: 'POST', url: `/photos/${photo.id}/regions`, token: staff, payload: { kind: 'vehicle_document', x: 10, y: 10, width: 60, height: 40 } });
    expect(add.statusCode).toBe(201);
    expect(add.json().disclosure.reasons).toEqual(['never_publish']);
    expect(await feedIds()).not.toContain(photo.id);
    const doc = add.json().regions.find((r: { kind: string }) => r.kind === 'vehicle_document');
    expect((await decide(doc.id, { status: 'dismissed', reason: 'a price card, not a 車検証' })).json().disclosure.disclosable).toBe(true);
  });

  it('never serves a stale rendition', async () => {
    const db = t.app.daicho.db.$client;
    const hash = (db.prepare('SELECT rendition_regions_hash h FROM photos WHERE id = ?').get(photo.id) as { h: string }).h;
    db.prepare('UPDATE photos SET rendition_regions_hash = ? WHERE id = ?').run('stale', photo.id);
    expect(await feedIds()).not.toContain(photo.id);
    expect((await get(`/photo-feed/${photo.id}/redacted`, dealer.token)).statusCode).toBe(404);
    db.prepare('UPDATE photos SET rendition_regions_hash = ? WHERE id = ?').run(hash, photo.id);
  });

  it('a plate waived explicitly (reason, user, time) is the rule 59 decision', async () => {
    const plateRegion = photo.regions.find((r) => r.kind === 'licence_plate')!;
    const res = await decide(plateRegion.id, { status: 'dismissed', reason: 'the dealer’s own demo car: plate shown by decision' });
    const r = res.json().regions.find((x: { id: string }) => x.id === plateRegion.id);
    expect(r).toMatchObject({ status: 'dismissed', decidedBy: expect.any(String), decidedAt: expect.any(String) });
    expect(res.json().redaction).toMatchObject({ required: true, satisfied: true, waived: 1 });
    expect(await feedIds()).toContain(photo.id);
    await decide(plateRegion.id, { status: 'confirmed' });
  });
});

describe('opt-outs through a dealer', () => {
  it('refuses a subject that does not exist, storing nothing', async () => {
    const before = count('SELECT count(*) n FROM opt_outs');
    const res = await t.inject({ method: 'POST', url: '/photo-opt-outs', token: dealer.token, payload: { subject: { type: 'plate', value: '品川300あ1234' }, receivedOn: '2026-11-21' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('subject_not_found');
    expect((await t.inject({ method: 'POST', url: '/photo-opt-outs', token: dealer.token, payload: { subject: { type: 'vin', value: 'x' }, receivedOn: '2026-11-21' } })).statusCode).toBe(400);
    expect(count('SELECT count(*) n FROM opt_outs')).toBe(before);
  });

  it('takes the photos out of the feed at once, and back in on withdrawal; history and audit kept', async () => {
    expect(await feedIds()).toContain(photo.id);
    const rec = await t.inject({ method: 'POST', url: '/photo-opt-outs', token: dealer.token, payload: { subject: { type: 'plate', value: '多摩 500 さ 46-49' }, scopes: ['image_disclosure'], receivedOn: '2026-11-21', note: 'by phone to the member dealer' } });
    expect(rec.statusCode, rec.body).toBe(201);
    const optOut = rec.json().optOuts[0];
    expect(optOut).toMatchObject({ subjectType: 'plate', scope: 'image_disclosure', source: 'dealer', dealerUserId: dealer.userId, receivedOn: '2026-11-21', revokedAt: null });
    expect(await feedIds()).not.toContain(photo.id);
    expect((await get(`/photo-feed/${photo.id}/redacted`, dealer.token)).statusCode).toBe(404);
    expect((await get(`/photos/${photo.id}`)).json().disclosure.reasons).toEqual(['opted_out']);
    // another dealer neither sees nor withdraws it
    expect((await get('/photo-opt-outs', otherDealer)).json().optOuts).toEqual([]);
    expect((await t.inject({ method: 'POST', url: `/photo-opt-outs/${optOut.id}/withdraw`, token: otherDealer, payload: { receivedOn: '2026-11-22' } })).statusCode).toBe(404);
    const w = await t.inject({ method: 'POST', url: `/photo-opt-outs/${optOut.id}/withdraw`, token: dealer.token, payload: { receivedOn: '2026-11-22', note: 'agreed again' } });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ revokedReceivedOn: '2026-11-22', revokedBy: dealer.userId });
    expect((await t.inject({ method: 'POST', url: `/photo-opt-outs/${optOut.id}/withdraw`, token: dealer.token, payload: { receivedOn: '2026-11-22' } })).statusCode).toBe(409);
    expect(await feedIds()).toContain(photo.id);
    const history = (await get('/photo-opt-outs', dealer.token)).json().optOuts;
    expect(history).toHaveLength(1);
    expect(history[0].revokedAt).not.toBeNull();
    expect(count(`SELECT count(*) n FROM audit_log WHERE entity_id = ? AND action IN ('opt_out.record', 'opt_out.withdraw')`, optOut.id)).toBe(2);
    const details = (t.app.daicho.db.$client.prepare(`SELECT details FROM audit_log WHERE entity_id = ? AND action = 'opt_out.record'`).get(optOut.id) as { details: string }).details;
    expect(details).not.toContain('4649');
    expect(details).not.toContain('phone');
  });

  it('a customer opt-out from the counter (privacy) or a trade-in opt-out by compliance stops the disclosure too', async () => {
    const r = await t.inject({ method: 'POST', url: `/privacy/customers/${tr.customerId}/opt-outs`, token: staff });
    expect(r.statusCode, r.body).toBeLessThan(300);
    expect(await feedIds()).not.toContain(photo.id);
    await t.inject({ method: 'POST', url: `/privacy/opt-outs/${r.json().id}/revoke`, token: compliance });
    expect(await feedIds()).toContain(photo.id);
    const c = await t.inject({ method: 'POST', url: '/photo-opt-outs', token: compliance, payload: { subject: { type: 'tradein', value: tr.id }, scopes: ['image_disclosure', 'third_party_provision'], receivedOn: '2026-11-22', dealerUserId: dealer.userId } });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().optOuts).toHaveLength(2);
    expect(await feedIds()).not.toContain(photo.id);
    // the dealer it came through sees it among theirs
    expect((await get('/photo-opt-outs?active=true', dealer.token)).json().optOuts).toHaveLength(2);
  });
});

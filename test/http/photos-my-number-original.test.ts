// 番号法: a My Number visible in an item photo must not survive even in the stored original.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMyNumbers } from '../../src/identity/validators/my-number.js';
import { generateDocument } from '../fixtures/synth/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { tradeinWith, uploadPhoto, waitForPhotoJobs } from '../helpers/photo-fixtures.js';
import { factoryClock } from '../helpers/tradein-factory.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { OCR_ENABLED: 'true', OCR_WORKERS: '1' }, build: { clock: factoryClock } });
  await t.app.daicho.deps.ocr!.ready();
}, 180_000);
afterAll(() => t.close());

describe('My Number in a photo', () => {
  it('is burned out of the original as well as the renditions, and the old file is gone', async () => {
    const store = t.makeStore();
    const staff = t.tokenFor('staff', [store.id]).token;
    const compliance = t.tokenFor('compliance').token;
    const tr = await tradeinWith(t, staff, store.id, { item: 'phone' });
    const card = await generateDocument('my_number_back', { seed: 5 });
    const up = await uploadPhoto(t, staff, tr.items[0]!.id, card.png, 'image/png');
    expect(up.statusCode).toBe(201);
    const before = t.app.daicho.db.$client.prepare('SELECT original_blob_key k FROM photos WHERE id = ?').get(up.json().id) as { k: string };
    await waitForPhotoJobs(t);
    const after = t.app.daicho.db.$client.prepare('SELECT original_blob_key k FROM photos WHERE id = ?').get(up.json().id) as { k: string };
    expect(after.k).not.toBe(before.k);
    expect(await t.app.daicho.deps.blobs.exists(before.k)).toBe(false);
    const original = await t.inject({ method: 'GET', url: `/photos/${up.json().id}/original`, token: compliance });
    expect(original.statusCode).toBe(200);
    const text = (await t.app.daicho.deps.ocr!.recognize(original.rawPayload, { lang: 'jpn' })).text;
    expect(findMyNumbers(text)).toEqual([]);
    expect(text.replace(/\D/g, '')).not.toContain(card.truth.myNumber.replace(/\D/g, ''));
    const audit = t.app.daicho.db.$client.prepare(`SELECT count(*) n FROM audit_log WHERE action = 'photo.mask_original' AND entity_id = ?`).get(up.json().id) as { n: number };
    expect(audit.n).toBe(1);
  });
});

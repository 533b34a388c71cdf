// Photos through HTTP (OCR off): upload and bad input, metadata stripped from every served
// rendition (parsed back), orientation applied, originals for compliance only (audited), regions
// drawn and burned in (pixel statistics), store scoping, the police packet's photo source.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTx } from '../../src/db/client.js';
import { anonymizeTradeinPhotos, deleteTradeinPhotos } from '../../src/images/tombstone.js';
import { itemPhotoImages } from '../../src/police/packet/image-sources.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { multipart } from '../helpers/multipart.js';
import { hasApp1, jpegWithExif, regionStats, tradeinWith, uploadPhoto, waitForPhotoJobs } from '../helpers/photo-fixtures.js';
import { factoryClock } from '../helpers/tradein-factory.js';

let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
let itemId: string;
beforeAll(async () => {
  t = await buildTestApp({ env: { MAX_IMAGE_PIXELS: '2000000', UPLOAD_LIMIT: '400000' }, build: { clock: factoryClock } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  itemId = (await tradeinWith(t, staff, store.id, { item: 'phone' })).items[0]!.id;
});
afterAll(async () => {
  await waitForPhotoJobs(t);
  await t.close();
});

const count = (sql: string, ...args: unknown[]) => (t.app.daicho.db.$client.prepare(sql).get(...args) as { n: number }).n;
const blobFiles = () => fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const get = (url: string, token = staff) => t.inject({ method: 'GET', url, token });

describe('upload', () => {
  it('stores the original encrypted, serves renditions without any metadata and with orientation applied', async () => {
    const original = await jpegWithExif(400, 200);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(hasApp1(original)).toBe(true);
    const res = await uploadPhoto(t, staff, itemId, original);
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ subject: 'device', format: 'jpeg', width: 200, height: 400, proposals: { status: 'queued' } });
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'photo.create' AND entity_id = ?`, photo.id)).toBe(1);
    await waitForPhotoJobs(t);
    const done = (await get(`/photos/${photo.id}`)).json();
    expect(done.proposals.status).toBe('done');
    expect(done.proposals.summary).toMatchObject({ ocr: 'unavailable', plates: 'skipped' });

    for (const rendition of ['redacted', 'thumbnail']) {
      const r = await get(`/photos/${photo.id}/renditions/${rendition}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('image/jpeg');
      const bytes = r.rawPayload;
      expect(hasApp1(bytes), `${rendition} has an APP1 (EXIF/XMP) segment`).toBe(false);
      expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
      const m = await sharp(bytes).metadata();
      expect([m.exif, m.xmp, m.icc, m.iptc, m.orientation]).toEqual([undefined, undefined, undefined, undefined, undefined]);
      // Orientation 6 applied to the pixels: portrait, and the gradient's red runs top to bottom.
      expect(m.height! > m.width!).toBe(true);
    }
    const full = (await get(`/photos/${photo.id}/renditions/redacted`)).rawPayload;
    const top = await regionStats(full, { x: 80, y: 5, width: 40, height: 20 });
    const bottom = await regionStats(full, { x: 80, y: 375, width: 40, height: 20 });
    expect(bottom.mean).not.toBeCloseTo(top.mean, 0);

    // at rest: AES-GCM blobs, not JPEG
    const key = (t.app.daicho.db.$client.prepare('SELECT original_blob_key k FROM photos WHERE id = ?').get(photo.id) as { k: string }).k;
    expect(fs.readFileSync(path.join(t.dataDir, 'blobs', key.slice(0, 2), key.slice(2, 4), key)).subarray(0, 4).toString()).toBe('DCB1');
    // the original is evidence as received (EXIF kept), for compliance only, every view audited
    expect((await get(`/photos/${photo.id}/original`)).statusCode).toBe(403);
    const before = count(`SELECT count(*) n FROM audit_log WHERE action = 'photo.view_original'`);
    const orig = await get(`/photos/${photo.id}/original`, compliance);
    expect(orig.statusCode).toBe(200);
    expect(Buffer.compare(orig.rawPayload, original)).toBe(0);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'photo.view_original'`)).toBe(before + 1);
    // another store's staff cannot see it at all
    const other = t.tokenFor('staff', [t.makeStore().id]).token;
    expect((await get(`/photos/${photo.id}`, other)).statusCode).toBe(404);
    expect((await get(`/items/${itemId}/photos`, other)).statusCode).toBe(404);
    // the police packet takes the original
    const images = itemPhotoImages(t.app.daicho.db, { tradeinId: photo.tradeinId, itemId });
    expect(images.find((i) => i.sourceId === photo.id)).toMatchObject({ kind: 'item_photo', sha256: photo.originalSha256, blobKey: key });
  });

  it('refuses bad input with problem+json and stores nothing', async () => {
    const rows = count('SELECT count(*) n FROM photos');
    const files = blobFiles();
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const photo = await jpegWithExif(400, 200);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 1)]);
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('%PDF-1.4 not a photo'), 'image_unreadable'],
      [photo.subarray(0, Math.floor(photo.length * 0.7)), 'image_corrupt'],
      [Buffer.concat([photo, zip]), 'image_polyglot'],
      [Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')]), 'image_polyglot'],
      [await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#fff' } }).png().toBuffer(), 'image_too_large'],
      [await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).gif().toBuffer(), 'image_unsupported'],
      [Buffer.alloc(0), 'image_empty'],
    ];
    for (const [data, code] of cases) {
      const res = await uploadPhoto(t, staff, itemId, data);
      expect(res.statusCode, code).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    const big = await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality: 100 }).toBuffer();
    expect(big.length).toBeGreaterThan(400000);
    const tooBig = await uploadPhoto(t, staff, itemId, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect((await t.inject({ method: 'POST', url: `/items/${itemId}/photos`, token: staff, ...multipart({}) })).json().code).toBe('file_required');
    expect((await t.inject({ method: 'POST', url: `/items/${itemId}/photos`, token: staff, ...multipart({ note: 'x' }, { filename: 'a.jpg', type: 'image/jpeg', data: jpeg }) })).statusCode).toBe(400);
    expect((await uploadPhoto(t, staff, '00000000-0000-4000-8000-000000000000', jpeg)).statusCode).toBe(404);
    expect(count('SELECT count(*) n FROM photos')).toBe(rows);
    expect(blobFiles()).toBe(files);
    expect(fs.readdirSync(path.join(t.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('regions', () => {
  it('burns a drawn region into the renditions; refuses regions outside the image, of no size or unknown kind', async () => {
    const photo = (await uploadPhoto(t, staff, itemId, await jpegWithExif(400, 200))).json();
    await waitForPhotoJobs(t);
    const post = (payload: object) => t.inject({ method: 'POST', url: `/photos/${photo.id}/regions`, token: staff, payload });
    expect((await post({ kind: 'face', x: 150, y: 10, width: 100, height: 20 })).json().code).toBe('region_outside_image');
    expect((await post({ kind: 'face', x: 10, y: 10, width: -5, height: 20 })).statusCode).toBe(400);
    expect((await post({ kind: 'face', x: -1, y: 10, width: 5, height: 20 })).statusCode).toBe(400);
    expect((await post({ kind: 'tattoo', x: 10, y: 10, width: 5, height: 20 })).statusCode).toBe(400);
    const rect = { x: 40, y: 100, width: 120, height: 80 };
    const before = await regionStats((await get(`/photos/${photo.id}/renditions/redacted`)).rawPayload, rect);
    const res = await post({ kind: 'screen_text', ...rect, neverPublish: true });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view.regions[0]).toMatchObject({ kind: 'screen_text', source: 'staff', status: 'confirmed', neverPublish: true });
    expect(view).toMatchObject({ neverPublish: true, renditions: { current: true } });
    expect(view.disclosure.reasons).toContain('never_publish');
    const after = await regionStats((await get(`/photos/${photo.id}/renditions/redacted`)).rawPayload, { x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, height: rect.height - 4 });
    expect(before.sd).toBeGreaterThan(5);
    expect(after.mean).toBeLessThan(8);
    expect(after.sd).toBeLessThan(3);
    const thumb = (await get(`/photos/${photo.id}/renditions/thumbnail`)).rawPayload;
    const f = (await sharp(thumb).metadata()).width! / 200;
    const small = await regionStats(thumb, { x: Math.ceil((rect.x + 4) * f), y: Math.ceil((rect.y + 4) * f), width: Math.floor((rect.width - 8) * f), height: Math.floor((rect.height - 8) * f) });
    expect(small.mean).toBeLessThan(12);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'photo_region.create'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'photo.render' AND entity_id = ?`, photo.id)).toBe(1);
  });
});

describe('retention', () => {
  it('anonymises a trade-in’s photos (images deleted after the commit, rows kept) and deletes a draft’s', async () => {
    const photo = (await uploadPhoto(t, staff, itemId, await jpegWithExif(120, 80))).json();
    await waitForPhotoJobs(t);
    const keys = writeTx(t.app.daicho.db, (tx) => anonymizeTradeinPhotos(tx, t.sys, photo.tradeinId));
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const k of keys) await t.app.daicho.deps.blobs.delete(k);
    const after = (await get(`/photos/${photo.id}`, compliance)).json();
    expect(after).toMatchObject({ originalStored: false, renditions: { redacted: false }, disclosure: { disclosable: false } });
    expect(after.anonymizedAt).not.toBeNull();
    expect((await get(`/photos/${photo.id}/original`, compliance)).statusCode).toBe(404);
    const draft = await tradeinWith(t, staff, store.id, { item: 'phone', draft: true });
    await uploadPhoto(t, staff, draft.items[0]!.id, await jpegWithExif(120, 80));
    await waitForPhotoJobs(t);
    const gone = writeTx(t.app.daicho.db, (tx) => deleteTradeinPhotos(tx, t.sys, draft.id));
    expect(gone).toHaveLength(3);
    expect(count('SELECT count(*) n FROM photos WHERE tradein_id = ?', draft.id)).toBe(0);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action IN ('photo.anonymize', 'photo.delete')`)).toBeGreaterThanOrEqual(2);
  });
});

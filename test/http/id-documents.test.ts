// ID documents through HTTP with the real offline tesseract pool and synthetic cards.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDocument } from '../fixtures/synth/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { multipart } from '../helpers/multipart.js';
import { factoryClock, purchaseBody } from '../helpers/tradein-factory.js';

let t: TestApp;
let store: { id: string };
let staff: string;
beforeAll(async () => {
  t = await buildTestApp({ env: { OCR_ENABLED: 'true', OCR_WORKERS: '1' }, build: { clock: factoryClock } });
  await t.app.daicho.deps.ocr!.ready();
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
}, 180_000);
afterAll(() => t.close());

const upload = (fields: Record<string, string>, data: Buffer, token = staff, type = 'image/png') =>
  t.inject({ method: 'POST', url: '/id-documents', token, ...multipart(fields, { filename: 'card.png', type, data }) });
const count = (sql: string) => (t.app.daicho.db.$client.prepare(sql).get() as { n: number }).n;
const blobFiles = () => fs.readdirSync(path.join(t.dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

describe('ID document upload', () => {
  it('reads a driver’s licence, cross-checks it with the declared customer, stores only an encrypted copy', async () => {
    const card = await generateDocument('drivers_licence', { seed: 11 });
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { counterparty: { name: card.truth.name, address: card.truth.address, occupation: '会社員', dateOfBirth: card.truth.dateOfBirth.iso } }) })).json();
    const res = await upload({ tradeinId: tr.id }, card.png);
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc.documentType).toBe('DRIVERS_LICENSE');
    expect(doc.fields.dateOfBirth.value).toBe(card.truth.dateOfBirth.iso);
    expect(doc.fields.documentNumber.value).toBe(card.truth.licenceNumber);
    expect(doc.crossCheck.mismatches.filter((m: { field: string }) => m.field === 'dateOfBirth')).toEqual([]);
    // at rest: the blob is AES-GCM, not a PNG
    const row = t.app.daicho.db.$client.prepare('SELECT blob_key FROM id_documents WHERE id = ?').get(doc.id) as { blob_key: string };
    const onDisk = fs.readFileSync(path.join(t.dataDir, 'blobs', row.blob_key.slice(0, 2), row.blob_key.slice(2, 4), row.blob_key));
    expect(onDisk.subarray(0, 4).toString()).toBe('DCB1');
    // viewing decrypts and is audited every time
    const before = count(`SELECT count(*) n FROM audit_log WHERE action = 'id_document.view'`);
    const img = await t.inject({ method: 'GET', url: `/id-documents/${doc.id}/image`, token: staff });
    expect(img.statusCode).toBe(200);
    expect((await sharp(img.rawPayload).metadata()).width).toBeGreaterThan(100);
    expect(count(`SELECT count(*) n FROM audit_log WHERE action = 'id_document.view'`)).toBe(before + 1);
    // another store's staff cannot see it
    const other = t.tokenFor('staff', [t.makeStore().id]).token;
    expect((await t.inject({ method: 'GET', url: `/id-documents/${doc.id}/image`, token: other })).statusCode).toBe(404);
  });

  it('refuses a My Number card back (rule 47) and stores nothing', async () => {
    const back = await generateDocument('my_number_back', { seed: 3 });
    const rows = count('SELECT count(*) n FROM id_documents');
    const files = blobFiles();
    const res = await upload({ storeId: store.id }, back.png);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('my_number_back_refused');
    expect(res.body).not.toContain(back.truth.myNumber);
    expect(count('SELECT count(*) n FROM id_documents')).toBe(rows);
    expect(blobFiles()).toBe(files);
    expect(fs.readdirSync(path.join(t.dataDir, 'tmp'))).toEqual([]);
  });

  it('refuses what is not an image, clearly, storing nothing', async () => {
    const rows = count('SELECT count(*) n FROM id_documents');
    const res = await upload({ storeId: store.id }, Buffer.from('%PDF-1.4 this is not a photo'), staff, 'image/png');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('image_unreadable');
    const noFile = await t.inject({ method: 'POST', url: '/id-documents', token: staff, ...multipart({ storeId: store.id }) });
    expect(noFile.json().code).toBe('file_required');
    expect(count('SELECT count(*) n FROM id_documents')).toBe(rows);
  });

  it('a name that differs from the declaration must be acknowledged before completion; RULE15_3_8 links the stored image', async () => {
    const card = await generateDocument('drivers_licence', { seed: 12 });
    const tr = (await t.inject({ method: 'POST', url: '/tradeins', token: staff, payload: purchaseBody(store.id, { channel: 'remote', counterparty: { name: '別人 花子', address: card.truth.address, occupation: '会社員', dateOfBirth: card.truth.dateOfBirth.iso } }) })).json();
    const doc = (await upload({ tradeinId: tr.id }, card.png)).json();
    expect(doc.crossCheck).toMatchObject({ acknowledgementRequired: true });
    expect(doc.crossCheck.mismatches.map((m: { field: string }) => m.field)).toContain('name');
    expect(JSON.stringify(doc.crossCheck)).not.toContain('別人');
    const bogus = await t.inject({ method: 'PUT', url: `/tradeins/${tr.id}/verification`, token: staff, payload: { method: 'RULE15_3_8', documents: [{ type: 'DRIVERS_LICENSE', expiryDate: '2030-01-01', photoCaptured: true, evidenceRef: 'not-a-stored-image' }], steps: { faceCaptured: true } } });
    expect(bogus.json().code).toBe('id_image_not_stored');
    const v = await t.inject({ method: 'PUT', url: `/tradeins/${tr.id}/verification`, token: staff, payload: { method: 'RULE15_3_8', documents: [{ type: 'DRIVERS_LICENSE', expiryDate: card.truth.expiry.iso, photoCaptured: true, evidenceRef: doc.id }], steps: { faceCaptured: true } } });
    expect(v.json().verification.status).toBe('verified');
    expect(v.json().missing.map((m: { code: string }) => m.code)).toContain('id_mismatch_unacknowledged');
    await t.inject({ method: 'POST', url: `/id-documents/${doc.id}/acknowledge`, token: staff });
    expect((await t.inject({ method: 'POST', url: `/tradeins/${tr.id}/complete`, token: staff })).statusCode).toBe(200);
    // evidence of a completed entry is retention-locked (rule 29)
    const del = await t.inject({ method: 'DELETE', url: `/id-documents/${doc.id}`, token: staff });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('retention_locked');
  });
});

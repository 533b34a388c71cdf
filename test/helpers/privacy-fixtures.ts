// Privacy test data, made through the real API wherever one exists. ID document images need OCR
// (off in tests), so a stored ID image is seeded through the blob store and the table, as the
// upload verb would leave it.
import { expect } from 'vitest';
import { idDocuments } from '../../src/db/schema/index.js';
import { putBlob } from '../../src/shared/blob-store.js';
import { newId } from '../../src/shared/ids.js';
import type { TestApp } from './build-app.js';
import { licenceCheck, licenceHolder, purchaseBody } from './tradein-factory.js';

export const watch = { category: 'WATCH_JEWELRY', description: '腕時計', quantity: 1, unitPrice: 50000, features: { brand: 'SEIKO', serialNumber: 'SN-778899' } };

/** A completed trade-in on `date` (YYYY-MM-DD), verified by driver's licence; returns its view. */
export async function completedTradein(t: TestApp, token: string, storeId: string, date: string, overrides: Record<string, unknown> = {}) {
  const res = await t.inject({ method: 'POST', url: '/tradeins', token, payload: purchaseBody(storeId, { occurredAt: `${date}T10:00:00+09:00`, verification: licenceCheck, complete: true, ...overrides }) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; customerId: string; businessDate: string; items: Array<{ id: string }>; version: number };
}

/** Sells an item with the buyer's details recorded (a watch ≥ ¥10,000: Rule 18; DOMAIN rule 26). */
export async function saleWithBuyer(t: TestApp, token: string, itemId: string, date: string, buyer: Record<string, unknown>) {
  const res = await t.inject({ method: 'POST', url: `/items/${itemId}/disposals`, token, payload: { kind: 'sale', occurredAt: `${date}T11:00:00+09:00`, price: 80000, buyer } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

/** A masked ID image as upload-document.ts stores it: an encrypted blob and its row. */
export async function seedIdDocument(t: TestApp, storeId: string, opts: { tradeinId?: string | null; name?: string; dateOfBirth?: string } = {}) {
  const staged = await putBlob(t.app.daicho.deps.blobs, Buffer.from(`masked-image-${newId()}`));
  const id = newId();
  const fields = { name: { value: opts.name ?? licenceHolder.name, confidence: 0.9, source: 'label' }, dateOfBirth: { value: opts.dateOfBirth ?? licenceHolder.dateOfBirth, confidence: 0.9, source: 'label' } };
  t.app.daicho.db
    .insert(idDocuments)
    .values({ id, storeId, tradeinId: opts.tradeinId ?? null, documentType: 'DRIVERS_LICENSE', side: 'front', blobKey: staged.key, sha256: staged.sha256, width: 100, height: 60, extraction: JSON.stringify({ type: 'DRIVERS_LICENSE', side: 'front', fields, validations: [], warnings: [], maskedRegions: [] }), crossCheck: '[]', createdAt: new Date().toISOString() })
    .run();
  return { id, blobKey: staged.key };
}

export const identity = { method: 'in_person', documentType: 'DRIVERS_LICENSE', confirmedOn: '2026-11-22' } as const;

export function requestBody(storeId: string, type: string, subject: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return { storeId, type, subject, identity, receivedDate: '2026-11-22', ...overrides };
}

export function auditCount(t: TestApp, action: string, entityId?: string): number {
  const c = t.app.daicho.db.$client;
  const row = entityId
    ? c.prepare('SELECT count(*) n FROM audit_log WHERE action = ? AND entity_id = ?').get(action, entityId)
    : c.prepare('SELECT count(*) n FROM audit_log WHERE action = ?').get(action);
  return (row as { n: number }).n;
}

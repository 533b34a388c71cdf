// Police test data: completed trade-ins through the real API, inquiry and notice bodies, and
// stored (masked) ID images seeded like the identity upload leaves them (an encrypted blob plus
// an id_documents row), since OCR is off in tests.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { putBlob } from '../../src/shared/blob-store.js';
import type { TestApp } from './build-app.js';
import { licenceCheck, purchaseBody } from './tradein-factory.js';

export interface Tradein {
  id: string;
  status: string;
  items: { id: string; lineNo: number }[];
  blocks: { id: string; kind: string; status: string; itemId: string | null }[];
}

/** A purchase recorded, verified and completed in one call (the one-shot intake). */
export async function completedPurchase(t: TestApp, token: string, storeId: string, overrides: Record<string, unknown> = {}): Promise<Tradein> {
  const res = await t.inject({ method: 'POST', url: '/tradeins', token, payload: purchaseBody(storeId, { verification: licenceCheck, complete: true, ...overrides }) });
  if (res.statusCode !== 201) throw new Error(`trade-in failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A valid IMEI (Luhn check digit, 3GPP TS 23.003) from 14 digits. */
export function imei(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(first14[i]);
    if (i % 2 === 1) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${first14}${(10 - (sum % 10)) % 10}`;
}

export const buyer = { name: '鈴木 一郎', address: '東京都新宿区西新宿2-8-1', occupation: '自営業', dateOfBirth: '1970-01-01' };

export const phone = (imei: string, more: Record<string, unknown> = {}) => ({
  category: 'MACHINE_TOOL',
  description: 'スマートフォン',
  quantity: 1,
  unitPrice: 52000,
  isPhone: true,
  features: { brand: 'Apple', model: 'iPhone 15', colour: '黒', imei, condition: '良', ...more },
});

export const watch = (serialNumber: string) => ({
  category: 'WATCH_JEWELRY',
  description: '腕時計',
  quantity: 1,
  unitPrice: 80000,
  features: { brand: 'SEIKO', model: 'SBGA211', colour: '白', serialNumber },
});

export function inquiryBody(storeId: string, overrides: Record<string, unknown> = {}) {
  return {
    referenceNumber: '新宿生安第1234号',
    agency: '警視庁',
    station: '新宿警察署 生活安全課',
    officerName: '警部補 田中 一郎',
    officerContact: '03-3346-0110',
    receivedDate: '2026-11-21',
    legalBasis: 'ccp197_2',
    respondingStoreId: storeId,
    criteria: { identifiers: ['356938035643809'] },
    ...overrides,
  };
}

export function noticeBody(overrides: Record<string, unknown> = {}) {
  return {
    issuingAgency: '警視庁',
    noticeNumber: `品触れ第${Math.floor(Math.random() * 1e6)}号`,
    arrivalDate: '2026-11-21',
    items: [{ description: 'スマートフォン iPhone 15 黒', category: 'MACHINE_TOOL', imei: '35-693803-564380-9' }],
    ...overrides,
  };
}

/** A synthetic image of the given size (JPEG or PNG), distinct per seed. */
export async function syntheticImage(width: number, height: number, format: 'jpeg' | 'png', seed = 1): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: 200 } } });
  const stripe = await sharp({ create: { width: Math.max(1, Math.floor(width / 3)), height, channels: 3, background: { r: 20, g: 20, b: (seed * 31) % 256 } } })
    .png()
    .toBuffer();
  const img = base.composite([{ input: stripe, left: (seed * 17) % Math.max(1, width - Math.floor(width / 3)), top: 0 }]);
  return format === 'jpeg' ? img.jpeg({ quality: 85 }).toBuffer() : img.png().toBuffer();
}

/** Stores an image as a masked ID document of a trade-in; `extraction` lets a test plant legacy data. */
export async function seedIdImage(t: TestApp, tradein: { id: string; storeId: string }, opts: { documentType?: string; side?: string; image: Buffer; extraction?: unknown }): Promise<string> {
  const { db, deps } = t.app.daicho;
  const staged = await putBlob(deps.blobs, opts.image);
  const meta = await sharp(opts.image).metadata();
  const id = randomUUID();
  db.$client
    .prepare(
      `INSERT INTO id_documents (id, store_id, tradein_id, document_type, side, blob_key, sha256, width, height, extraction, cross_check, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
    )
    .run(id, tradein.storeId, tradein.id, opts.documentType ?? 'DRIVERS_LICENSE', opts.side ?? 'front', staged.key, staged.sha256, meta.width, meta.height, JSON.stringify(opts.extraction ?? { fields: {} }), new Date().toISOString());
  return id;
}

export const auditCount = (t: TestApp, action: string, entityId?: string) =>
  (
    t.app.daicho.db.$client
      .prepare(`SELECT count(*) n FROM audit_log WHERE action = ?${entityId ? ' AND entity_id = ?' : ''}`)
      .get(...(entityId ? [action, entityId] : [action])) as { n: number }
  ).n;

/** Polls a packet job until it is done or failed. */
export async function waitForExport(app: TestApp, id: string, token: string) {
  for (let i = 0; i < 1500; i++) {
    const e = (await app.inject({ method: 'GET', url: `/police/exports/${id}`, token })).json();
    if (e.status === 'done' || e.status === 'failed') return e;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('export did not finish');
}

// Phases of the packet benchmark (run by police-packet.ts, each in its own process): seed 100
// completed trade-ins with 4 stored 3-MP JPEGs each and an approved inquiry selecting them; build
// the packet through the real job, in its own child process from the compiled dist/ as the server
// runs it; zip the same image bytes alone through the same blob store.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { runExportProcess as RunExportProcess } from '../../src/police/exports/run-export-process.js';
import { prefetchInOrder } from '../../src/police/packet/prefetch.js';
import { PacketZip } from '../../src/police/packet/zip-writer.js';
import { putBlob } from '../../src/shared/blob-store.js';
import type { Ctx } from '../../src/shared/context.js';
import { LedgerSeeder, identifiersOf, personFor } from '../helpers/seed-ledger.js';

const RECORDS = 100;
const IMAGES_PER_RECORD = 4;
const meta = (ctx: Ctx) => path.join(ctx.config.paths.dataDir, 'bench.json');

/** A 2048 × 1536 JPEG (3.1 MP) of upscaled noise: about 0.75 MB, like a phone photo of a card. */
async function photo(): Promise<Buffer> {
  const w = 256;
  const h = 192;
  return sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } }).resize(2048, 1536, { kernel: 'cubic' }).jpeg({ quality: 85 }).toBuffer();
}

export async function seedPacketBench(ctx: Ctx): Promise<Record<string, number>> {
  const t0 = performance.now();
  const client = ctx.db.$client;
  const seeder = new LedgerSeeder(client);
  const { storeId, tradeins } = client.transaction(() => {
    const storeId = seeder.store('リユース堂 新宿店');
    const tradeins = Array.from({ length: RECORDS }, (_, i) => {
      const s = seeder.tradein({
        storeId,
        date: '2026-11-20',
        counterparty: personFor(i),
        items: [{ category: 'MACHINE_TOOL', description: 'スマートフォン', unitPrice: 50_000, isPhone: true, features: { brand: 'Apple', model: 'iPhone 15', colour: '黒', imei: identifiersOf(i * 20).imei } }],
      });
      return { id: s.tradeinId, itemId: s.itemIds[0]! };
    });
    return { storeId, tradeins };
  })();
  const insertDoc = client.prepare(
    `INSERT INTO id_documents (id, store_id, tradein_id, document_type, side, blob_key, sha256, width, height, extraction, cross_check, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 2048, 1536, '{}', '[]', ?)`,
  );
  let bytes = 0;
  const jobs = tradeins.flatMap((tr) => Array.from({ length: IMAGES_PER_RECORD }, (_, k) => ({ tr, k })));
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(
      jobs.slice(i, i + 2).map(async ({ tr, k }) => {
        const img = await photo();
        bytes += img.length;
        const staged = await putBlob(ctx.blobs, img);
        const type = k < 2 ? 'DRIVERS_LICENSE' : 'RESIDENCE_CARD';
        insertDoc.run(randomUUID(), storeId, tr.id, type, k % 2 ? 'back' : 'front', staged.key, staged.sha256, `2026-11-20T01:00:0${k}.000Z`);
      }),
    );
  }
  const inquiryId = randomUUID();
  client.transaction(() => {
    client
      .prepare(
        `INSERT INTO police_inquiries (id, reference_number, agency, station, officer_name, received_date, legal_basis, responding_store_id, criteria, status, created_at, updated_at, approved_at)
         VALUES (?, '新宿生安第1号', '警視庁', '新宿警察署', '警部補 田中', '2026-11-21', 'act22_3', ?, '{"identifiers":["x"],"persons":[],"storeIds":[],"categories":[]}', 'approved', ?, ?, ?)`,
      )
      .run(inquiryId, storeId, '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z', '2026-11-22T03:00:00.000Z');
    const match = client.prepare(`INSERT INTO police_inquiry_matches (inquiry_id, item_id, tradein_id, store_id, matched_on, selected) VALUES (?, ?, ?, ?, '["imei"]', 1)`);
    for (const tr of tradeins) match.run(inquiryId, tr.itemId, tr.id, storeId);
  })();
  const keys = (client.prepare('SELECT blob_key AS k FROM id_documents ORDER BY tradein_id, created_at').all() as { k: string }[]).map((r) => r.k);
  fs.writeFileSync(meta(ctx), JSON.stringify({ inquiryId, keys }));
  return { images: jobs.length, imageBytes: bytes, seconds: (performance.now() - t0) / 1000 };
}

export async function measurePacket(ctx: Ctx): Promise<Record<string, number>> {
  const { inquiryId } = JSON.parse(fs.readFileSync(meta(ctx), 'utf8')) as { inquiryId: string };
  const id = randomUUID();
  ctx.db.$client.prepare(`INSERT INTO police_exports (id, inquiry_id, status, records_total, created_at) VALUES (?, ?, 'queued', ?, ?)`).run(id, inquiryId, RECORDS, new Date().toISOString());
  // The compiled job (npm run bench builds dist/ first): the figures are production's, not tsx's.
  const compiled = path.resolve('dist/police/exports/run-export-process.js');
  if (!fs.existsSync(compiled)) throw new Error('dist/ is missing: run `npm run bench` (it builds) or `npx tsc -p tsconfig.build.json`');
  const { runExportProcess } = (await import(compiled)) as { runExportProcess: typeof RunExportProcess };
  const t0 = performance.now();
  const r = await runExportProcess(ctx, id);
  const seconds = (performance.now() - t0) / 1000;
  const row = ctx.db.$client.prepare('SELECT status, size, error_code AS errorCode FROM police_exports WHERE id = ?').get(id) as { status: string; size: number; errorCode: string | null };
  if (row.status !== 'done') throw new Error(`packet failed: ${row.errorCode}`);
  return { seconds, size: row.size, childRss: r.maxRssMiB ?? -1 };
}

export async function measureZipAlone(ctx: Ctx): Promise<Record<string, number>> {
  const { keys } = JSON.parse(fs.readFileSync(meta(ctx), 'utf8')) as { keys: string[] };
  const t0 = performance.now();
  const zip = new PacketZip('images', '2026-11-22');
  const staging = ctx.blobs.stage(zip.output);
  // The same one-read-ahead as the packet, so the two differ only in what the packet adds.
  const next = prefetchInOrder(keys, (k) => ctx.blobs.get(k));
  for (const [i, key] of keys.entries()) await zip.addAndWait(`data/images/${i}.jpg`, await next(key));
  zip.end();
  const staged = await staging;
  const seconds = (performance.now() - t0) / 1000;
  await staged.discard();
  return { seconds, size: staged.size };
}

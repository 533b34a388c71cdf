// Ending item photos' life with their trade-in. Each runs inside the caller's transaction (the
// trade-in's discard or anonymisation), writes its audit rows and returns the blob keys to delete
// once that transaction has committed (a file deleted before a rolled-back commit is evidence lost).
//   discardTradein (a draft):          deleteTradeinPhotos — no ledger evidence, rows go too;
//   anonymizeTradein (after 3 years):  anonymizeTradeinPhotos — images go, rows stay as tombstones
//                                      (regions and disclosure log kept: Art. 29 evidence).
import { eq, inArray } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import type { Tx } from '../db/client.js';
import { photoDisclosures, photoRegions, photos } from '../db/schema/index.js';
import { type Ctx, nowIso } from '../shared/context.js';

const keysOf = (p: typeof photos.$inferSelect) => [p.originalBlobKey, p.redactedBlobKey, p.thumbBlobKey].filter((k): k is string => !!k);

export function deleteTradeinPhotos(tx: Tx, ctx: Ctx, tradeinId: string): string[] {
  const rows = tx.select().from(photos).where(eq(photos.tradeinId, tradeinId)).all();
  if (!rows.length) return [];
  const ids = rows.map((p) => p.id);
  // A draft's photos were never in the feed (it lists completed trade-ins only): no disclosures.
  tx.delete(photoDisclosures).where(inArray(photoDisclosures.photoId, ids)).run();
  tx.delete(photoRegions).where(inArray(photoRegions.photoId, ids)).run();
  tx.delete(photos).where(inArray(photos.id, ids)).run();
  for (const p of rows) emitAudit(tx, ctx, { action: 'photo.delete', details: { tradeinId } }, { entityType: 'photo', entityId: p.id, storeId: p.storeId });
  return rows.flatMap(keysOf);
}

export function anonymizeTradeinPhotos(tx: Tx, ctx: Ctx, tradeinId: string): string[] {
  const rows = tx.select().from(photos).where(eq(photos.tradeinId, tradeinId)).all().filter((p) => !p.anonymizedAt);
  const now = nowIso(ctx);
  for (const p of rows) {
    tx.update(photos).set({ originalBlobKey: null, redactedBlobKey: null, thumbBlobKey: null, proposalSummary: null, anonymizedAt: now }).where(eq(photos.id, p.id)).run();
    emitAudit(tx, ctx, { action: 'photo.anonymize', details: { tradeinId } }, { entityType: 'photo', entityId: p.id, storeId: p.storeId });
  }
  return rows.flatMap(keysOf);
}

// DELETE on a trade-in. A draft is discarded outright. A completed entry is a legal record: it and
// its linked evidence are locked for 3 years from its date (古物営業法18条1項; DOMAIN rules
// 28-29) and any attempt before then is refused saying until when — also on a data-subject
// erasure request. After that, "deleting" anonymises it, leaving a tombstone.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { type Tx, writeTx } from '../db/client.js';
import { blocks, tradeinItems, tradeinVersions, tradeins, verifications } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { anonymizeIdDocument, deleteIdDocumentRow, linkedIdDocuments } from '../identity/tombstone.js';
import { anonymizeTradeinPhotos, deleteTradeinPhotos } from '../images/tombstone.js';
import { ConflictError } from '../shared/errors.js';
import { tokyoDate } from '../shared/japanese.js';
import { getVisibleTradein, loadParts, type TradeinRow } from './internal.js';
import { isRetentionLocked, purgeableFrom, retentionLockedUntil } from './rules/index.js';

export async function discardTradein({ ctx, tradeinId }: { ctx: Ctx; tradeinId: string }): Promise<{ id: string; outcome: 'discarded' | 'anonymized' }> {
  requireRole(ctx.actor, ['staff', 'compliance']);
  const done = writeTx(ctx.db, (tx) => {
    const row = getVisibleTradein(ctx.db, ctx.actor, tradeinId);
    const parts = loadParts(ctx.db, row.id);
    if (row.status === 'draft') {
      if (parts.blocks.some((b) => b.status === 'open')) throw new ConflictError('open_blocks', 'A draft with an open task or hold cannot be discarded.');
      // A draft's ID images are no ledger evidence: they go with it.
      const blobKeys = [...linkedIdDocuments(tx, row.id).map((d) => deleteIdDocumentRow(tx, ctx, d)), ...deleteTradeinPhotos(tx, ctx, row.id)];
      tx.delete(blocks).where(eq(blocks.tradeinId, row.id)).run();
      tx.delete(verifications).where(eq(verifications.tradeinId, row.id)).run();
      tx.delete(tradeinItems).where(eq(tradeinItems.tradeinId, row.id)).run();
      tx.delete(tradeins).where(eq(tradeins.id, row.id)).run();
      emitAudit(tx, ctx, { action: 'tradein.discard', details: { items: parts.items.length } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
      return { id: row.id, outcome: 'discarded' as const, blobKeys };
    }
    requireRole(ctx.actor, ['compliance']);
    assertNotRetained(row, tokyoDate(ctx.clock.now()));
    return { id: row.id, outcome: 'anonymized' as const, blobKeys: anonymizeTradein(tx, ctx, row).blobKeys };
  });
  // Files only after the commit: a rolled-back transaction must not have lost evidence.
  for (const key of done.blobKeys) if (key) await ctx.blobs.delete(key);
  return { id: done.id, outcome: done.outcome };
}

export function assertNotRetained(row: Pick<TradeinRow, 'businessDate'>, today: string): void {
  if (isRetentionLocked(row.businessDate, today)) {
    const until = retentionLockedUntil(row.businessDate);
    throw new ConflictError('retention_locked', `古物営業法第18条の保存義務: this entry must be kept until ${until}; it can be erased from ${purgeableFrom(row.businessDate)}.`, {
      retainedUntil: until,
      erasableFrom: purgeableFrom(row.businessDate),
    });
  }
}

/**
 * Tombstone: the ledger facts that identify a person are cleared, the ID images kept with the
 * entry (Rule 15(3) items 4, 5, 7, 8) and the item photos lose their images; ids, dates and
 * categories stay. Returns
 * the blob keys to delete after the commit.
 */
export function anonymizeTradein(tx: Tx, ctx: Ctx, row: TradeinRow): { blobKeys: string[]; documents: string[] } {
  const items = tx.select({ id: tradeinItems.id }).from(tradeinItems).where(eq(tradeinItems.tradeinId, row.id)).all();
  tx.update(tradeins)
    .set({ cpName: null, cpKanaName: null, cpAddress: null, cpOccupation: null, cpDateOfBirth: null, cpNameNorm: null, customerId: null, guardian: null, notes: null, anonymizedAt: nowIso(ctx) })
    .where(eq(tradeins.id, row.id))
    .run();
  tx.update(tradeinItems).set({ features: '{}', serialNorm: null, imeiNorm: null, chassisNorm: null, plateNorm: null }).where(eq(tradeinItems.tradeinId, row.id)).run();
  tx.update(verifications).set({ input: '{}', assessment: '{"issues":[],"pendingSteps":[],"warnings":[]}' }).where(eq(verifications.tradeinId, row.id)).run();
  tx.update(tradeinVersions).set({ snapshot: '{}' }).where(eq(tradeinVersions.tradeinId, row.id)).run();
  emitAudit(tx, ctx, { action: 'tradein.anonymize', details: { items: items.length } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
  const docs = linkedIdDocuments(tx, row.id);
  const blobKeys = [...docs.map((d) => anonymizeIdDocument(tx, ctx, d)), ...anonymizeTradeinPhotos(tx, ctx, row.id)].filter((k): k is string => !!k);
  return { blobKeys, documents: docs.map((d) => d.id) };
}

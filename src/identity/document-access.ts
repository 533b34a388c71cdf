// Reading and removing stored ID documents. Every view of an image is audited in the same
// transaction that authorises it (fail-closed: no audit row, no image). Deletion respects the
// ledger's retention lock when the image is evidence of a completed trade-in (DOMAIN rule 29).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { idDocuments, tradeins } from '../db/schema/index.js';
import { type Ctx, canSeeStore, nowIso, requireRole } from '../shared/context.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { tokyoDate } from '../shared/japanese.js';
import { assertNotRetained } from '../tradeins/discard-tradein.js';
import type { Db, Tx } from '../db/client.js';
import { type IdDocumentRow, toIdDocumentView } from './view.js';

const ROLES = ['staff', 'compliance'] as const;

export function getVisibleIdDocument(db: Db | Tx, ctx: Ctx, id: string): IdDocumentRow {
  const row = db.select().from(idDocuments).where(eq(idDocuments.id, id)).get();
  if (!row || !canSeeStore(ctx.actor, row.storeId)) throw new NotFoundError('ID document');
  return row;
}

export function getIdDocument({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ROLES);
  return toIdDocumentView(getVisibleIdDocument(ctx.db, ctx, id));
}

export async function viewIdDocumentImage({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ bytes: Buffer; contentType: string }> {
  requireRole(ctx.actor, ROLES);
  const key = writeTx(ctx.db, (tx) => {
    const row = getVisibleIdDocument(tx, ctx, id);
    if (!row.blobKey) throw new NotFoundError('ID document image');
    emitAudit(tx, ctx, { action: 'id_document.view', details: { documentType: row.documentType } }, { entityType: 'id_document', entityId: row.id, storeId: row.storeId });
    return row.blobKey;
  });
  const bytes = await ctx.blobs.get(key);
  return { bytes, contentType: bytes[0] === 0x89 ? 'image/png' : bytes[0] === 0xff ? 'image/jpeg' : 'image/webp' };
}

export function acknowledgeMismatches({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ROLES);
  return writeTx(ctx.db, (tx) => {
    const row = getVisibleIdDocument(tx, ctx, id);
    const next = { ...row, acknowledgedAt: row.acknowledgedAt ?? nowIso(ctx), acknowledgedBy: row.acknowledgedBy ?? ctx.actor.userId };
    tx.update(idDocuments).set({ acknowledgedAt: next.acknowledgedAt, acknowledgedBy: next.acknowledgedBy }).where(eq(idDocuments.id, id)).run();
    emitAudit(tx, ctx, { action: 'id_document.acknowledge', details: { mismatches: (JSON.parse(row.crossCheck) as unknown[]).length } }, { entityType: 'id_document', entityId: id, storeId: row.storeId });
    return toIdDocumentView(next);
  });
}

export async function deleteIdDocument({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ROLES);
  const key = writeTx(ctx.db, (tx) => {
    const row = getVisibleIdDocument(tx, ctx, id);
    const tr = row.tradeinId ? tx.select().from(tradeins).where(eq(tradeins.id, row.tradeinId)).get() : null;
    if (tr?.status === 'completed') assertNotRetained(tr, tokyoDate(ctx.clock.now()));
    else if (tr) throw new ConflictError('evidence_linked', 'This image is linked to a trade-in in progress; unlink it by recording the verification without it first.');
    tx.delete(idDocuments).where(eq(idDocuments.id, id)).run();
    emitAudit(tx, ctx, { action: 'id_document.delete', details: { documentType: row.documentType } }, { entityType: 'id_document', entityId: id, storeId: row.storeId });
    return row.blobKey;
  });
  // After the commit: the row is gone, so an orphaned file is harmless; a missing row is not.
  if (key) await ctx.blobs.delete(key);
  return { id, deleted: true };
}

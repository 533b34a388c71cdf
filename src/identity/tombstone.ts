// Ending an ID image's life. Each runs inside the caller's transaction, writes its audit row, and
// returns the blob key to delete once the transaction has committed (a file deleted before a
// rolled-back commit would be evidence lost).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import type { Tx } from '../db/client.js';
import { idDocuments } from '../db/schema/index.js';
import { type Ctx, nowIso } from '../shared/context.js';

export type IdDocumentRow = typeof idDocuments.$inferSelect;

/** Evidence past its retention: the image goes, the row stays as a tombstone (DOMAIN rule 29). */
export function anonymizeIdDocument(tx: Tx, ctx: Ctx, d: IdDocumentRow): string | null {
  tx.update(idDocuments).set({ blobKey: null, sha256: null, extraction: '{}', crossCheck: '[]', anonymizedAt: nowIso(ctx) }).where(eq(idDocuments.id, d.id)).run();
  emitAudit(tx, ctx, { action: 'id_document.anonymize', details: { documentType: d.documentType, tradeinId: d.tradeinId } }, { entityType: 'id_document', entityId: d.id, storeId: d.storeId });
  return d.blobKey;
}

/** An image that is no ledger evidence (unlinked, or of a discarded draft) is deleted outright. */
export function deleteIdDocumentRow(tx: Tx, ctx: Ctx, d: IdDocumentRow): string | null {
  tx.delete(idDocuments).where(eq(idDocuments.id, d.id)).run();
  emitAudit(tx, ctx, { action: 'id_document.delete', details: { documentType: d.documentType } }, { entityType: 'id_document', entityId: d.id, storeId: d.storeId });
  return d.blobKey;
}

export function linkedIdDocuments(tx: Tx, tradeinId: string): IdDocumentRow[] {
  return tx.select().from(idDocuments).where(eq(idDocuments.tradeinId, tradeinId)).all().filter((d) => !d.anonymizedAt);
}

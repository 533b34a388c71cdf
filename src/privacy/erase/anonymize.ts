// Tombstones: the personal values go, ids, dates, categories and amounts stay, and every step
// writes its audit row (ids and counts only, so the hash chain still verifies: nothing in the log
// is rewritten). Shared by deletion requests and the retention purge; each function runs inside
// the caller's transaction and returns the blob keys to delete once it has committed.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import type { Tx } from '../../db/client.js';
import { customerCorrections, customers, disposals, provisionRecords } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { anonymizeTradein } from '../../tradeins/discard-tradein.js';
import { eraseConsents } from '../consent/set-consent.js';

type DisposalRow = typeof disposals.$inferSelect;
type CustomerRow = typeof customers.$inferSelect;
type ProvisionRow = typeof provisionRecords.$inferSelect;

/** A ledger entry past its retention, with its ID images (the ledger's own tombstone). */
export const anonymizeLedgerEntry = anonymizeTradein;
export { anonymizeIdDocument as anonymizeDocument, deleteIdDocumentRow as deleteUnlinkedDocument } from '../../identity/tombstone.js';

/** A sale's buyer details, kept 3 years from the disposal's own date (Rule Art. 18; DOMAIN rule 26). */
export function anonymizeDisposal(tx: Tx, ctx: Ctx, d: DisposalRow): void {
  tx.update(disposals).set({ buyerCustomerId: null, buyerName: null, buyerAddress: null, buyerOccupation: null, buyerDateOfBirth: null }).where(eq(disposals.id, d.id)).run();
  emitAudit(tx, ctx, { action: 'disposal.anonymize', details: { itemId: d.itemId } }, { entityType: 'disposal', entityId: d.id, storeId: d.storeId });
}

/**
 * The customer record once nothing retained refers to it. Its correction history and marketing
 * consent go with it; an opt-out stays (it is the instruction not to provide, on a tombstone).
 */
export function anonymizeCustomer(tx: Tx, ctx: Ctx, c: CustomerRow): void {
  const now = nowIso(ctx);
  tx.update(customers).set({ name: '', nameNorm: '', kanaName: null, address: null, occupation: null, dateOfBirth: null, contact: null, anonymizedAt: now, updatedAt: now }).where(eq(customers.id, c.id)).run();
  const corrections = tx.update(customerCorrections).set({ before: '{}', reason: '' }).where(eq(customerCorrections.customerId, c.id)).run().changes;
  eraseConsents(tx, ctx, c);
  emitAudit(tx, ctx, { action: 'customer.anonymize', details: { corrections } }, { entityType: 'customer', entityId: c.id, storeId: c.storeId });
}

/** Contact details are not a ledger field (古物営業法16条 lists address, name, occupation, age). */
export function eraseContact(tx: Tx, ctx: Ctx, c: CustomerRow): boolean {
  if (!c.contact) return false;
  tx.update(customers).set({ contact: null, updatedAt: nowIso(ctx) }).where(eq(customers.id, c.id)).run();
  emitAudit(tx, ctx, { action: 'customer.update', details: { fields: ['contact'] } }, { entityType: 'customer', entityId: c.id, storeId: c.storeId });
  return true;
}

/** A provision record past its PPC規則21条 period. */
export function deleteProvisionRecord(tx: Tx, ctx: Ctx, p: ProvisionRow): void {
  tx.delete(provisionRecords).where(eq(provisionRecords.id, p.id)).run();
  emitAudit(tx, ctx, { action: 'privacy_provision.purge', details: { recordKind: p.recordKind } }, { entityType: 'provision_record', entityId: p.id, storeId: p.storeId });
}

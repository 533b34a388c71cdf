// Records (or replaces) the identity check of a draft trade-in and assesses it against Act 15(1)
// and Rule 15 (DOMAIN rules 13-23, 53, 55, 57, 58). The context — transaction date, declared
// names, the store's JPKI status, whether this customer was verified before — comes from the
// records, never from the client.
import { and, eq, ne } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { type Tx, writeTx } from '../db/client.js';
import { idDocuments, tradeins, verifications } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { COUNTER_ROLES } from './create-tradein.js';
import { getStore, getVisibleTradein, type TradeinRow, toView } from './internal.js';
import { assessVerification, DOCUMENTS, type VerificationSteps } from './rules/index.js';
import type { RecordVerification, Tradein } from './schemas.js';

export function recordVerification({ ctx, tradeinId, input }: { ctx: Ctx; tradeinId: string; input: RecordVerification }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input);
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(tx, ctx, tradeinId);
    linkEvidence(tx, row, input);
    const a = saveVerification(tx, ctx, row, input);
    emitAudit(tx, ctx, { action: 'verification.record', details: { method: input.method, documentType: a.ledgerMethod.documentType, status: a.status } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(tx, row, getStore(tx, row.storeId));
  });
}

/** Confirms steps of a pending method (e.g. 転送不要郵便 arrived, payout account name) and re-assesses. */
export function updateVerificationSteps({ ctx, tradeinId, steps }: { ctx: Ctx; tradeinId: string; steps: VerificationSteps }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(steps);
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(tx, ctx, tradeinId);
    const current = tx.select().from(verifications).where(eq(verifications.tradeinId, row.id)).get();
    if (!current) throw new ConflictError('no_verification', 'Record the identity check before confirming its steps.');
    const prev = JSON.parse(current.input) as RecordVerification;
    const a = saveVerification(tx, ctx, row, { ...prev, steps: { ...prev.steps, ...steps } });
    emitAudit(tx, ctx, { action: 'verification.update', details: { steps: Object.keys(steps).sort(), status: a.status } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(tx, row, getStore(tx, row.storeId));
  });
}

export function draftOf(tx: Tx, ctx: Ctx, id: string): TradeinRow {
  const row = getVisibleTradein(tx, ctx.actor, id);
  if (row.status !== 'draft') throw new ConflictError('tradein_completed', 'A completed entry can only be changed by an amendment.');
  return row;
}

/**
 * Evidence references that name a stored ID document are checked and linked to this trade-in, so
 * the image inherits the ledger's retention (DOMAIN rule 29). Under RULE15_3_8 the photo ID image
 * must be one the dealer's software stored (rule 16): a reference to nothing is refused.
 */
function linkEvidence(tx: Tx, row: TradeinRow, input: RecordVerification): void {
  for (const [i, d] of input.documents.entries()) {
    if (!d.evidenceRef) continue;
    const path = `body.documents.${i}.evidenceRef`;
    const doc = tx.select().from(idDocuments).where(eq(idDocuments.id, d.evidenceRef)).get();
    if (!doc) {
      if (input.method === 'RULE15_3_8' && DOCUMENTS[d.type].hasPhoto) {
        throw new ValidationError('id_image_not_stored', 'Method RULE15_3_8 needs the ID image stored by the dealer’s software.', [{ path, code: 'id_image_not_stored', message: 'no stored ID image with this id' }]);
      }
      continue;
    }
    if (doc.storeId !== row.storeId || (doc.tradeinId && doc.tradeinId !== row.id)) {
      throw new ValidationError('evidence_not_linkable', 'The referenced ID image belongs to another record.', [{ path, code: 'evidence_not_linkable', message: 'belongs elsewhere' }]);
    }
    if (!doc.tradeinId) tx.update(idDocuments).set({ tradeinId: row.id }).where(eq(idDocuments.id, doc.id)).run();
  }
}

function saveVerification(tx: Tx, ctx: Ctx, row: TradeinRow, input: RecordVerification) {
  const store = getStore(tx, row.storeId);
  const prior = row.customerId
    ? tx
        .select({ id: tradeins.id })
        .from(tradeins)
        .innerJoin(verifications, eq(verifications.tradeinId, tradeins.id))
        .where(and(eq(tradeins.customerId, row.customerId), eq(tradeins.status, 'completed'), eq(verifications.status, 'verified'), ne(tradeins.id, row.id)))
        .get()
    : undefined;
  const a = assessVerification({
    ...input,
    context: {
      transactionDate: row.businessDate,
      counterpartyKanaName: row.cpKanaName ?? undefined,
      counterpartyName: row.cpName ?? undefined,
      tenant: { isSignatureVerifier: store.isSignatureVerifier, rejectExpiredHealthInsurance: true },
      priorCompletedVerification: !!prior,
    },
  });
  const values = {
    tradeinId: row.id,
    method: input.method,
    documentType: a.ledgerMethod.documentType,
    status: a.status,
    input: JSON.stringify(input),
    assessment: JSON.stringify({ issues: a.issues, pendingSteps: a.pendingSteps, warnings: a.warnings }),
    ledgerLabel: a.ledgerMethod.label,
    recordedBy: ctx.actor.userId,
    updatedAt: nowIso(ctx),
  };
  tx.insert(verifications).values(values).onConflictDoUpdate({ target: verifications.tradeinId, set: values }).run();
  return a;
}

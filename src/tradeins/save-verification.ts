// Storing an identity check: evidence links and the assessment against Act 15(1) / Rule 15, with
// the context taken from the records (date, declared names, the store's JPKI status, whether this
// customer was verified before). Used by recordVerification and by one-shot intakes.
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { placeholders, preparedOnce } from '../db/prepared.js';
import { idDocuments, verifications } from '../db/schema/index.js';
import { type Ctx, nowIso } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { getStore, type TradeinRow } from './internal.js';
import { queries } from './queries.js';
import { assessVerification, DOCUMENTS } from './rules/index.js';
import type { RecordVerification } from './schemas.js';

/**
 * Evidence references that name a stored ID document are checked and linked to this trade-in, so
 * the image inherits the ledger's retention (DOMAIN rule 29). Under RULE15_3_8 the photo ID image
 * must be one the dealer's software stored (rule 16): a reference to nothing is refused.
 */
export function linkEvidence(tx: Tx, row: TradeinRow, input: RecordVerification): void {
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

export function saveVerification(tx: Tx, ctx: Ctx, row: TradeinRow, input: RecordVerification) {
  const store = getStore(ctx.db, row.storeId);
  const prior = row.customerId ? queries(ctx.db).priorVerified.get({ customerId: row.customerId, id: row.id }) : undefined;
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
  const upsert = preparedOnce(tx, 'verifications upsert', (d) => {
    const p = placeholders(values);
    return d.insert(verifications).values(p).onConflictDoUpdate({ target: verifications.tradeinId, set: p }).prepare();
  });
  upsert.run(values);
  return a;
}

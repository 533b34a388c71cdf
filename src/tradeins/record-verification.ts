// Records (or replaces) the identity check of a draft trade-in and assesses it against Act 15(1)
// and Rule 15 (DOMAIN rules 13-23, 53, 55, 57, 58). The context — transaction date, declared
// names, the store's JPKI status, whether this customer was verified before — comes from the
// records, never from the client.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { verifications } from '../db/schema/index.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { ConflictError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { COUNTER_ROLES } from './internal.js';
import { getStore, getVisibleTradein, type TradeinRow, toView } from './internal.js';
import type { VerificationSteps } from './rules/index.js';
import { linkEvidence, saveVerification } from './save-verification.js';
import type { RecordVerification, Tradein } from './schemas.js';

export function recordVerification({ ctx, tradeinId, input }: { ctx: Ctx; tradeinId: string; input: RecordVerification }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input);
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(ctx, tradeinId);
    linkEvidence(tx, row, input);
    const a = saveVerification(tx, ctx, row, input);
    emitAudit(tx, ctx, { action: 'verification.record', details: { method: input.method, documentType: a.ledgerMethod.documentType, status: a.status } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(ctx.db, row, getStore(ctx.db, row.storeId));
  });
}

/** Confirms steps of a pending method (e.g. 転送不要郵便 arrived, payout account name) and re-assesses. */
export function updateVerificationSteps({ ctx, tradeinId, steps }: { ctx: Ctx; tradeinId: string; steps: VerificationSteps }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(steps);
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(ctx, tradeinId);
    const current = tx.select().from(verifications).where(eq(verifications.tradeinId, row.id)).get();
    if (!current) throw new ConflictError('no_verification', 'Record the identity check before confirming its steps.');
    const prev = JSON.parse(current.input) as RecordVerification;
    const a = saveVerification(tx, ctx, row, { ...prev, steps: { ...prev.steps, ...steps } });
    emitAudit(tx, ctx, { action: 'verification.update', details: { steps: Object.keys(steps).sort(), status: a.status } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(ctx.db, row, getStore(ctx.db, row.storeId));
  });
}

export function draftOf(ctx: Ctx, id: string): TradeinRow {
  const row = getVisibleTradein(ctx.db, ctx.actor, id);
  if (row.status !== 'draft') throw new ConflictError('tradein_completed', 'A completed entry can only be changed by an amendment.');
  return row;
}

// Completes a trade-in: every Act 16 field and the identity check are validated, then the entry is
// immutable (changes only through amendments). Anything missing answers 422 listing exactly what.
import { eq, sql } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import type { Store } from '../admin/schemas.js';
import { type Tx, writeTx } from '../db/client.js';
import { placeholders, preparedOnce } from '../db/prepared.js';
import { tradeins } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { IncompleteError } from '../shared/errors.js';
import { type Assessed, assessRow, COUNTER_ROLES, completionIssues, getStore, loadParts, type Parts, type TradeinRow, toView } from './internal.js';
import { draftOf } from './record-verification.js';
import type { Tradein } from './schemas.js';

export function completeTradein({ ctx, tradeinId }: { ctx: Ctx; tradeinId: string }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(ctx, tradeinId);
    const store = getStore(ctx.db, row.storeId);
    const done = finishCompletion(tx, ctx, row, store);
    return toView(ctx.db, done.row, store, done.parts, done.assessed);
  });
}

/** Inside the caller's transaction: refuse with exactly what is missing, or mark it completed. */
export function finishCompletion(tx: Tx, ctx: Ctx, row: TradeinRow, store: Store): { row: TradeinRow; parts: Parts; assessed: Assessed } {
  const parts = loadParts(ctx.db, row.id);
  const assessed = assessRow(tx, row, parts.items, store);
  const issues = completionIssues(tx, row, parts, store, assessed);
  if (issues.length) throw new IncompleteError('tradein_incomplete', 'The trade-in cannot be completed yet; see errors for what is missing.', issues);
  const { intake } = assessed;
  const done = { status: 'completed' as const, completedAt: nowIso(ctx), completedBy: ctx.actor.userId, total: intake.total, identityRequired: intake.identityCheck.required, ledgerRequired: intake.ledgerEntry.required, updatedAt: nowIso(ctx) };
  const complete = preparedOnce(tx, 'tradeins complete', (d) => {
    return d.update(tradeins).set(placeholders(done)).where(eq(tradeins.id, sql.placeholder('id'))).prepare();
  });
  complete.run({ ...done, id: row.id });
  emitAudit(tx, ctx, { action: 'tradein.complete', details: { version: row.version, identityRequired: done.identityRequired, ledgerRequired: done.ledgerRequired } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
  return { row: { ...row, ...done }, parts, assessed };
}

// The person withdraws their opt-out (they agree to the disclosure again), told to the dealer or
// the store. The row stays, with when the withdrawal was received, by whom it was recorded and a
// note, beside the original instruction: the history of both is kept. Audited.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { optOuts } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { compareIso, tokyoDate } from '../../shared/japanese.js';
import { WithdrawInput } from '../schemas.js';
import { type OptOutRow, toPhotoOptOutView } from './subjects.js';

/** Dealers see and change only the opt-outs that came through them. */
export function ownsOptOut(ctx: Ctx, o: OptOutRow): boolean {
  return ctx.actor.role !== 'dealer' || (!!ctx.actor.userId && (o.dealerUserId === ctx.actor.userId || o.registeredBy === ctx.actor.userId));
}

export function withdrawPhotoOptOut({ ctx, id, input }: { ctx: Ctx; id: string; input: WithdrawInput }) {
  requireRole(ctx.actor, ['dealer', 'compliance']);
  const i = WithdrawInput.parse(input);
  assertNoMyNumber({ note: i.note });
  if (compareIso(i.receivedOn, tokyoDate(ctx.clock.now())) > 0) throw new ValidationError('received_in_future', 'The date received is in the future.', [{ path: 'receivedOn', code: 'received_in_future', message: 'in the future' }]);
  return writeTx(ctx.db, (tx) => {
    const row = tx.select().from(optOuts).where(eq(optOuts.id, id)).get();
    if (!row || !ownsOptOut(ctx, row)) throw new NotFoundError('Opt-out');
    if (row.revokedAt) throw new ConflictError('opt_out_revoked', 'This opt-out has already been withdrawn.', { revokedAt: row.revokedAt });
    const next: OptOutRow = { ...row, revokedAt: nowIso(ctx), revokedBy: ctx.actor.userId, revokedReceivedOn: i.receivedOn, revokeNote: i.note ?? null };
    tx.update(optOuts).set({ revokedAt: next.revokedAt, revokedBy: next.revokedBy, revokedReceivedOn: next.revokedReceivedOn, revokeNote: next.revokeNote }).where(eq(optOuts.id, id)).run();
    emitAudit(tx, ctx, { action: 'opt_out.withdraw', details: { subjectType: row.subjectType, scope: row.scope, receivedOn: i.receivedOn } }, { entityType: 'opt_out', entityId: id, storeId: row.storeId });
    return toPhotoOptOutView(next);
  });
}

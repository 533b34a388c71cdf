// Ends an opt-out when the person withdraws it (they agree to third-party provision again). The
// row stays, with who revoked it and when, as the record of both instructions.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { optOuts } from '../../db/schema/index.js';
import { type Ctx, canSeeStore, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { toOptOutView } from './register-opt-out.js';

export function revokeOptOut({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ['compliance']);
  return writeTx(ctx.db, (tx) => {
    const row = tx.select().from(optOuts).where(eq(optOuts.id, id)).get();
    // Opt-outs of other subjects (a plate, an IMEI …: #5's dealer route) are withdrawn there.
    if (!row?.customerId || !canSeeStore(ctx.actor, row.storeId)) throw new NotFoundError('Opt-out');
    if (row.revokedAt) throw new ConflictError('opt_out_revoked', 'This opt-out has already been revoked.', { revokedAt: row.revokedAt });
    const next = { ...row, revokedAt: nowIso(ctx), revokedBy: ctx.actor.userId };
    tx.update(optOuts).set({ revokedAt: next.revokedAt, revokedBy: next.revokedBy }).where(eq(optOuts.id, id)).run();
    emitAudit(tx, ctx, { action: 'opt_out.revoke', details: { customerId: row.customerId, scope: row.scope } }, { entityType: 'opt_out', entityId: id, storeId: row.storeId });
    return toOptOutView({ ...next, customerId: row.customerId });
  });
}

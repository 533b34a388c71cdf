import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { apiTokens } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';

export function revokeToken({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ['admin']);
  return writeTx(ctx.db, (tx) => {
    const row = tx.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    if (!row) throw new NotFoundError('Token');
    // Revoking twice keeps the first time: the audit trail shows when access really ended.
    const revokedAt = row.revokedAt ?? nowIso(ctx);
    if (!row.revokedAt) {
      tx.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id)).run();
      emitAudit(tx, ctx, { action: 'token.revoke', details: { userId: row.userId } }, { entityType: 'token', entityId: id });
    }
    const { tokenHash: _h, lastUsedAt: _l, ...shown } = row;
    return { ...shown, revokedAt };
  });
}

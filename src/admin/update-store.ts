import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { stores } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { getVisibleStore, permitWarnings } from './internal.js';
import type { Store, UpdateStore } from './schemas.js';

export function updateStore({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateStore }): Store & { warnings: { code: string; message: string }[] } {
  requireRole(ctx.actor, ['admin']);
  const updated = writeTx(ctx.db, (tx) => {
    const current = getVisibleStore(tx, ctx.actor, id);
    const next = { ...current, ...input, updatedAt: nowIso(ctx) };
    tx.update(stores).set(next).where(eq(stores.id, id)).run();
    emitAudit(tx, ctx, { action: 'store.update', details: { fields: Object.keys(input).sort() } }, { entityType: 'store', entityId: id, storeId: id });
    return next;
  });
  return { ...updated, warnings: permitWarnings(updated.permitNumber) };
}

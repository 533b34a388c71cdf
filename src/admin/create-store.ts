import { writeTx } from '../db/client.js';
import { stores } from '../db/schema/index.js';
import { emitAudit } from '../audit/emit.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { permitWarnings } from './internal.js';
import type { CreateStore, Store } from './schemas.js';

export function createStore({ ctx, input }: { ctx: Ctx; input: CreateStore }): Store & { warnings: { code: string; message: string }[] } {
  requireRole(ctx.actor, ['admin']);
  const now = nowIso(ctx);
  const row: Store = { id: newId(), ...input, createdAt: now, updatedAt: now };
  writeTx(ctx.db, (tx) => {
    tx.insert(stores).values(row).run();
    emitAudit(tx, ctx, { action: 'store.create', details: { fields: Object.keys(input).sort() } }, { entityType: 'store', entityId: row.id, storeId: row.id });
  });
  return { ...row, warnings: permitWarnings(row.permitNumber) };
}

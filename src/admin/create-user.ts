import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { userStores, users } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { assertStoresExist, getUser } from './internal.js';
import type { CreateUser, User } from './schemas.js';

export function createUser({ ctx, input }: { ctx: Ctx; input: CreateUser }): User {
  requireRole(ctx.actor, ['admin']);
  if (input.role === 'staff' && input.storeIds.length === 0) {
    throw new ValidationError('staff_needs_store', 'A staff user must be bound to at least one store.', [
      { path: 'storeIds', code: 'too_small', message: 'at least one store for staff' },
    ]);
  }
  if (input.role !== 'staff' && input.storeIds.length > 0) {
    throw new ValidationError('stores_only_for_staff', 'Only staff users are bound to stores.', [
      { path: 'storeIds', code: 'not_allowed', message: 'only staff are store-bound' },
    ]);
  }
  const id = newId();
  const now = nowIso(ctx);
  return writeTx(ctx.db, (tx) => {
    assertStoresExist(tx, input.storeIds, 'storeIds');
    tx.insert(users).values({ id, name: input.name, role: input.role, active: true, createdAt: now, updatedAt: now }).run();
    for (const storeId of new Set(input.storeIds)) tx.insert(userStores).values({ userId: id, storeId }).run();
    emitAudit(tx, ctx, { action: 'user.create', details: { role: input.role, storeIds: [...new Set(input.storeIds)] } }, { entityType: 'user', entityId: id });
    return getUser(tx, id);
  });
}

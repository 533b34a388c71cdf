import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { userStores, users } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { assertStoresExist, getUser } from './internal.js';
import type { UpdateUser, User } from './schemas.js';

export function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateUser }): User {
  requireRole(ctx.actor, ['admin']);
  return writeTx(ctx.db, (tx) => {
    const current = getUser(tx, id);
    if (input.storeIds) {
      if (current.role !== 'staff') {
        throw new ValidationError('stores_only_for_staff', 'Only staff users are bound to stores.', [
          { path: 'storeIds', code: 'not_allowed', message: 'only staff are store-bound' },
        ]);
      }
      if (input.storeIds.length === 0) {
        throw new ValidationError('staff_needs_store', 'A staff user must be bound to at least one store.', [
          { path: 'storeIds', code: 'too_small', message: 'at least one store for staff' },
        ]);
      }
      assertStoresExist(tx, input.storeIds, 'storeIds');
      tx.delete(userStores).where(eq(userStores.userId, id)).run();
      for (const storeId of new Set(input.storeIds)) tx.insert(userStores).values({ userId: id, storeId }).run();
    }
    const { storeIds: _s, ...cols } = input;
    tx.update(users).set({ ...cols, updatedAt: nowIso(ctx) }).where(eq(users.id, id)).run();
    emitAudit(tx, ctx, { action: 'user.update', details: { fields: Object.keys(input).sort() } }, { entityType: 'user', entityId: id });
    return getUser(tx, id);
  });
}

// Store-scoped fetch-or-throw helpers shared by the admin verbs and other domains.
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { preparedOnce } from '../db/prepared.js';
import { stores, userStores, users } from '../db/schema/index.js';
import { type Actor, canSeeStore } from '../shared/context.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { Store, User } from './schemas.js';

/** A store the actor may see, or 404 (never 403: another store's existence is not revealed). */
export function getVisibleStore(db: Db | Tx, actor: Actor, storeId: string): Store {
  const row = preparedOnce(db, 'stores by id', (d) => d.select().from(stores).where(eq(stores.id, sql.placeholder('id'))).prepare()).get({ id: storeId });
  if (!row || !canSeeStore(actor, row.id)) throw new NotFoundError('Store');
  return row;
}

export function getUser(db: Db | Tx, userId: string): User {
  const row = db.select().from(users).where(eq(users.id, userId)).get();
  if (!row) throw new NotFoundError('User');
  const storeIds = db.select({ s: userStores.storeId }).from(userStores).where(eq(userStores.userId, userId)).all();
  return { id: row.id, name: row.name, role: row.role, active: row.active, createdAt: row.createdAt, storeIds: storeIds.map((r) => r.s) };
}

export function assertStoresExist(db: Db | Tx, storeIds: string[], path: string): void {
  storeIds.forEach((id, i) => {
    if (!db.select({ id: stores.id }).from(stores).where(eq(stores.id, id)).get()) {
      throw new ValidationError('unknown_store', 'A referenced store does not exist.', [
        { path: `${path}.${i}`, code: 'unknown_store', message: 'no such store' },
      ]);
    }
  });
}

/** 古物商許可番号 is validated as a string: not 12 digits is a warning, never a rejection (DOMAIN §1.7). */
export function permitWarnings(permitNumber: string): { code: string; message: string }[] {
  return /^\d{12}$/.test(permitNumber)
    ? []
    : [{ code: 'permit_number_not_12_digits', message: '古物商許可番号 is usually 12 digits; please check it against the permit.' }];
}

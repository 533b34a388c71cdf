import { asc } from 'drizzle-orm';
import { stores } from '../db/schema/index.js';
import { type Ctx, canSeeStore } from '../shared/context.js';
import type { Store } from './schemas.js';

/** Everyone authenticated may list stores, but staff see only their own. */
export function listStores({ ctx }: { ctx: Ctx }): Store[] {
  return ctx.db.select().from(stores).orderBy(asc(stores.name)).all().filter((s) => canSeeStore(ctx.actor, s.id) || ctx.actor.role === 'dealer');
}

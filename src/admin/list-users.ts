import { asc } from 'drizzle-orm';
import { users } from '../db/schema/index.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { getUser } from './internal.js';
import type { User } from './schemas.js';

export function listUsers({ ctx }: { ctx: Ctx }): User[] {
  requireRole(ctx.actor, ['admin']);
  return ctx.db.select({ id: users.id }).from(users).orderBy(asc(users.createdAt)).all().map((u) => getUser(ctx.db, u.id));
}

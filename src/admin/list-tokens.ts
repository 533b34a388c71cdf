import { asc, eq } from 'drizzle-orm';
import { apiTokens } from '../db/schema/index.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { getUser } from './internal.js';

export function listTokens({ ctx, userId }: { ctx: Ctx; userId: string }) {
  requireRole(ctx.actor, ['admin']);
  getUser(ctx.db, userId);
  return ctx.db
    .select({ id: apiTokens.id, userId: apiTokens.userId, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt))
    .all();
}

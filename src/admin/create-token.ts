import { randomBytes } from 'node:crypto';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { apiTokens } from '../db/schema/index.js';
import { hashToken } from '../plugins/auth.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ConflictError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { getUser } from './internal.js';
import type { CreateToken } from './schemas.js';

/** 256 random bits; only the SHA-256 is stored, the secret is returned once. */
export function createToken({ ctx, userId, input }: { ctx: Ctx; userId: string; input: CreateToken }) {
  requireRole(ctx.actor, ['admin']);
  const token = `dch_${randomBytes(32).toString('base64url')}`;
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    userId,
    name: input.name,
    tokenHash: hashToken(token),
    createdAt: nowIso(ctx),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  writeTx(ctx.db, (tx) => {
    if (!getUser(tx, userId).active) throw new ConflictError('user_inactive', 'The user is deactivated.');
    tx.insert(apiTokens).values(row).run();
    emitAudit(tx, ctx, { action: 'token.create', details: { userId, expiresAt: row.expiresAt } }, { entityType: 'token', entityId: row.id });
  });
  const { tokenHash: _h, lastUsedAt: _l, ...shown } = row;
  return { ...shown, token };
}

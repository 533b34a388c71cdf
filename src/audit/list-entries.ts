import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog } from '../db/schema/index.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import type { AuditQuery } from './schemas.js';

/** Newest first, in cursor pages. The cursor is the opaque sequence number to continue below. */
export function listAuditEntries({ ctx, query }: { ctx: Ctx; query: AuditQuery }) {
  requireRole(ctx.actor, ['compliance', 'admin']);
  const where: SQL[] = [];
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.entityType) where.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.storeId) where.push(eq(auditLog.storeId, query.storeId));
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.from) where.push(gte(auditLog.at, query.from));
  if (query.to) where.push(lte(auditLog.at, query.to));
  if (query.cursor) where.push(lt(auditLog.seq, decodeCursor(query.cursor)));
  const rows = ctx.db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(query.limit + 1)
    .all();
  const page = rows.slice(0, query.limit);
  const next = rows.length > query.limit ? encodeCursor(page[page.length - 1]!.seq) : null;
  return { items: page.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })), nextCursor: next };
}

function encodeCursor(seq: number): string {
  return Buffer.from(`a:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^a:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new ValidationError('bad_cursor', 'The cursor is not valid.', [{ path: 'querystring.cursor', code: 'invalid', message: 'bad cursor' }]);
  return Number(m[1]);
}

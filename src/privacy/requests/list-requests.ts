// Requests as a list (newest first) and one by id. `overdue=true` is the list of requests still
// open after their due date (DOMAIN rule 42): the dealer is exposed to an Art. 39 suit from then.
import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { privacyRequests } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { ForbiddenError } from '../../shared/errors.js';
import { getVisibleRequest, INTAKE_ROLES, toRequestView, today } from '../internal.js';
import type { ListRequests, PrivacyRequest } from '../schemas.js';

export function listRequests({ ctx, query }: { ctx: Ctx; query: ListRequests }): PrivacyRequest[] {
  requireRole(ctx.actor, INTAKE_ROLES);
  const day = today(ctx);
  const where: SQL[] = [];
  if (ctx.actor.role === 'staff') {
    if (query.storeId && !ctx.actor.storeIds.includes(query.storeId)) throw new ForbiddenError('store_not_visible', 'You may list requests of your own stores only.');
    where.push(inArray(privacyRequests.storeId, query.storeId ? [query.storeId] : ctx.actor.storeIds));
  } else if (query.storeId) where.push(eq(privacyRequests.storeId, query.storeId));
  if (query.type) where.push(eq(privacyRequests.type, query.type));
  if (query.overdue) where.push(eq(privacyRequests.status, 'received'), lt(privacyRequests.dueDate, day));
  else if (query.status) where.push(eq(privacyRequests.status, query.status));
  const rows = ctx.db
    .select()
    .from(privacyRequests)
    .where(and(...where))
    // Overdue first by how late they are; otherwise the newest first.
    .orderBy(...(query.overdue ? [asc(privacyRequests.dueDate)] : [desc(privacyRequests.receivedDate), desc(privacyRequests.createdAt)]))
    .limit(query.limit)
    .all();
  return rows.map((r) => toRequestView(r, day));
}

export function getRequest({ ctx, id }: { ctx: Ctx; id: string }): PrivacyRequest {
  requireRole(ctx.actor, INTAKE_ROLES);
  return toRequestView(getVisibleRequest(ctx.db, ctx.actor, id), today(ctx));
}

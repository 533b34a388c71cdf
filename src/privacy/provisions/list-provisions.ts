// The provision register (個人情報保護法29条), newest provision first, with the subject's name
// (PPC規則20条: the record identifies the person). Police provisions are never in it (#6's log).
import { and, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers, provisionRecords } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { toProvisionView } from './record-provision.js';
import type { ListProvisions, ProvisionRecord } from './schemas.js';

export function queryProvisions(db: Db, q: { customerId?: string; from?: string; to?: string; limit?: number }): ProvisionRecord[] {
  const where: SQL[] = [];
  if (q.customerId) where.push(eq(provisionRecords.customerId, q.customerId));
  // A record belongs to a period when any of its provisions fell in it.
  if (q.from) where.push(gte(provisionRecords.lastProvidedOn, q.from));
  if (q.to) where.push(lte(provisionRecords.firstProvidedOn, q.to));
  const rows = db
    .select({ r: provisionRecords, name: customers.name })
    .from(provisionRecords)
    .innerJoin(customers, eq(customers.id, provisionRecords.customerId))
    .where(and(...where))
    .orderBy(desc(provisionRecords.lastProvidedOn), desc(provisionRecords.createdAt));
  return (q.limit ? rows.limit(q.limit) : rows).all().map(({ r, name }) => toProvisionView(r, name));
}

export function listProvisions({ ctx, query }: { ctx: Ctx; query: ListProvisions }): ProvisionRecord[] {
  requireRole(ctx.actor, ['compliance']);
  return queryProvisions(ctx.db, query);
}

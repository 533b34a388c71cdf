// Reading a suspicion report (store-scoped: staff see their own stores' reports only).
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { blocks, policeSuspicionReports } from '../../db/schema/index.js';
import { type Ctx, canSeeStore, requireRole } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import type { SuspicionReport } from './schemas.js';

export type ReportRow = typeof policeSuspicionReports.$inferSelect;

export function getReportRow(db: Db | Tx, ctx: Ctx, id: string): ReportRow {
  const r = db.select().from(policeSuspicionReports).where(eq(policeSuspicionReports.id, id)).get();
  if (!r || !canSeeStore(ctx.actor, r.storeId)) throw new NotFoundError('Suspicion report');
  return r;
}

export function getReport(db: Db | Tx, ctx: Ctx, id: string): SuspicionReport {
  const r = getReportRow(db, ctx, id);
  const b = db.select({ reason: blocks.reason }).from(blocks).where(eq(blocks.id, r.blockId)).get();
  return { ...r, reason: b?.reason ?? null };
}

export function readReport({ ctx, id }: { ctx: Ctx; id: string }): SuspicionReport {
  requireRole(ctx.actor, ['staff', 'compliance', 'admin']);
  return getReport(ctx.db, ctx, id);
}

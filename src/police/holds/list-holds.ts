// The list of holds (default: those in force today), soonest end first.
import { asc } from 'drizzle-orm';
import { policeHolds } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { COMPLIANCE_READERS, todayTokyo } from '../internal.js';
import { holdViews } from './hold-view.js';
import type { Hold } from './schemas.js';

export function listHolds({ ctx, status }: { ctx: Ctx; status: 'active' | 'expired' | 'released' | 'all' }): Hold[] {
  requireRole(ctx.actor, COMPLIANCE_READERS);
  const today = todayTokyo(ctx);
  const rows = ctx.db.select().from(policeHolds).orderBy(asc(policeHolds.endDate), asc(policeHolds.id)).all();
  const views = holdViews(ctx.db, rows, today);
  return status === 'all' ? views : views.filter((h) => h.status === status);
}

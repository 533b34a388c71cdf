// The purge run log, newest first: when it ran, how it was started and what it did (counts only).
import { desc } from 'drizzle-orm';
import { privacyPurgeRuns } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { PURGE_ROLES } from './run-purge.js';

export function listPurgeRuns({ ctx }: { ctx: Ctx }) {
  requireRole(ctx.actor, PURGE_ROLES);
  return ctx.db
    .select()
    .from(privacyPurgeRuns)
    .orderBy(desc(privacyPurgeRuns.startedAt))
    .limit(100)
    .all()
    .map((r) => ({ id: r.id, trigger: r.trigger, status: r.status, asOf: r.asOf, counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : null, errorCode: r.errorCode, startedAt: r.startedAt, finishedAt: r.finishedAt }));
}

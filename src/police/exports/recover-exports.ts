// At start: a packet job that was queued or running when the process stopped will never finish.
// It is marked failed ('interrupted', audited) so compliance sees it and asks for a new one.
import { eq, inArray } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeExports } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';

export function recoverExports(ctx: Ctx): number {
  return writeTx(ctx.db, (tx) => {
    const stuck = tx.select().from(policeExports).where(inArray(policeExports.status, ['queued', 'running'])).all();
    for (const e of stuck) {
      tx.update(policeExports).set({ status: 'failed', errorCode: 'interrupted', finishedAt: nowIso(ctx) }).where(eq(policeExports.id, e.id)).run();
      emitAudit(tx, ctx, { action: 'police_export.fail', details: { inquiryId: e.inquiryId, errorCode: 'interrupted' } }, { entityType: 'police_export', entityId: e.id });
    }
    return stuck.length;
  });
}

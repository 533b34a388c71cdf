// Completes the police-report task of a suspected 不正品 (古物営業法15条3項: the dealer who
// suspects stolen goods must tell a police officer at once; DOMAIN rule 36): when, to whom, how
// and what. The task's block is resolved as 'reported' in the same transaction, which lets the
// trade-in be completed. Counter staff may do it: they are the ones who call.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { blocks, policeSuspicionReports } from '../../db/schema/index.js';
import { type Ctx, canSeeStore, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { REPORTERS } from '../internal.js';
import type { CompleteReport, SuspicionReport } from './schemas.js';
import { getReport } from './get-report.js';

export function completeReport({ ctx, input }: { ctx: Ctx; input: CompleteReport }): SuspicionReport {
  requireRole(ctx.actor, REPORTERS);
  assertNoMyNumber(input);
  if (Date.parse(input.reportedAt) > ctx.clock.now().getTime()) {
    throw new ValidationError('reported_in_future', 'The report time cannot be in the future.', [{ path: 'body.reportedAt', code: 'in_future', message: 'not after now' }]);
  }
  return writeTx(ctx.db, (tx) => {
    const b = tx.select().from(blocks).where(eq(blocks.id, input.blockId)).get();
    if (!b || !canSeeStore(ctx.actor, b.storeId)) throw new NotFoundError('Block');
    if (b.kind !== 'suspicion_report' || !b.tradeinId) throw new ValidationError('not_a_report_task', 'This block is not a suspicion report task.', [{ path: 'body.blockId', code: 'wrong_kind', message: 'a suspicion_report block is expected' }]);
    if (b.status !== 'open') throw new ConflictError('report_task_resolved', 'This report task is already resolved.');
    const at = nowIso(ctx);
    const id = newId();
    tx.insert(policeSuspicionReports)
      .values({ id, blockId: b.id, tradeinId: b.tradeinId, storeId: b.storeId, reportedAt: new Date(input.reportedAt).toISOString(), station: input.station, officerName: input.officerName, channel: input.channel, summary: input.summary, createdBy: ctx.actor.userId, createdAt: at })
      .run();
    tx.update(blocks).set({ status: 'resolved', resolution: 'reported', resolutionNote: `police_suspicion_report:${id}`, resolvedAt: at, resolvedBy: ctx.actor.userId }).where(eq(blocks.id, b.id)).run();
    emitAudit(tx, ctx, { action: 'block.resolve', details: { kind: 'suspicion_report', resolution: 'reported' } }, { entityType: 'block', entityId: b.id, storeId: b.storeId });
    emitAudit(tx, ctx, { action: 'police_suspicion_report.create', details: { blockId: b.id, tradeinId: b.tradeinId, channel: input.channel } }, { entityType: 'police_suspicion_report', entityId: id, storeId: b.storeId });
    return getReport(tx, ctx, id);
  });
}

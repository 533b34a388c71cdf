// A hold ends on its end date by itself, or earlier when the police lift it (解除). Only
// compliance records a release, with the day and a note of the order; the block is resolved as
// 'released' so the item can be sold again.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { blocks, policeHolds } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { COMPLIANCE, todayTokyo } from '../internal.js';
import { holdViews } from './hold-view.js';
import type { Hold, ReleaseHold } from './schemas.js';

export function releaseHold({ ctx, id, input }: { ctx: Ctx; id: string; input: ReleaseHold }): Hold {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  const today = todayTokyo(ctx);
  if (input.releasedOn > today) throw new ValidationError('released_in_future', 'The release date is in the future.', [{ path: 'body.releasedOn', code: 'in_future', message: 'not after today' }]);
  return writeTx(ctx.db, (tx) => {
    const h = tx.select().from(policeHolds).where(eq(policeHolds.id, id)).get();
    if (!h) throw new NotFoundError('Hold');
    if (input.releasedOn < h.orderDate) throw new ValidationError('released_before_order', 'The release date is before the order date.', [{ path: 'body.releasedOn', code: 'before_order', message: 'not before the order date' }]);
    const b = tx.select().from(blocks).where(eq(blocks.id, h.blockId)).get();
    if (b?.status !== 'open') throw new ConflictError('hold_released', 'This hold is already released.');
    tx.update(blocks).set({ status: 'resolved', resolution: 'released', resolutionNote: `${input.releasedOn} ${input.note}`, resolvedAt: nowIso(ctx), resolvedBy: ctx.actor.userId }).where(eq(blocks.id, b.id)).run();
    emitAudit(tx, ctx, { action: 'block.resolve', details: { kind: 'hold_order', resolution: 'released' } }, { entityType: 'block', entityId: b.id, storeId: b.storeId });
    emitAudit(tx, ctx, { action: 'police_hold.release', details: { itemId: h.itemId, releasedOn: input.releasedOn } }, { entityType: 'police_hold', entityId: h.id, storeId: h.storeId });
    return holdViews(tx, [h], today)[0]!;
  });
}

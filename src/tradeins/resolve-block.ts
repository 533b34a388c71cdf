// Closes an open block. A suspicion report task is closed by reporting it to the police
// ('reported') or by a written justification ('justified'); police holds and 品触れ matches (#6)
// use 'released' and 'false_positive'. A justification or false positive needs a note.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { blocks } from '../db/schema/index.js';
import { type Ctx, canSeeStore, nowIso, requireRole } from '../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';

const ALLOWED: Record<string, string[]> = {
  suspicion_report: ['reported', 'justified'],
  hold_order: ['released'],
  notice_match: ['reported', 'false_positive'],
};

export function resolveBlock({ ctx, id, resolution, note }: { ctx: Ctx; id: string; resolution: string; note?: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  assertNoMyNumber(note, 'note');
  return writeTx(ctx.db, (tx) => {
    const b = tx.select().from(blocks).where(eq(blocks.id, id)).get();
    if (!b || !canSeeStore(ctx.actor, b.storeId)) throw new NotFoundError('Block');
    if (b.status !== 'open') throw new ConflictError('block_resolved', 'This block is already resolved.');
    if (!ALLOWED[b.kind]?.includes(resolution)) {
      throw new ValidationError('bad_resolution', `A ${b.kind} cannot be resolved as ${resolution}.`, [{ path: 'body.resolution', code: 'invalid', message: `one of ${ALLOWED[b.kind]?.join(', ')}` }]);
    }
    if ((resolution === 'justified' || resolution === 'false_positive') && !note) {
      throw new ValidationError('note_required', 'A justification needs a note.', [{ path: 'body.note', code: 'required', message: 'required for this resolution' }]);
    }
    // A police hold ends only by the police's order or its end date (古物営業法21条); staff cannot lift it.
    if (b.kind === 'hold_order' && ctx.actor.role === 'staff') throw new ConflictError('hold_needs_compliance', 'Only compliance may record the release of a hold order.');
    const resolvedAt = nowIso(ctx);
    tx.update(blocks).set({ status: 'resolved', resolution, resolutionNote: note ?? null, resolvedAt, resolvedBy: ctx.actor.userId }).where(eq(blocks.id, id)).run();
    emitAudit(tx, ctx, { action: 'block.resolve', details: { kind: b.kind, resolution } }, { entityType: 'block', entityId: id, storeId: b.storeId });
    const { storeId: _s, sourceId: _src, activeUntil: _a, createdBy: _c, resolvedBy: _r, ...view } = { ...b, status: 'resolved' as const, resolution, resolutionNote: note ?? null, resolvedAt };
    return view;
  });
}

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

// Police blocks carry facts this generic route does not take (the releasing order; the date,
// station and officer a match was reported to): they are closed through /police routes.
const ALLOWED: Record<string, string[]> = { suspicion_report: ['reported', 'justified'] };
const POLICE_ROUTE: Record<string, string> = {
  hold_order: 'POST /police/holds/:id/release',
  notice_match: 'POST /police/notice-matches/:id/resolve',
};

export function resolveBlock({ ctx, id, resolution, note }: { ctx: Ctx; id: string; resolution: string; note?: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  assertNoMyNumber(note, 'note');
  return writeTx(ctx.db, (tx) => {
    const b = tx.select().from(blocks).where(eq(blocks.id, id)).get();
    if (!b || !canSeeStore(ctx.actor, b.storeId)) throw new NotFoundError('Block');
    if (b.status !== 'open') throw new ConflictError('block_resolved', 'This block is already resolved.');
    if (POLICE_ROUTE[b.kind]) throw new ConflictError('use_police_route', `A ${b.kind} is resolved with ${POLICE_ROUTE[b.kind]}.`);
    if (!ALLOWED[b.kind]?.includes(resolution)) {
      throw new ValidationError('bad_resolution', `A ${b.kind} cannot be resolved as ${resolution}.`, [{ path: 'body.resolution', code: 'invalid', message: `one of ${ALLOWED[b.kind]?.join(', ')}` }]);
    }
    if ((resolution === 'justified' || resolution === 'false_positive') && !note) {
      throw new ValidationError('note_required', 'A justification needs a note.', [{ path: 'body.note', code: 'required', message: 'required for this resolution' }]);
    }
    const resolvedAt = nowIso(ctx);
    tx.update(blocks).set({ status: 'resolved', resolution, resolutionNote: note ?? null, resolvedAt, resolvedBy: ctx.actor.userId }).where(eq(blocks.id, id)).run();
    emitAudit(tx, ctx, { action: 'block.resolve', details: { kind: b.kind, resolution } }, { entityType: 'block', entityId: id, storeId: b.storeId });
    const { storeId: _s, sourceId: _src, activeUntil: _a, createdBy: _c, resolvedBy: _r, ...view } = { ...b, status: 'resolved' as const, resolution, resolutionNote: note ?? null, resolvedAt };
    return view;
  });
}

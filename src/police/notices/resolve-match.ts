// Compliance closes a 品触れ match task (DOMAIN rule 34): either the police were told (when, which
// station, which officer: 19条3項 requires it 直ちに) or the match is a false positive, with the
// reason written down. Only then does the item's notice_match block stop blocking its disposal.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { blocks, policeNoticeMatches } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { COMPLIANCE } from '../internal.js';
import { matchViews } from './notice-view.js';
import type { NoticeMatch, ResolveMatch } from './schemas.js';

export function resolveMatch({ ctx, id, input }: { ctx: Ctx; id: string; input: ResolveMatch }): NoticeMatch {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  if (input.outcome === 'reported' && Date.parse(input.reportedAt) > ctx.clock.now().getTime()) {
    throw new ValidationError('reported_in_future', 'The report time cannot be in the future.', [{ path: 'body.reportedAt', code: 'in_future', message: 'not after now' }]);
  }
  return writeTx(ctx.db, (tx) => {
    const m = tx.select().from(policeNoticeMatches).where(eq(policeNoticeMatches.id, id)).get();
    if (!m) throw new NotFoundError('Notice match');
    const b = tx.select().from(blocks).where(eq(blocks.id, m.blockId)).get();
    if (b?.status !== 'open') throw new ConflictError('match_resolved', 'This match task is already resolved.');
    const at = nowIso(ctx);
    const reported = input.outcome === 'reported' ? input : null;
    tx.update(policeNoticeMatches)
      .set({
        reportedAt: reported ? new Date(reported.reportedAt).toISOString() : null,
        reportedStation: reported?.station ?? null,
        reportedOfficer: reported?.officerName ?? null,
        falsePositiveReason: input.outcome === 'false_positive' ? input.reason : null,
      })
      .where(eq(policeNoticeMatches.id, id))
      .run();
    // The block note points at the match; the officer's name stays in the police tables only.
    tx.update(blocks).set({ status: 'resolved', resolution: input.outcome, resolutionNote: `police_notice_match:${id}`, resolvedAt: at, resolvedBy: ctx.actor.userId }).where(eq(blocks.id, b.id)).run();
    emitAudit(tx, ctx, { action: 'block.resolve', details: { kind: 'notice_match', resolution: input.outcome } }, { entityType: 'block', entityId: b.id, storeId: b.storeId });
    emitAudit(tx, ctx, { action: 'police_notice_match.resolve', details: { outcome: input.outcome } }, { entityType: 'police_notice_match', entityId: id, storeId: m.storeId });
    return matchViews(tx, [tx.select().from(policeNoticeMatches).where(eq(policeNoticeMatches.id, id)).get()!])[0]!;
  });
}

// Deleting a 品触れ. The Act makes the dealer keep it for six months from its arrival date (19条;
// DOMAIN rule 32): before activeUntil has passed, deletion is refused saying from when it is
// allowed. A notice whose match tasks are still open is refused too: the duty to notify arose
// while it was active and does not lapse with it. Match rows keep the notice number as history.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeNoticeItems, policeNoticeMatches, policeNotices } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { COMPLIANCE, todayTokyo } from '../internal.js';
import { deletableFrom, matchViews } from './notice-view.js';

export function deleteNotice({ ctx, id }: { ctx: Ctx; id: string }): { id: string; deleted: true } {
  requireRole(ctx.actor, COMPLIANCE);
  const today = todayTokyo(ctx);
  return writeTx(ctx.db, (tx) => {
    const row = tx.select().from(policeNotices).where(eq(policeNotices.id, id)).get();
    if (!row) throw new NotFoundError('Notice');
    if (today <= row.activeUntil) {
      throw new ConflictError('notice_retention', `古物営業法第19条: a 品触れ is kept for six months from its arrival date; this one until ${row.activeUntil}.`, {
        activeUntil: row.activeUntil,
        deletableFrom: deletableFrom(row),
      });
    }
    const open = matchViews(tx, tx.select().from(policeNoticeMatches).where(eq(policeNoticeMatches.noticeId, id)).all()).filter((m) => m.status === 'open');
    if (open.length) throw new ConflictError('notice_has_open_matches', 'Resolve the open match tasks of this notice first.', { openMatches: open.map((m) => m.id) });
    const items = tx.delete(policeNoticeItems).where(eq(policeNoticeItems.noticeId, id)).run().changes;
    tx.delete(policeNotices).where(eq(policeNotices.id, id)).run();
    emitAudit(tx, ctx, { action: 'police_notice.delete', details: { items, activeUntil: row.activeUntil } }, { entityType: 'police_notice', entityId: id });
    return { id, deleted: true as const };
  });
}

// Reading 品触れ: the list (active ones first by default) and one notice with its items and tasks.
import { asc, desc, eq, gte, lt } from 'drizzle-orm';
import { policeNotices } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { COMPLIANCE_READERS, todayTokyo } from '../internal.js';
import { deletableFrom, toNoticeView } from './notice-view.js';
import type { Notice } from './schemas.js';

export function getNotice({ ctx, id }: { ctx: Ctx; id: string }): Notice {
  requireRole(ctx.actor, COMPLIANCE_READERS);
  const row = ctx.db.select().from(policeNotices).where(eq(policeNotices.id, id)).get();
  if (!row) throw new NotFoundError('Notice');
  return toNoticeView(ctx.db, row, todayTokyo(ctx));
}

export function listNotices({ ctx, active }: { ctx: Ctx; active?: boolean }) {
  requireRole(ctx.actor, COMPLIANCE_READERS);
  const today = todayTokyo(ctx);
  const where = active === undefined ? undefined : active ? gte(policeNotices.activeUntil, today) : lt(policeNotices.activeUntil, today);
  const rows = ctx.db.select().from(policeNotices).where(where).orderBy(desc(policeNotices.arrivalDate), asc(policeNotices.noticeNumber)).all();
  const counts = ctx.db.$client.prepare(
    `SELECT (SELECT count(*) FROM police_notice_items WHERE notice_id = @id) AS items,
            (SELECT count(*) FROM police_notice_matches m JOIN blocks b ON b.id = m.block_id WHERE m.notice_id = @id AND b.status = 'open') AS openMatches`,
  );
  return rows.map((r) => {
    const c = counts.get({ id: r.id }) as { items: number; openMatches: number };
    return { id: r.id, issuingAgency: r.issuingAgency, noticeNumber: r.noticeNumber, kind: r.kind, arrivalDate: r.arrivalDate, activeUntil: r.activeUntil, active: today <= r.activeUntil, deletableFrom: deletableFrom(r), source: r.source, notes: r.notes, createdAt: r.createdAt, ...c };
  });
}


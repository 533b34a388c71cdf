// Reading inquiries: one with its matches and packets, or the list (newest received first).
import { desc, eq, ne } from 'drizzle-orm';
import { policeInquiries } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import type { Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function getInquiryView({ ctx, id }: { ctx: Ctx; id: string }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  return toInquiryView(ctx.db, getInquiry(ctx.db, id));
}

type Status = 'received' | 'searched' | 'approved' | 'exported' | 'closed' | 'open';

export function listInquiries({ ctx, status }: { ctx: Ctx; status?: Status }) {
  requireRole(ctx.actor, COMPLIANCE);
  const where = status === 'open' ? ne(policeInquiries.status, 'closed') : status ? eq(policeInquiries.status, status) : undefined;
  const rows = ctx.db.select().from(policeInquiries).where(where).orderBy(desc(policeInquiries.receivedDate), desc(policeInquiries.createdAt)).all();
  const counts = ctx.db.$client.prepare('SELECT count(*) AS matches, coalesce(sum(selected), 0) AS selected FROM police_inquiry_matches WHERE inquiry_id = ?');
  return rows.map(({ criteria: _c, closeNote: _n, updatedAt: _u, searchedBy: _s, closedBy: _cb, ...r }) => ({ ...r, ...(counts.get(r.id) as { matches: number; selected: number }) }));
}

// The compliance dashboard: what is waiting on whom, and for how long. Open 品触れ match tasks
// (notify the police 直ちに: age matters), holds in force with the days left, open 不正品 report
// tasks, and inquiries not yet closed. Ages are whole days in Asia/Tokyo.
import { z } from 'zod';
import { type Ctx, requireRole } from '../shared/context.js';
import { prepared } from '../db/prepared.js';
import { listHolds } from './holds/list-holds.js';
import { Hold } from './holds/schemas.js';
import { COMPLIANCE_READERS, daysBetween, todayTokyo } from './internal.js';
import { tokyoDate } from '../shared/japanese.js';

export const Dashboard = z.object({
  asOf: z.string(),
  noticeMatches: z.array(
    z.object({ id: z.string(), noticeId: z.string(), noticeNumber: z.string(), confidence: z.enum(['hit', 'review']), phase: z.enum(['holding', 'intake']), itemId: z.string(), tradeinId: z.string(), storeId: z.string(), createdAt: z.string(), ageDays: z.number().int() }),
  ),
  holds: z.array(Hold),
  reportTasks: z.array(z.object({ blockId: z.string(), tradeinId: z.string(), storeId: z.string(), reason: z.string().nullable(), createdAt: z.string(), ageDays: z.number().int() })),
  inquiries: z.array(z.object({ id: z.string(), referenceNumber: z.string(), agency: z.string(), legalBasis: z.string(), status: z.string(), receivedDate: z.string(), ageDays: z.number().int() })),
  activeNotices: z.number().int(),
});
export type Dashboard = z.infer<typeof Dashboard>;

const MATCHES = `SELECT m.id, m.notice_id AS noticeId, m.notice_number AS noticeNumber, m.confidence, m.phase, m.item_id AS itemId,
  m.tradein_id AS tradeinId, m.store_id AS storeId, m.created_at AS createdAt
FROM police_notice_matches m JOIN blocks b ON b.id = m.block_id WHERE b.status = 'open' ORDER BY m.created_at, m.id`;
const TASKS = `SELECT id AS blockId, tradein_id AS tradeinId, store_id AS storeId, reason, created_at AS createdAt
FROM blocks WHERE kind = 'suspicion_report' AND status = 'open' ORDER BY created_at, id`;
const INQUIRIES = `SELECT id, reference_number AS referenceNumber, agency, legal_basis AS legalBasis, status, received_date AS receivedDate
FROM police_inquiries WHERE status <> 'closed' ORDER BY received_date, id`;
const NOTICES = `SELECT count(*) AS n FROM police_notices WHERE active_until >= @today`;

export function getDashboard({ ctx }: { ctx: Ctx }): Dashboard {
  requireRole(ctx.actor, COMPLIANCE_READERS);
  const today = todayTokyo(ctx);
  const age = (at: string) => daysBetween(at.length === 10 ? at : tokyoDate(new Date(at)), today);
  type Without<T> = Omit<T, 'ageDays'>;
  const matches = prepared(ctx.db, MATCHES).all() as Without<Dashboard['noticeMatches'][number]>[];
  const tasks = prepared(ctx.db, TASKS).all() as Without<Dashboard['reportTasks'][number]>[];
  const inquiries = prepared(ctx.db, INQUIRIES).all() as Without<Dashboard['inquiries'][number]>[];
  return {
    asOf: today,
    noticeMatches: matches.map((m) => ({ ...m, ageDays: age(m.createdAt) })),
    holds: listHolds({ ctx, status: 'active' }),
    reportTasks: tasks.map((b) => ({ ...b, ageDays: age(b.createdAt) })),
    inquiries: inquiries.map((i) => ({ ...i, ageDays: age(i.receivedDate) })),
    activeNotices: (prepared(ctx.db, NOTICES).get({ today }) as { n: number }).n,
  };
}

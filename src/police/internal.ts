// Shared helpers for police work: who may do what, today's date in Tokyo, fetch-or-404 helpers
// and staff names for letters and packets.
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { policeInquiries, users } from '../db/schema/index.js';
import type { Clock } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { tokyoDate } from '../shared/japanese.js';

type Q = Db | Tx;

/** Inquiries, packets, notices and holds are compliance work: the police deal with the dealer, not the counter. */
export const COMPLIANCE = ['compliance'] as const;
export const COMPLIANCE_READERS = ['compliance', 'admin'] as const;
/** Counter staff make the 不正品 report themselves (古物営業法15条3項: 直ちに). */
export const REPORTERS = ['staff', 'compliance'] as const;

export type InquiryRow = typeof policeInquiries.$inferSelect;

/** The business date in Asia/Tokyo: notice windows and hold periods are calendar days in Japan. */
export function todayTokyo(ctx: { clock: Clock }): string {
  return tokyoDate(ctx.clock.now());
}

export function getInquiry(db: Q, id: string): InquiryRow {
  const row = db.select().from(policeInquiries).where(eq(policeInquiries.id, id)).get();
  if (!row) throw new NotFoundError('Inquiry');
  return row;
}

/** Staff names by id (users are never deleted, only deactivated, so every id resolves). */
export function userNames(db: Q, ids: (string | null | undefined)[]): Map<string, string> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted)).all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whole days from `from` to `to` (ISO dates or instants), for ages on the dashboard. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(from.length === 10 ? `${from}T00:00:00Z` : from);
  const b = Date.parse(to.length === 10 ? `${to}T00:00:00Z` : to);
  return Math.floor((b - a) / 86_400_000);
}

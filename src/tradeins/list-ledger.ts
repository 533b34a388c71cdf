// GET /ledger: one store's 古物台帳 for a period, in (date, item) order and cursor pages. A row is
// in the period when its recorded intake OR its recorded 払出し falls in [from, to] (both ends
// inclusive), so a sale recorded this month shows next to the purchase it closes.
import { getVisibleStore } from '../admin/internal.js';
import type { Db } from '../db/client.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { isIsoDate } from '../shared/japanese.js';
import { prepared } from '../db/prepared.js';
import { INTAKE_ORDER, ROW_COLUMNS, ROW_JOINS, type RawLedgerRow, toLedgerRow } from './ledger-rows.js';
import type { LedgerListQuery, LedgerPage } from './ledger-schemas.js';

/** Who reads a store's ledger: its staff, compliance and admin (staff of other stores get 404). */
export const LEDGER_READERS = ['staff', 'compliance', 'admin'] as const;

interface RowKey {
  date: string;
  itemId: string;
  disposalId: string;
}

// Rows recorded at intake in the period. Driven by tradeins_store_date: SQLite walks the index in
// date order and only sorts items within a date, so a page stops early even on a 3-year period.
const INTAKE_SQL = `SELECT ${ROW_COLUMNS}, t.business_date AS sortDate
FROM tradeins t
JOIN tradein_items i ON i.tradein_id = t.id
LEFT JOIN disposals d ON d.item_id = i.id AND d.ledger_required = 1
${ROW_JOINS}
WHERE t.store_id = @storeId AND t.business_date BETWEEN @from AND @to AND t.business_date >= @afterDate
  AND t.status = 'completed' AND t.ledger_required = 1
  AND (t.business_date, i.id, coalesce(d.id, '')) > (@afterDate, @afterItem, @afterDisposal)
${INTAKE_ORDER} LIMIT @limit`;

// The rest are in the period only through their 払出し. Both are driven by disposals_store_date.
const BY_DISPOSAL = `FROM disposals d
JOIN tradein_items i ON i.id = d.item_id
JOIN tradeins t ON t.id = i.tradein_id
${ROW_JOINS}
WHERE d.store_id = @storeId AND d.ledger_required = 1 AND t.status = 'completed'`;

// Recorded at intake before the period, sold in it: their row sorts by its intake date, so all of
// them come before every row of the period. Needed only until the cursor passes `from`.
const EARLIER_INTAKE_SQL = `SELECT ${ROW_COLUMNS}, t.business_date AS sortDate
${BY_DISPOSAL} AND d.business_date BETWEEN @from AND @to AND t.ledger_required = 1 AND t.business_date < @from
  AND (t.business_date, i.id, d.id) > (@afterDate, @afterItem, @afterDisposal)
ORDER BY t.business_date, i.id, d.id LIMIT @limit`;

// Only the 払出し had to be recorded (a watch bought under ¥10,000 and sold for more; 施行規則18条):
// the row sorts by its disposal date. @until is the last date the page can reach, so a page of
// a 3-year period scans the disposals of a few days, not of three years.
const DISPOSAL_ONLY_SQL = `SELECT ${ROW_COLUMNS}, d.business_date AS sortDate
${BY_DISPOSAL} AND d.business_date BETWEEN @from AND @until AND d.business_date >= @afterDate AND t.ledger_required = 0
  AND (d.business_date, i.id, d.id) > (@afterDate, @afterItem, @afterDisposal)
ORDER BY d.business_date, i.id, d.id LIMIT @limit`;

export const PERIOD_SQL = { intake: INTAKE_SQL, earlierIntake: EARLIER_INTAKE_SQL, disposalOnly: DISPOSAL_ONLY_SQL } as const;

const keyOf = (r: RawLedgerRow): RowKey => ({ date: r.sortDate, itemId: r.itemId, disposalId: r.disposalId ?? '' });

function compareKeys(a: RowKey, b: RowKey): number {
  // Plain code-unit comparison: dates and ids are ASCII, so it matches SQLite's BINARY collation.
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.itemId !== b.itemId) return a.itemId < b.itemId ? -1 : 1;
  return a.disposalId === b.disposalId ? 0 : a.disposalId < b.disposalId ? -1 : 1;
}

/** Rows of a store's period after `after`, in ledger order; `limit: null` loads them all (print). */
export function loadPeriodRows(
  db: Db,
  q: { storeId: string; from: string; to: string; after?: RowKey | null; limit: number | null },
): RawLedgerRow[] {
  const after = q.after ?? { date: '', itemId: '', disposalId: '' };
  const params = {
    storeId: q.storeId,
    from: q.from,
    to: q.to,
    afterDate: after.date,
    afterItem: after.itemId,
    afterDisposal: after.disposalId,
    limit: q.limit ?? -1,
  };
  const a = prepared(db, INTAKE_SQL).all(params) as RawLedgerRow[];
  // A full page of intake rows ends at its last date; no later 払出し-only row can enter the page.
  const until = q.limit !== null && a.length >= q.limit ? a[a.length - 1]!.sortDate : q.to;
  const earlier = after.date < q.from ? (prepared(db, EARLIER_INTAKE_SQL).all(params) as RawLedgerRow[]) : [];
  const only = prepared(db, DISPOSAL_ONLY_SQL).all({ ...params, until }) as RawLedgerRow[];
  if (earlier.length === 0 && only.length === 0) return a;
  const merged = [...earlier, ...a, ...only].sort((x, y) => compareKeys(keyOf(x), keyOf(y)));
  return q.limit === null ? merged : merged.slice(0, q.limit);
}

/** [from, to] must be real dates in order; verbs are also called without the route's schema. */
export function assertPeriod(from: string, to: string): void {
  const bad = (path: string) => new ValidationError('invalid_period', 'The period is not valid.', [{ path, code: 'invalid_date', message: 'YYYY-MM-DD expected' }]);
  if (!isIsoDate(from)) throw bad('querystring.from');
  if (!isIsoDate(to)) throw bad('querystring.to');
  if (from > to) {
    throw new ValidationError('invalid_period', 'The period ends before it starts.', [{ path: 'querystring.to', code: 'before_from', message: 'to must not be before from' }]);
  }
}

export function listLedger({ ctx, query }: { ctx: Ctx; query: LedgerListQuery }): LedgerPage {
  requireRole(ctx.actor, LEDGER_READERS);
  assertPeriod(query.from, query.to);
  getVisibleStore(ctx.db, ctx.actor, query.storeId);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = loadPeriodRows(ctx.db, { storeId: query.storeId, from: query.from, to: query.to, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(toLedgerRow), nextCursor: rows.length > query.limit && last ? encodeCursor(keyOf(last)) : null };
}

function encodeCursor(k: RowKey): string {
  return Buffer.from(JSON.stringify([k.date, k.itemId, k.disposalId])).toString('base64url');
}

function decodeCursor(cursor: string): RowKey {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string') || !isIsoDate(v[0])) {
    throw new ValidationError('bad_cursor', 'The cursor is not valid.', [{ path: 'querystring.cursor', code: 'invalid', message: 'bad cursor' }]);
  }
  return { date: v[0], itemId: v[1], disposalId: v[2] };
}

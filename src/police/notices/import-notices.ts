// Bulk import of 品触れ from CSV (layout: NOTICE-CSV.md). ALL OR NOTHING: one broken row and
// nothing is imported; the answer lists every broken row. A police circular is one document
// whose items must all be checked (19条3項): a partial import would silently leave stolen goods
// unchecked for six months, which is worse than asking someone to fix a line and retry.
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { writeTx } from '../../db/client.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { myNumberFields } from '../../shared/forbidden-numbers.js';
import { COMPLIANCE, todayTokyo } from '../internal.js';
import { toNoticeView } from './notice-view.js';
import { parseNoticeCsv } from './parse-notice-csv.js';
import { insertNotice, noticeIssues } from './register-notice.js';
import type { ImportResult } from './schemas.js';

export function importNotices({ ctx, csv }: { ctx: Ctx; csv: string }): ImportResult {
  requireRole(ctx.actor, COMPLIANCE);
  const today = todayTokyo(ctx);
  const parsed = parseNoticeCsv(csv);
  const issues = [...parsed.issues];
  parsed.notices.forEach((n, i) => {
    const row = `rows.${parsed.lines[i]}`;
    issues.push(...noticeIssues(n, today, row).map((x) => ({ ...x, path: `${row}.arrival_date` })));
    issues.push(...myNumberFields(n, row));
  });
  if (issues.length) {
    throw new ValidationError('csv_invalid', `The CSV has ${issues.length} problem(s); nothing was imported. Fix the listed rows and import the whole file again.`, issues, { imported: 0 });
  }
  try {
    return writeTx(ctx.db, (tx) => {
      const rows = parsed.notices.map((n) => insertNotice(tx, ctx, n, 'csv'));
      return { mode: 'all_or_nothing' as const, rows: parsed.rows, notices: rows.map((r) => toNoticeView(tx, r, today)) };
    });
  } catch (err) {
    // A notice already registered: the whole file rolled back, say which one.
    if (err instanceof ConflictError && err.code === 'notice_exists') {
      throw new ConflictError('notice_exists', `${err.message} Nothing was imported.`, { ...err.extra, imported: 0 });
    }
    throw err;
  }
}

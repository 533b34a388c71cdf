// GET /ledger/print: the 古物台帳 of a store for a period as a PDF. 法18条1項 requires electronic
// records to be printable at the 営業所 at once (「直ちに書面に表示」); DOMAIN rule 30 asks for any
// range up to the 3-year retention period. The print is a bulk read of personal data, so it is
// audited (ids, dates and a count; never a value) and the audit row commits before the PDF leaves.
import { getVisibleStore } from '../admin/internal.js';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { addYears } from '../shared/japanese.js';
import { renderLedgerPdfOnThread } from '../shared/pdf/ledger-thread.js';
import { toLedgerRow, toPdfEntry } from './ledger-rows.js';
import type { LedgerPrintQuery } from './ledger-schemas.js';
import { assertPeriod, LEDGER_READERS, loadPeriodRows } from './list-ledger.js';
import { RETENTION_YEARS } from './rules/retention.js';

export interface PrintedLedger {
  pdf: Buffer;
  filename: string;
  entries: number;
}

/**
 * The longest period: the retention period itself. A record made on D is kept through D + 3
 * years inclusive (民法140条・143条; rules/retention.ts), i.e. 3 years and 1 day of calendar days,
 * so `to` may be the 3rd anniversary of `from` and no later.
 */
export function assertPrintablePeriod(from: string, to: string): void {
  assertPeriod(from, to);
  if (to > addYears(from, RETENTION_YEARS)) {
    throw new ValidationError('period_too_long', `A printed ledger covers at most ${RETENTION_YEARS} years.`, [
      { path: 'querystring.to', code: 'too_big', message: `at most ${RETENTION_YEARS} years after from` },
    ]);
  }
}

export async function printLedger({ ctx, query }: { ctx: Ctx; query: LedgerPrintQuery }): Promise<PrintedLedger> {
  requireRole(ctx.actor, LEDGER_READERS);
  assertPrintablePeriod(query.from, query.to);
  const store = getVisibleStore(ctx.db, ctx.actor, query.storeId);
  const rows = loadPeriodRows(ctx.db, { storeId: store.id, from: query.from, to: query.to, limit: null });
  // Rendering is compute, on its own thread: it runs before the transaction, never inside it
  // (ARCHITECTURE rule 3), and never on the event loop's thread (ledger-thread.ts).
  const pdf = await renderLedgerPdfOnThread({
    store: { name: store.name, permitNumber: store.permitNumber, commission: store.commission },
    period: { from: query.from, to: query.to },
    printedAt: ctx.clock.now(),
    entries: rows.map((r) => toPdfEntry(toLedgerRow(r))),
  });
  writeTx(ctx.db, (tx) => {
    emitAudit(
      tx,
      ctx,
      { action: 'ledger.print', details: { storeId: store.id, from: query.from, to: query.to, entries: rows.length } },
      { entityType: 'ledger', entityId: store.id, storeId: store.id },
    );
  });
  return { pdf, filename: `ledger-${query.from}-${query.to}.pdf`, entries: rows.length };
}

// The printable 不正品申告記録 (templates/police-suspicion-report.json): what was reported, when,
// to whom and how, with the transaction, its items and the counterparty. A read of personal data
// for print, so audited; dated with the report's own record time for identical reprints.
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { getStore, getVisibleTradein, loadParts } from '../../tradeins/internal.js';
import { formatFeatures } from '../../tradeins/ledger-rows.js';
import { ITEM_CATEGORY_LABELS, type ItemCategory } from '../../tradeins/rules/index.js';
import { userNames } from '../internal.js';
import { renderReportPdf } from '../pdf/report-pdf.js';
import { getReport } from './get-report.js';

export async function printReport({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ pdf: Buffer; filename: string }> {
  requireRole(ctx.actor, ['staff', 'compliance']);
  const data = writeTx(ctx.db, (tx) => {
    const report = getReport(tx, ctx, id);
    // Same connection as tx: the trade-in helpers take the Db handle.
    const tradein = getVisibleTradein(ctx.db, ctx.actor, report.tradeinId);
    const items = loadParts(ctx.db, tradein.id).items;
    emitAudit(tx, ctx, { action: 'police_suspicion_report.print', details: { tradeinId: tradein.id } }, { entityType: 'police_suspicion_report', entityId: id, storeId: report.storeId });
    return { report, tradein, items, store: getStore(ctx.db, tradein.storeId) };
  });
  const names = userNames(ctx.db, [data.report.createdBy]);
  const pdf = await renderReportPdf({
    report: data.report,
    recordedBy: (data.report.createdBy && names.get(data.report.createdBy)) || null,
    store: data.store,
    tradein: data.tradein,
    items: data.items.map((i) => ({ lineNo: i.lineNo, category: ITEM_CATEGORY_LABELS[i.category as ItemCategory] ?? i.category, description: i.description, quantity: i.quantity, features: formatFeatures(i.features, { anonymized: data.tradein.anonymizedAt !== null }) })),
  });
  return { pdf, filename: `suspicion-report-${id.slice(0, 8)}.pdf` };
}

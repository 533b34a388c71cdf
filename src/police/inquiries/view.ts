// The inquiry as the API shows it: its fields and state, the ledger rows its criteria matched
// (selected or not) and the packets generated for it.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { policeExports } from '../../db/schema/index.js';
import { prepared } from '../../db/prepared.js';
import { INTAKE_ORDER, ROW_COLUMNS, ROW_JOINS, type RawLedgerRow, toLedgerRow } from '../../tradeins/ledger-rows.js';
import type { InquiryRow } from '../internal.js';
import type { Criteria, Export, Inquiry } from './schemas.js';

type ExportRow = typeof policeExports.$inferSelect;

const MATCHES_SQL = `SELECT ${ROW_COLUMNS}, t.business_date AS sortDate, m.matched_on AS matchedOn, m.selected AS selected
FROM police_inquiry_matches m
JOIN tradein_items i ON i.id = m.item_id
JOIN tradeins t ON t.id = i.tradein_id
LEFT JOIN disposals d ON d.item_id = i.id AND d.ledger_required = 1
${ROW_JOINS}
WHERE m.inquiry_id = @inquiryId
${INTAKE_ORDER}`;

export function exportView(e: ExportRow): Export {
  return {
    id: e.id,
    inquiryId: e.inquiryId,
    status: e.status,
    recordsTotal: e.recordsTotal,
    recordsDone: e.recordsDone,
    percent: e.status === 'done' ? 100 : e.percent,
    sha256: e.sha256,
    size: e.size,
    keyFingerprint: e.keyFingerprint,
    errorCode: e.errorCode,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    downloads: e.downloads,
  };
}

/** Pass ctx.db also inside a transaction: it is the same connection and sees the pending writes. */
export function toInquiryView(db: Db, row: InquiryRow): Inquiry {
  const raw = prepared(db, MATCHES_SQL).all({ inquiryId: row.id }) as (RawLedgerRow & { matchedOn: string; selected: number })[];
  const exports = db.select().from(policeExports).where(eq(policeExports.inquiryId, row.id)).orderBy(asc(policeExports.createdAt), asc(policeExports.id)).all();
  return {
    id: row.id,
    referenceNumber: row.referenceNumber,
    agency: row.agency,
    station: row.station,
    officerName: row.officerName,
    officerContact: row.officerContact,
    receivedDate: row.receivedDate,
    legalBasis: row.legalBasis,
    legalBasisText: row.legalBasisText,
    respondingStoreId: row.respondingStoreId,
    criteria: JSON.parse(row.criteria) as Criteria,
    notes: row.notes,
    status: row.status,
    outcome: row.outcome,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    searchedAt: row.searchedAt,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
    exportedAt: row.exportedAt,
    closedAt: row.closedAt,
    matches: raw.map((r) => ({ ...toLedgerRow(r), matchedOn: JSON.parse(r.matchedOn) as string[], selected: r.selected === 1 })),
    exports: exports.map(exportView),
  };
}

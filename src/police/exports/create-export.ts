// Asks for a packet for an approved inquiry (an unapproved one is refused: nothing leaves without
// the four-eyes approval, rule 38). Answers at once with the queued export; the packet is built
// by a job whose progress GET /police/exports/:id shows.
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeExports, policeInquiryMatches } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { Export } from '../inquiries/schemas.js';
import { exportView } from '../inquiries/view.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import { enqueue } from './jobs.js';
import { runExportProcess } from './run-export-process.js';

export function createExport({ ctx, inquiryId }: { ctx: Ctx; inquiryId: string }): Export {
  requireRole(ctx.actor, COMPLIANCE);
  const row = writeTx(ctx.db, (tx) => {
    const inquiry = getInquiry(tx, inquiryId);
    if (inquiry.status !== 'approved' && inquiry.status !== 'exported') {
      throw new ConflictError('inquiry_not_approved', 'Only an approved inquiry can be exported: a second person must approve the selected records first.', { inquiryStatus: inquiry.status });
    }
    const records = tx.select({ id: policeInquiryMatches.itemId }).from(policeInquiryMatches).where(and(eq(policeInquiryMatches.inquiryId, inquiryId), eq(policeInquiryMatches.selected, true))).all().length;
    const e = { id: newId(), inquiryId, status: 'queued' as const, recordsTotal: records, createdBy: ctx.actor.userId, createdAt: nowIso(ctx) };
    tx.insert(policeExports).values(e).run();
    emitAudit(tx, ctx, { action: 'police_export.create', details: { inquiryId, records } }, { entityType: 'police_export', entityId: e.id });
    return tx.select().from(policeExports).where(eq(policeExports.id, e.id)).get()!;
  });
  // In a process of its own (run-export-process.ts): the event loop keeps serving the counter.
  enqueue(ctx.db, async () => {
    await runExportProcess(ctx, row.id);
  });
  return exportView(row);
}

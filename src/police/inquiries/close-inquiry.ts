// Ends an inquiry: answered (a packet was provided), no_records (nothing matched), withdrawn by
// the police, or declined (e.g. a 捜査関係事項照会 the dealer chose not to answer, DOMAIN §2.2).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiries } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import type { CloseInquiry, Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function closeInquiry({ ctx, id, input }: { ctx: Ctx; id: string; input: CloseInquiry }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  return writeTx(ctx.db, (tx) => {
    const row = getInquiry(tx, id);
    if (row.status === 'closed') throw new ConflictError('inquiry_closed', 'This inquiry is already closed.');
    if (input.outcome === 'answered' && row.status !== 'exported') throw new ConflictError('not_exported', 'An inquiry is answered once its packet has been provided (downloaded).');
    if (input.outcome === 'no_records' && row.status !== 'received' && row.status !== 'searched') throw new ConflictError('records_approved', 'Records were approved for this inquiry; close it as answered or declined.');
    const now = nowIso(ctx);
    tx.update(policeInquiries).set({ status: 'closed', outcome: input.outcome, closeNote: input.note ?? null, closedAt: now, closedBy: ctx.actor.userId, updatedAt: now }).where(eq(policeInquiries.id, id)).run();
    emitAudit(tx, ctx, { action: 'police_inquiry.close', details: { outcome: input.outcome, from: row.status } }, { entityType: 'police_inquiry', entityId: id });
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

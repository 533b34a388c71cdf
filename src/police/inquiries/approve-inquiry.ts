// Four-eyes approval of a disclosure (DOMAIN §2.2, rule 38): a human other than the person who
// recorded the inquiry approves exactly the selected records. 捜査関係事項照会 carries no penalty
// for refusing and over-disclosure can create liability, so nothing leaves without this step.
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiries, policeInquiryMatches } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ForbiddenError } from '../../shared/errors.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import type { Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function approveInquiry({ ctx, id }: { ctx: Ctx; id: string }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  // The system actor is not a person: an approval needs a human.
  if (!ctx.actor.userId) throw new ForbiddenError('human_approval_required', 'A disclosure to the police must be approved by a person.');
  return writeTx(ctx.db, (tx) => {
    const row = getInquiry(tx, id);
    if (row.status !== 'searched') throw new ConflictError('inquiry_not_searched', row.status === 'received' ? 'Search the ledger and select the records first.' : `An inquiry that is ${row.status} cannot be approved.`);
    if (row.createdBy === ctx.actor.userId) {
      throw new ForbiddenError('four_eyes_required', 'The inquiry must be approved by someone other than the person who recorded it.');
    }
    const selected = tx.select({ itemId: policeInquiryMatches.itemId }).from(policeInquiryMatches).where(and(eq(policeInquiryMatches.inquiryId, id), eq(policeInquiryMatches.selected, true))).all().length;
    if (!selected) throw new ConflictError('nothing_selected', 'Select the records to disclose before approving.');
    const now = nowIso(ctx);
    tx.update(policeInquiries).set({ status: 'approved', approvedAt: now, approvedBy: ctx.actor.userId, updatedAt: now }).where(eq(policeInquiries.id, id)).run();
    emitAudit(tx, ctx, { action: 'police_inquiry.approve', details: { selected, createdBy: row.createdBy } }, { entityType: 'police_inquiry', entityId: id });
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

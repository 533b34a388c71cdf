// Runs the criteria against the ledger and keeps the matches for compliance to select from.
// Criteria that match nothing answer 422 (nothing is kept; the inquiry stays 'received'): the
// answer to the police is then a closure as no_records, not an empty packet.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiries, policeInquiryMatches } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, IncompleteError } from '../../shared/errors.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import { criteriaFields } from './create-inquiry.js';
import { matchCriteria } from './match-criteria.js';
import type { Criteria, Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function searchInquiry({ ctx, id }: { ctx: Ctx; id: string }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  return writeTx(ctx.db, (tx) => {
    const row = getInquiry(tx, id);
    if (row.status !== 'received' && row.status !== 'searched') throw new ConflictError('inquiry_locked', `An inquiry that is ${row.status} cannot be searched again.`);
    const criteria = JSON.parse(row.criteria) as Criteria;
    const found = matchCriteria(ctx.db, criteria);
    if (!found.length) {
      throw new IncompleteError('criteria_match_nothing', 'No ledger record matches these criteria. Check them, or close the inquiry as no_records.', [
        { path: 'criteria', code: 'no_match', message: 'nothing in the ledger matches' },
      ]);
    }
    tx.delete(policeInquiryMatches).where(eq(policeInquiryMatches.inquiryId, id)).run();
    for (const m of found) {
      tx.insert(policeInquiryMatches).values({ inquiryId: id, itemId: m.itemId, tradeinId: m.tradeinId, storeId: m.storeId, matchedOn: JSON.stringify(m.matchedOn), selected: false }).run();
    }
    const now = nowIso(ctx);
    tx.update(policeInquiries).set({ status: 'searched', searchedAt: now, searchedBy: ctx.actor.userId, updatedAt: now }).where(eq(policeInquiries.id, id)).run();
    // Reading the ledger for the police is a read of personal data: audited with a count only.
    emitAudit(tx, ctx, { action: 'police_inquiry.search', details: { matches: found.length, criteria: criteriaFields(criteria) } }, { entityType: 'police_inquiry', entityId: id });
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

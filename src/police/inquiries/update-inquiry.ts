// Corrects an inquiry before it is approved. Any change sends it back to 'received' and drops the
// matches: what is approved must be the result of the criteria as they now stand.
import { eq } from 'drizzle-orm';
import { assertStoresExist, getVisibleStore } from '../../admin/internal.js';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiries, policeInquiryMatches } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { COMPLIANCE, getInquiry, todayTokyo } from '../internal.js';
import { inquiryIssues } from './create-inquiry.js';
import type { Inquiry, UpdateInquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function updateInquiry({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdateInquiry }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  return writeTx(ctx.db, (tx) => {
    const row = getInquiry(tx, id);
    if (row.status !== 'received' && row.status !== 'searched') throw new ConflictError('inquiry_locked', `An inquiry that is ${row.status} can no longer be changed.`);
    const merged = { legalBasis: row.legalBasis, legalBasisText: row.legalBasisText ?? undefined, ...input };
    const issues = inquiryIssues(merged, todayTokyo(ctx));
    if (issues.length) throw new ValidationError('inquiry_invalid', 'The inquiry has invalid fields.', issues);
    if (input.respondingStoreId) getVisibleStore(tx, ctx.actor, input.respondingStoreId);
    if (input.criteria) assertStoresExist(tx, input.criteria.storeIds, 'body.criteria.storeIds');
    const { criteria, ...cols } = input;
    tx.update(policeInquiries)
      .set({ ...cols, ...(criteria ? { criteria: JSON.stringify(criteria) } : {}), status: 'received', searchedAt: null, searchedBy: null, updatedAt: nowIso(ctx) })
      .where(eq(policeInquiries.id, id))
      .run();
    tx.delete(policeInquiryMatches).where(eq(policeInquiryMatches.inquiryId, id)).run();
    emitAudit(tx, ctx, { action: 'police_inquiry.update', details: { fields: Object.keys(input).sort() } }, { entityType: 'police_inquiry', entityId: id });
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

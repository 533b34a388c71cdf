// Compliance chooses which matches go into the answer (minimal disclosure, rule 38): only rows
// the request really concerns. The selection is replaced as a whole and frozen by approval.
import { and, eq, inArray } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiryMatches } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { COMPLIANCE, getInquiry } from '../internal.js';
import type { Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function selectMatches({ ctx, id, itemIds }: { ctx: Ctx; id: string; itemIds: string[] }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  return writeTx(ctx.db, (tx) => {
    const row = getInquiry(tx, id);
    if (row.status !== 'searched') throw new ConflictError('inquiry_not_searched', row.status === 'received' ? 'Search the ledger first.' : `An inquiry that is ${row.status} can no longer be changed.`);
    const known = new Set(tx.select({ itemId: policeInquiryMatches.itemId }).from(policeInquiryMatches).where(eq(policeInquiryMatches.inquiryId, id)).all().map((m) => m.itemId));
    const unknown = itemIds.map((x, i) => [x, i] as const).filter(([x]) => !known.has(x));
    if (unknown.length) {
      throw new ValidationError('unknown_match', 'Only matches of this inquiry can be selected.', unknown.map(([, i]) => ({ path: `body.itemIds.${i}`, code: 'not_a_match', message: 'not among the matches' })));
    }
    const wanted = [...new Set(itemIds)];
    tx.update(policeInquiryMatches).set({ selected: false }).where(eq(policeInquiryMatches.inquiryId, id)).run();
    if (wanted.length) tx.update(policeInquiryMatches).set({ selected: true }).where(and(eq(policeInquiryMatches.inquiryId, id), inArray(policeInquiryMatches.itemId, wanted))).run();
    emitAudit(tx, ctx, { action: 'police_inquiry.select', details: { selected: wanted.length } }, { entityType: 'police_inquiry', entityId: id });
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

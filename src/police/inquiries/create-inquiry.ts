// Records a police inquiry as received (DOMAIN §2.2, rule 38): who asks (agency, station, officer,
// reference), on what legal basis, and exactly what (criteria). Compliance only. The criteria
// must name an identifier or a person: the answer is the minimum the request covers.
import { assertStoresExist, getVisibleStore } from '../../admin/internal.js';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeInquiries } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { type FieldIssue, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { COMPLIANCE, getInquiry, todayTokyo } from '../internal.js';
import { criteriaIssues } from './match-criteria.js';
import type { CreateInquiry, Criteria, Inquiry } from './schemas.js';
import { toInquiryView } from './view.js';

export function inquiryIssues(input: Partial<CreateInquiry>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = input.criteria ? criteriaIssues(input.criteria) : [];
  if (input.legalBasis === 'other' && !input.legalBasisText) issues.push({ path: 'body.legalBasisText', code: 'required', message: 'required when legalBasis is other' });
  if (input.receivedDate && input.receivedDate > today) issues.push({ path: 'body.receivedDate', code: 'in_future', message: 'not after today' });
  return issues;
}

/** Names of the criteria that are set, for the audit row (never their values). */
export function criteriaFields(c: Criteria): string[] {
  return Object.entries(c)
    .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== undefined))
    .map(([k]) => k)
    .sort();
}

export function createInquiry({ ctx, input }: { ctx: Ctx; input: CreateInquiry }): Inquiry {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  const issues = inquiryIssues(input, todayTokyo(ctx));
  if (issues.length) throw new ValidationError('inquiry_invalid', 'The inquiry has invalid fields.', issues);
  const id = newId();
  const now = nowIso(ctx);
  return writeTx(ctx.db, (tx) => {
    getVisibleStore(tx, ctx.actor, input.respondingStoreId);
    assertStoresExist(tx, input.criteria.storeIds, 'body.criteria.storeIds');
    tx.insert(policeInquiries)
      .values({
        id,
        referenceNumber: input.referenceNumber,
        agency: input.agency,
        station: input.station,
        officerName: input.officerName,
        officerContact: input.officerContact ?? null,
        receivedDate: input.receivedDate,
        legalBasis: input.legalBasis,
        legalBasisText: input.legalBasisText ?? null,
        respondingStoreId: input.respondingStoreId,
        criteria: JSON.stringify(input.criteria),
        notes: input.notes ?? null,
        status: 'received',
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    emitAudit(
      tx,
      ctx,
      { action: 'police_inquiry.create', details: { legalBasis: input.legalBasis, respondingStoreId: input.respondingStoreId, criteria: criteriaFields(input.criteria) } },
      { entityType: 'police_inquiry', entityId: id },
    );
    return toInquiryView(ctx.db, getInquiry(tx, id));
  });
}

// Receives a data-subject request (個人情報保護法 Arts. 32-35). Identity must have been confirmed
// (Art. 37(2) lets the business ask for it; disclosing to an impostor would itself be a leak), the
// fee is refused on anything but a disclosure or purpose notice (Art. 38), and the answer is due
// 14 days after receipt (Art. 39; DOMAIN rule 42). The subject is resolved here and kept
// internally: the answer is the same whether or not the person is a customer.
import { eq } from 'drizzle-orm';
import { getVisibleStore } from '../../admin/internal.js';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { privacyRequests, users } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { compareIso } from '../../shared/japanese.js';
import { INTAKE_ROLES, resolveSubject, toRequestView, today } from '../internal.js';
import { feeAllowed, requestDueDate } from '../rules/index.js';
import type { CreateRequest, PrivacyRequest } from '../schemas.js';

export function createRequest({ ctx, input }: { ctx: Ctx; input: CreateRequest }): PrivacyRequest {
  requireRole(ctx.actor, INTAKE_ROLES);
  // Free text only: a UUID can contain twelve digits that pass the My Number check digit.
  assertNoMyNumber({ subject: 'name' in input.subject ? input.subject : undefined, proxy: input.proxy, details: input.details });
  const { identity } = input;
  if (!identity) {
    throw new ValidationError('identity_confirmation_required', "Record how the requester's identity was confirmed (document type, by whom) before taking the request.", [
      { path: 'identity', code: 'required', message: 'identity confirmation is required' },
    ]);
  }
  if (input.fee && !feeAllowed(input.type)) {
    throw new ValidationError('fee_not_allowed', 'A fee may be charged only for a disclosure or a purpose notice (個人情報保護法38条1項).', [
      { path: 'fee', code: 'fee_not_allowed', message: `no fee for a ${input.type} request` },
    ]);
  }
  const day = today(ctx);
  if (compareIso(input.receivedDate, day) > 0) throw new ValidationError('received_in_future', 'The received date is in the future.', [{ path: 'receivedDate', code: 'in_future', message: 'must not be after today' }]);
  if (compareIso(identity.confirmedOn, day) > 0) throw new ValidationError('confirmed_in_future', 'The identity confirmation date is in the future.', [{ path: 'identity.confirmedOn', code: 'in_future', message: 'must not be after today' }]);
  return writeTx(ctx.db, (tx) => {
    getVisibleStore(tx, ctx.actor, input.storeId);
    const confirmedBy = identity.confirmedByUserId ?? ctx.actor.userId;
    if (identity.confirmedByUserId && !tx.select({ id: users.id }).from(users).where(eq(users.id, identity.confirmedByUserId)).get()) {
      throw new ValidationError('unknown_user', 'The user who confirmed the identity does not exist.', [{ path: 'identity.confirmedByUserId', code: 'unknown_user', message: 'no such user' }]);
    }
    const subjectIds = resolveSubject(tx, input.subject);
    const now = nowIso(ctx);
    const lookup = 'name' in input.subject ? input.subject : null;
    const row = {
      id: newId(),
      storeId: input.storeId,
      type: input.type,
      status: 'received' as const,
      outcome: null,
      receivedDate: input.receivedDate,
      dueDate: requestDueDate(input.receivedDate),
      subjectMode: lookup ? ('lookup' as const) : ('customer' as const),
      subjectCustomerId: 'customerId' in input.subject ? input.subject.customerId : null,
      subjectName: lookup?.name ?? null,
      subjectDateOfBirth: lookup?.dateOfBirth ?? null,
      subjectAddress: lookup?.address ?? null,
      subjectFound: subjectIds.length > 0,
      subjectCustomerIds: JSON.stringify(subjectIds),
      identityMethod: identity.method,
      identityDocumentType: identity.documentType,
      identityConfirmedBy: confirmedBy,
      identityConfirmedOn: identity.confirmedOn,
      proxyName: input.proxy?.name ?? null,
      proxyDocumentType: input.proxy?.documentType ?? null,
      proxyAuthorityDocument: input.proxy?.authorityDocument ?? null,
      fee: input.fee ?? null,
      deliveryMethod: input.deliveryMethod ?? null,
      details: input.details ?? null,
      result: null,
      reasonCode: null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      anonymizedAt: null,
    };
    tx.insert(privacyRequests).values(row).run();
    // Whether the subject was found stays out of the audit details too: the row holds it.
    emitAudit(tx, ctx, { action: 'privacy_request.create', details: { type: row.type, identityDocumentType: row.identityDocumentType, proxy: !!input.proxy, fee: !!row.fee, dueDate: row.dueDate } }, { entityType: 'privacy_request', entityId: row.id, storeId: row.storeId });
    return toRequestView(row, day);
  });
}

// Answers a request without a data operation: a purpose notice given (Art. 32(2)), a refusal on
// an Art. 33(2) ground or because the content is accurate (Art. 34), or a withdrawal. The reason
// is a code; Art. 36 asks the business to try to explain a refusal, which the letter does.
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { ANSWER_ROLES, closeRequestRow, emptyResult, getOpenRequest, parseResult, toRequestView, today } from '../internal.js';
import { REQUEST_TYPES } from '../rules/index.js';
import type { CloseRequest, PrivacyRequest } from '../schemas.js';

export function closeRequest({ ctx, id, input }: { ctx: Ctx; id: string; input: CloseRequest }): PrivacyRequest {
  requireRole(ctx.actor, ANSWER_ROLES);
  assertNoMyNumber({ note: input.note });
  if (input.outcome === 'refused' && !input.reasonCode) {
    throw new ValidationError('reason_required', 'A refusal needs its reason (個人情報保護法36条).', [{ path: 'reasonCode', code: 'required', message: 'required when refusing' }]);
  }
  return writeTx(ctx.db, (tx) => {
    const row = getOpenRequest(tx, ctx.actor, id, REQUEST_TYPES);
    // A purpose notice is the one type fulfilled by the letter alone; the others are fulfilled by
    // their own action (disclosure, correction, execute) so that the data operation is recorded.
    if (input.outcome === 'fulfilled' && row.type !== 'purpose_notice') {
      throw new ValidationError('use_request_action', `A ${row.type} request is fulfilled through its own action, not by closing it.`, [{ path: 'outcome', code: 'use_request_action', message: 'fulfil through the action for this type' }]);
    }
    const result = parseResult(row) ?? null;
    const notes = input.note ? [...(result?.notes ?? []), input.note] : (result?.notes ?? []);
    const next = closeRequestRow(tx, ctx, row, input.outcome, result || notes.length ? { ...emptyResult(), ...result, notes } : null, input.reasonCode ?? (input.outcome === 'fulfilled' ? 'purpose_notified' : null));
    emitAudit(tx, ctx, { action: 'privacy_request.close', details: { type: row.type, outcome: input.outcome, reasonCode: next.reasonCode } }, { entityType: 'privacy_request', entityId: row.id, storeId: row.storeId });
    return toRequestView(next, today(ctx));
  });
}

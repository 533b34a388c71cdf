// Data-subject requests (個人情報保護法 Arts. 32-39): which types exist, when each is due, which may
// carry a fee. Pure: the verbs and the table tests use the same functions.
import { addDays, compareIso } from '../../shared/japanese.js';

export const REQUEST_TYPES = ['purpose_notice', 'disclosure', 'correction', 'deletion', 'cessation_of_use', 'cessation_of_third_party_provision'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Requests answered by erasing, stopping or opting out (Art. 35). */
export const ERASURE_TYPES = ['deletion', 'cessation_of_use', 'cessation_of_third_party_provision'] as const satisfies readonly RequestType[];
export type ErasureType = (typeof ERASURE_TYPES)[number];

export function isErasureType(t: RequestType): t is ErasureType {
  return (ERASURE_TYPES as readonly string[]).includes(t);
}

/** Art. 38: a reasonable fee may be charged for a purpose notice (Art. 32(2)) or a disclosure (Art. 33(1)) only. */
export const FEE_ALLOWED: readonly RequestType[] = ['purpose_notice', 'disclosure'];

export function feeAllowed(type: RequestType): boolean {
  return FEE_ALLOWED.includes(type);
}

/**
 * Art. 39(1): the person may sue once two weeks have passed since the request reached the
 * business, so the answer is due on received + 14 days (DOMAIN rule 42).
 */
export const RESPONSE_DAYS = 14;

export function requestDueDate(receivedDate: string): string {
  return addDays(receivedDate, RESPONSE_DAYS);
}

/** Open after its due date. The due date itself is still in time. */
export function isOverdue(req: { status: string; dueDate: string }, today: string): boolean {
  return req.status !== 'closed' && compareIso(today, req.dueDate) > 0;
}

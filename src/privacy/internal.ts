// Fetch-or-404 helpers for privacy requests, subject resolution and the one request view.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { customers, privacyRequests } from '../db/schema/index.js';
import { type Actor, type Ctx, canSeeStore, nowIso } from '../shared/context.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { normalizeName, normalizeText, tokyoDate } from '../shared/japanese.js';
import { isOverdue, type RequestType } from './rules/index.js';
import { type PrivacyRequest, RequestResult } from './schemas.js';

type Q = Db | Tx;
export type RequestRow = typeof privacyRequests.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;

/** Who takes requests (at the counter or centrally) and who answers them. */
export const INTAKE_ROLES = ['staff', 'compliance'] as const;
export const ANSWER_ROLES = ['compliance'] as const;

export function today(ctx: Pick<Ctx, 'clock'>): string {
  return tokyoDate(ctx.clock.now());
}

/** A request received by a store the actor may see, or 404 (never revealing another store's). */
export function getVisibleRequest(db: Q, actor: Actor, id: string): RequestRow {
  const row = db.select().from(privacyRequests).where(eq(privacyRequests.id, id)).get();
  if (!row || !canSeeStore(actor, row.storeId)) throw new NotFoundError('Privacy request');
  return row;
}

/** An open request of one of `types`, or 409. */
export function getOpenRequest(db: Q, actor: Actor, id: string, types: readonly RequestType[]): RequestRow {
  const row = getVisibleRequest(db, actor, id);
  if (!types.includes(row.type)) throw new ConflictError('wrong_request_type', `This action does not answer a ${row.type} request.`, { type: row.type });
  if (row.status === 'closed') throw new ConflictError('request_closed', 'This request has already been answered.', { outcome: row.outcome });
  return row;
}

// Addresses differ in trivia: 丁目/番地/号 against hyphens, spaces, full-width digits.
export function addressKey(s: string): string {
  return normalizeText(s)
    .replace(/[\s\-‐－ー−]/gu, '')
    .replace(/(\d+)丁目(\d+)番地?(\d+)号?/gu, '$1$2$3')
    .replace(/(\d+)丁目/gu, '$1')
    .replace(/番地?|号/gu, '');
}

/**
 * The customer records that are the subject, across every store: the request is made to the
 * business, not to a counter. By id, or by name + date of birth + address all matching (a record
 * without an address is not matched: disclosing to a namesake would itself be a leak).
 */
export function resolveSubject(db: Q, subject: { customerId: string } | { name: string; dateOfBirth: string; address: string }): string[] {
  if ('customerId' in subject) {
    const row = db.select({ id: customers.id }).from(customers).where(and(eq(customers.id, subject.customerId), isNull(customers.anonymizedAt))).get();
    return row ? [row.id] : [];
  }
  const key = addressKey(subject.address);
  return db
    .select({ id: customers.id, address: customers.address })
    .from(customers)
    .where(and(eq(customers.nameNorm, normalizeName(subject.name)), eq(customers.dateOfBirth, subject.dateOfBirth), isNull(customers.anonymizedAt)))
    .all()
    .filter((c) => c.address != null && addressKey(c.address) === key)
    .map((c) => c.id);
}

export function subjectCustomers(db: Q, row: RequestRow): CustomerRow[] {
  const ids = JSON.parse(row.subjectCustomerIds) as string[];
  if (!ids.length) return [];
  return db.select().from(customers).where(inArray(customers.id, ids)).all();
}

export function emptyResult(): RequestResult {
  return { erased: [], stopped: [], refused: [], optOuts: [], corrected: [], disclosures: [], erasableFrom: null, notes: [] };
}

export function parseResult(row: RequestRow): RequestResult | null {
  return row.result ? RequestResult.parse(JSON.parse(row.result)) : null;
}

/** Closes a request with its outcome and result, inside the caller's transaction. */
export function closeRequestRow(tx: Tx, ctx: Ctx, row: RequestRow, outcome: NonNullable<RequestRow['outcome']>, result: RequestResult | null, reasonCode: string | null = null): RequestRow {
  const now = nowIso(ctx);
  const next = { ...row, status: 'closed' as const, outcome, result: result ? JSON.stringify(result) : row.result, reasonCode, closedAt: now, closedBy: ctx.actor.userId, updatedAt: now };
  tx.update(privacyRequests).set(next).where(eq(privacyRequests.id, row.id)).run();
  return next;
}

export function toRequestView(row: RequestRow, todayIso: string): PrivacyRequest {
  return {
    id: row.id,
    storeId: row.storeId,
    type: row.type,
    status: row.status,
    outcome: row.outcome,
    receivedDate: row.receivedDate,
    dueDate: row.dueDate,
    overdue: isOverdue(row, todayIso),
    subjectMode: row.subjectMode,
    identity: { method: row.identityMethod, documentType: row.identityDocumentType, confirmedBy: row.identityConfirmedBy, confirmedOn: row.identityConfirmedOn },
    proxy: row.proxyDocumentType ? { documentType: row.proxyDocumentType, authorityDocument: row.proxyAuthorityDocument ?? 'other' } : null,
    fee: row.fee,
    deliveryMethod: row.deliveryMethod,
    result: parseResult(row),
    reasonCode: row.reasonCode,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
  };
}

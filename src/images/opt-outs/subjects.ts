// The subject of an opt-out passed on by a member dealer: a customer, a trade-in, or a vehicle or
// device identifier (車台番号, plate, IMEI) matched normalised against the items on record. An
// opt-out for a subject that does not exist is refused (nothing is stored), as issue #5 asks.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { customers, optOuts, tradeinItems, tradeins } from '../../db/schema/index.js';
import { ValidationError } from '../../shared/errors.js';
import { normalizeIdentifier } from '../../shared/japanese.js';

export type SubjectType = 'customer' | 'tradein' | 'chassis_number' | 'plate' | 'imei';
export type OptOutRow = typeof optOuts.$inferSelect;

export interface ResolvedSubject {
  type: SubjectType;
  storeId: string;
  customerId: string | null;
  tradeinId: string | null;
  norm: string | null;
}

const notFound = () => new ValidationError('subject_not_found', 'No record matches this subject.', [{ path: 'subject.value', code: 'subject_not_found', message: 'no customer, trade-in or item matches' }]);

export function resolveSubject(tx: Tx, subject: { type: SubjectType; value: string }): ResolvedSubject {
  const base = { type: subject.type, customerId: null, tradeinId: null, norm: null };
  if (subject.type === 'customer') {
    const c = tx.select().from(customers).where(eq(customers.id, subject.value)).get();
    if (!c || c.anonymizedAt) throw notFound();
    return { ...base, storeId: c.storeId, customerId: c.id };
  }
  if (subject.type === 'tradein') {
    const t = tx.select().from(tradeins).where(eq(tradeins.id, subject.value)).get();
    if (!t || t.anonymizedAt) throw notFound();
    return { ...base, storeId: t.storeId, tradeinId: t.id };
  }
  const norm = normalizeIdentifier(subject.value);
  if (!norm) throw notFound();
  const col = subject.type === 'chassis_number' ? tradeinItems.chassisNorm : subject.type === 'plate' ? tradeinItems.plateNorm : tradeinItems.imeiNorm;
  const item = tx.select().from(tradeinItems).where(eq(col, norm)).orderBy(tradeinItems.id).get();
  if (!item) throw notFound();
  return { ...base, storeId: item.storeId, norm };
}

/** The active opt-out with the same subject and scope, if any (registering is idempotent). */
export function sameActive(tx: Tx, s: ResolvedSubject, scope: OptOutRow['scope']): OptOutRow | undefined {
  const key = s.customerId ? eq(optOuts.customerId, s.customerId) : s.tradeinId ? eq(optOuts.subjectTradeinId, s.tradeinId) : eq(optOuts.subjectNorm, s.norm ?? '');
  return tx.select().from(optOuts).where(and(eq(optOuts.subjectType, s.type), eq(optOuts.scope, scope), isNull(optOuts.revokedAt), key)).get();
}

export function toPhotoOptOutView(o: OptOutRow) {
  return {
    id: o.id,
    subjectType: o.subjectType,
    subject: o.customerId ?? o.subjectTradeinId ?? o.subjectNorm,
    scope: o.scope,
    source: o.source,
    receivedOn: o.receivedOn,
    dealerUserId: o.dealerUserId,
    note: o.note,
    registeredAt: o.registeredAt,
    registeredBy: o.registeredBy,
    revokedAt: o.revokedAt,
    revokedBy: o.revokedBy,
    revokedReceivedOn: o.revokedReceivedOn,
    revokeNote: o.revokeNote,
  };
}

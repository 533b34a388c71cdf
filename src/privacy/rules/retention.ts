// Why a piece of the subject's data cannot be erased yet, and from when it can. The ledger period
// itself lives in src/tradeins/rules/retention.ts (古物営業法18条1項; DOMAIN rules 28-29): this
// module only turns it into the refusal a data-subject request answers with (DOMAIN rule 43).
import { addDays, compareIso } from '../../shared/japanese.js';
import { isRetentionLocked, purgeableFrom, retentionLockedUntil } from '../../tradeins/rules/index.js';

export const LEDGER_RETENTION_REASON = '古物営業法第18条の保存義務';
export const PROVISION_RETENTION_REASON = '個人情報保護法第29条第2項の保存義務';

export type DataKind = 'tradein' | 'disposal' | 'id_document' | 'customer' | 'provision_record';

export interface Refusal {
  kind: DataKind;
  id: string;
  code: 'retention_locked';
  reason: string;
  article: string;
  rule: number;
  /** Last day the data must be kept. */
  retainedUntil: string;
  /** First day it can be erased (the same request then erases). */
  erasableFrom: string;
}

/** A ledger record (or evidence inheriting its lock) made on `recordDate`: refused while locked. */
export function ledgerRefusal(kind: DataKind, id: string, recordDate: string, today: string): Refusal | null {
  if (!isRetentionLocked(recordDate, today)) return null;
  return { kind, id, code: 'retention_locked', reason: LEDGER_RETENTION_REASON, article: '古物営業法18条1項', rule: 43, retainedUntil: retentionLockedUntil(recordDate), erasableFrom: purgeableFrom(recordDate) };
}

/** A provision record kept through `retainUntil` (PPC規則21条). */
export function provisionRefusal(id: string, retainUntil: string, today: string): Refusal | null {
  if (compareIso(today, retainUntil) > 0) return null;
  return { kind: 'provision_record', id, code: 'retention_locked', reason: PROVISION_RETENTION_REASON, article: '個人情報保護法29条2項・同施行規則21条', rule: 41, retainedUntil: retainUntil, erasableFrom: addDays(retainUntil, 1) };
}

/** A record that depends on others (the customer record) is kept until the latest of them may go. */
export function dependentRefusal(kind: DataKind, id: string, blockers: Refusal[]): Refusal | null {
  if (!blockers.length) return null;
  const last = blockers.reduce((a, b) => (compareIso(a.retainedUntil, b.retainedUntil) >= 0 ? a : b));
  return { ...last, kind, id };
}

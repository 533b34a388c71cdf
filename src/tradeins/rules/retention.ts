// 古物営業法18条1項: electronic ledger records are kept 3 years from the day each record was made.
// Civil Code Arts. 140 and 143 (the first day is not counted; the period ends on the day before the
// corresponding day) put the last retained day on the 3rd anniversary itself, so a record made on
// 2023-04-01 is locked through 2026-04-01 and purgeable from 2026-04-02 (DOMAIN rule 28). A record
// made on 29 Feb ends on 28 Feb (addYears clamps), matching Art. 143's last-day-of-month rule.
import { addDays, addYears, compareIso } from '../../shared/japanese.js';
import type { VerificationMethod } from './methods.js';
import { ART, type RuleReason } from './reasons.js';

export const RETENTION_YEARS = 3;

/** Last day on which the record must still be kept (inclusive). */
export function retentionLockedUntil(recordDateIso: string): string {
  return addYears(recordDateIso, RETENTION_YEARS);
}

/** First day on which deletion or anonymisation is allowed. */
export function purgeableFrom(recordDateIso: string): string {
  return addDays(retentionLockedUntil(recordDateIso), 1);
}

/** True while deletion must be refused, even on an APPI erasure request. */
export function isRetentionLocked(recordDateIso: string, todayIso: string): boolean {
  return compareIso(todayIso, retentionLockedUntil(recordDateIso)) <= 0;
}

export function retentionReason(recordDateIso: string): RuleReason {
  return {
    rule: 28,
    article: ART.act18_1,
    message: `古物営業法第18条の保存義務により${retentionLockedUntil(recordDateIso)}まで削除できません。`,
  };
}

/**
 * Rule 15(3) items 4, 5, 7 and 8 require the ID image/copy to be kept 「帳簿等…とともに」, so it
 * inherits its ledger record's lock (DOMAIN rule 29). Other evidence has no statutory period here.
 */
export const METHODS_WITH_LINKED_EVIDENCE: readonly VerificationMethod[] = ['RULE15_3_4', 'RULE15_3_5', 'RULE15_3_7', 'RULE15_3_8'];

export function linkedEvidenceRetention(
  method: VerificationMethod,
  ledgerRecordDateIso: string,
): { lockedUntil: string; purgeableFrom: string; reason: RuleReason } | null {
  if (!METHODS_WITH_LINKED_EVIDENCE.includes(method)) return null;
  return {
    lockedUntil: retentionLockedUntil(ledgerRecordDateIso),
    purgeableFrom: purgeableFrom(ledgerRecordDateIso),
    reason: { rule: 29, article: `${ART.act18_1}・${ART.rule15_3}`, message: '確認に用いた画像・写しは帳簿等の記録と同じ期間保存します。' },
  };
}

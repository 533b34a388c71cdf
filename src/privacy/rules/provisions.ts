// Third-party provision records (個人情報保護法 Art. 29; PPC規則 19-21条; DOMAIN rule 41). Pure.
import { addYears, compareIso } from '../../shared/japanese.js';

/**
 * Who received the data. Only `third_party` needs a record: a provision 法令に基づく (police,
 * Art. 27(1)(1)) and to a processor, a successor or a joint user (Art. 27(5)) is exempt from
 * Art. 29(1) by its proviso. Police provisions go to #6's internal log instead (DOMAIN rule 38).
 */
export const RECIPIENT_TYPES = ['third_party', 'police', 'processor', 'successor', 'joint_use'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export const RECORD_KINDS = ['individual', 'batch', 'contract_substitute'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RecordDecision {
  required: boolean;
  article: string;
  reason: string;
}

export function provisionRecordRequired(recipient: RecipientType): RecordDecision {
  switch (recipient) {
    case 'third_party':
      return { required: true, article: '個人情報保護法29条1項', reason: '第三者提供の記録が必要です。' };
    case 'police':
      return { required: false, article: '個人情報保護法27条1項1号・29条1項ただし書', reason: '法令に基づく提供は記録義務の対象外です（警察への提供は内部記録に残します）。' };
    case 'processor':
      return { required: false, article: '個人情報保護法27条5項1号・29条1項ただし書', reason: '委託に伴う提供は第三者提供に当たりません。' };
    case 'successor':
      return { required: false, article: '個人情報保護法27条5項2号・29条1項ただし書', reason: '事業の承継に伴う提供は第三者提供に当たりません。' };
    case 'joint_use':
      return { required: false, article: '個人情報保護法27条5項3号・29条1項ただし書', reason: '共同利用は第三者提供に当たりません。' };
  }
}

/**
 * Last day a record must be kept (PPC規則21条): 3 years from the record for a single provision,
 * 3 years from the last provision for a batch (一括) record, and 1 year from the last provision
 * for a contract or other document that stands in for the record. The same anniversary
 * arithmetic as the ledger (Civil Code Arts. 140, 143): kept through the anniversary itself.
 */
export function provisionRetainUntil(kind: RecordKind, recordedOn: string, lastProvidedOn: string): string {
  if (kind === 'contract_substitute') return addYears(lastProvidedOn, 1);
  if (kind === 'batch') return addYears(lastProvidedOn, 3);
  return addYears(recordedOn, 3);
}

export function isProvisionRetained(retainUntil: string, today: string): boolean {
  return compareIso(today, retainUntil) <= 0;
}

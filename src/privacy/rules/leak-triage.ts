// Leak triage (個人情報保護法26条; 同施行規則7条・8条; DOMAIN §2.4, rule 45). Pure and table-tested:
// given what leaked, how many people, the cause and the encryption, decide whether the PPC must
// be told and by when, and whether the people must be notified.
import { addDays } from '../../shared/japanese.js';

export const LEAK_CAUSES = ['intrusion', 'ransomware', 'web_skimming', 'insider_misuse', 'theft', 'misdelivery', 'loss', 'misconfiguration', 'other'] as const;
export type LeakCause = (typeof LEAK_CAUSES)[number];

export const DATA_CATEGORIES = [
  'name', 'address', 'date_of_birth', 'occupation', 'contact', 'transaction_history', 'id_image', 'id_document_number',
  'credit_card', 'bank_credentials', 'sensitive', 'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * 規則7条3号: a leak possibly done for an improper purpose. PPC 通則ガイドライン 3-5-3-1 gives
 * unauthorised access, ransomware, theft of documents or media and an employee taking data out
 * as examples; since 2024-04 also data being acquired (web skimming).
 */
export const IMPROPER_PURPOSE_CAUSES: readonly LeakCause[] = ['intrusion', 'ransomware', 'web_skimming', 'insider_misuse', 'theft'];

/** 規則7条2号: data whose misuse may cause financial loss. */
const FINANCIAL: readonly DataCategory[] = ['credit_card', 'bank_credentials'];

/** 規則7条4号: 「千人を超える」 — more than 1,000, so exactly 1,000 is not enough on its own (DOMAIN §7). */
export const COUNT_THRESHOLD = 1000;

export interface LeakFacts {
  discoveredOn: string;
  affectedCount: number;
  cause: LeakCause;
  dataCategories: DataCategory[];
  /** Encrypted to a high standard (e.g. AES-256 at rest) … */
  encryptedHighStandard: boolean;
  /** … unless the key leaked with it, when the encryption protects nothing. */
  keyCompromised: boolean;
  /** A ledger (帳簿等) was lost or destroyed: 古物営業法18条2項 (DOMAIN rule 31). */
  ledgerAffected: boolean;
}

export interface TriageReason {
  code: 'sensitive' | 'financial' | 'improper_purpose' | 'over_1000' | 'encrypted';
  article: string;
  message: string;
}

export interface Triage {
  reportable: boolean;
  reasons: TriageReason[];
  /** 速報: promptly, in practice 3-5 days after discovery (規則8条1項). */
  preliminaryTarget: string | null;
  preliminaryDue: string | null;
  /** 確報: 30 days, or 60 where an improper purpose is possible (規則8条2項). */
  finalDue: string | null;
  /** Art. 26(2): the affected people are told too. */
  notifyPersons: boolean;
  tasks: Array<'report_to_ppc' | 'notify_persons' | 'notify_police_act18_2'>;
}

export function triageLeak(f: LeakFacts): Triage {
  const reasons: TriageReason[] = [];
  const improper = IMPROPER_PURPOSE_CAUSES.includes(f.cause);
  if (f.dataCategories.includes('sensitive')) reasons.push({ code: 'sensitive', article: '個人情報保護法施行規則7条1号', message: '要配慮個人情報が含まれます。' });
  if (f.dataCategories.some((c) => FINANCIAL.includes(c))) reasons.push({ code: 'financial', article: '個人情報保護法施行規則7条2号', message: '財産的被害が生じるおそれがある個人データが含まれます。' });
  if (improper) reasons.push({ code: 'improper_purpose', article: '個人情報保護法施行規則7条3号', message: '不正の目的をもって行われたおそれがあります。' });
  if (f.affectedCount > COUNT_THRESHOLD) reasons.push({ code: 'over_1000', article: '個人情報保護法施行規則7条4号', message: '本人の数が千人を超えます。' });
  // 規則7条柱書: data protected by high-standard encryption (or equivalent) is excluded from every
  // category — but not when the key went with it.
  const shielded = f.encryptedHighStandard && !f.keyCompromised;
  const reportable = reasons.length > 0 && !shielded;
  const tasks: Triage['tasks'] = [];
  if (reportable) tasks.push('report_to_ppc', 'notify_persons');
  if (f.ledgerAffected) tasks.push('notify_police_act18_2');
  return {
    reportable,
    reasons: shielded && reasons.length ? [{ code: 'encrypted', article: '個人情報保護法施行規則7条柱書', message: '高度な暗号化等の措置が講じられているため報告対象外です。' }] : reasons,
    preliminaryTarget: reportable ? addDays(f.discoveredOn, 3) : null,
    preliminaryDue: reportable ? addDays(f.discoveredOn, 5) : null,
    finalDue: reportable ? addDays(f.discoveredOn, improper ? 60 : 30) : null,
    notifyPersons: reportable,
    tasks,
  };
}

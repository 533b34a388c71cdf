// Document-level checks that hold whatever the method: validity on the transaction date, the 2025
// end of 健康保険証, residence-card and My Number notes, and the 補完書類 six-month window.
import { addMonths, compareIso } from '../../shared/japanese.js';
import { DOCUMENTS, type DocumentType } from './methods.js';
import { ART } from './reasons.js';
import type { Findings } from './verification-findings.js';
import type { DocumentEvidence, VerificationInput } from './verification-input.js';

/** Paper/plastic 健康保険証 stayed valid at the latest until 2025-12-01 (DOMAIN 4, rule 53). */
export const HEALTH_INSURANCE_LAST_VALID_DAY = '2025-12-01';
/** Passports applied for from this date have no address field (DOMAIN 5.3, rule 23). */
export const PASSPORT_NO_ADDRESS_FROM = '2020-02-04';

export interface IndexedDocument extends DocumentEvidence {
  index: number;
}

/**
 * Rejects documents that were not valid on the transaction date. An expiry date equal to the
 * transaction date is still valid (DOMAIN rule 55); the day after it is not.
 */
export function checkDocuments(input: VerificationInput, f: Findings): void {
  const tx = input.context.transactionDate;
  input.documents.forEach((d, i) => {
    const info = DOCUMENTS[d.type];
    if (d.expiryDate && compareIso(d.expiryDate, tx) < 0) {
      const rule = d.type === 'RESIDENCE_CARD' ? 57 : 55;
      f.issue(`documents.${i}.expiryDate`, 'document_expired', rule, ART.rule15_1, `${info.label}の有効期限（${d.expiryDate}）が取引日より前のため使用できません。`);
    }
    if (d.type === 'HEALTH_INSURANCE_CARD') {
      if (compareIso(tx, HEALTH_INSURANCE_LAST_VALID_DAY) > 0) {
        const message = `紙・プラスチックの健康保険証は${HEALTH_INSURANCE_LAST_VALID_DAY}までに効力を失っています。`;
        if (input.context.tenant.rejectExpiredHealthInsurance) {
          f.issue(`documents.${i}.type`, 'health_insurance_card_expired', 53, ART.healthInsurance, message);
        } else {
          f.warn('health_insurance_card_expired', 53, ART.healthInsurance, `${message}店舗設定により警告のみとしています。`);
        }
      }
    }
    if (d.type === 'HEALTH_INSURANCE_CARD' || d.type === 'QUALIFICATION_CERTIFICATE') {
      f.warn('insurance_numbers_masked', 51, '健康保険法194条の2', '保険者番号・被保険者等記号・番号・QRコードは記録せず、画像ではマスキングしてください。');
    }
    if (d.type === 'RESIDENCE_CARD') {
      f.warn('residence_card_online_check_recommended', 57, ART.rule15_1, '出入国在留管理庁の「在留カード等番号失効情報照会」で有効性を確認し、結果を記録してください。');
    }
    if (d.type === 'MY_NUMBER_CARD') {
      f.warn('my_number_not_recorded', 58, '番号法15条・19条・20条', '個人番号カード（マイナ免許証を含む）として記録し、個人番号は記録しません。裏面は複写しないでください。');
    }
  });
}

export function indexed(input: VerificationInput): IndexedDocument[] {
  return input.documents.map((d, index) => ({ ...d, index }));
}

/** 身分証明書等 (一を限り発行されたもの, 規則15条1項). */
export const isIdentityDocument = (t: DocumentType): boolean => DOCUMENTS[t].issuedOnce;

/** Does this document, as presented, prove the current address? */
export function provesAddress(d: DocumentEvidence): boolean {
  const shows = DOCUMENTS[d.type].showsAddress;
  return shows === 'yes' || (shows === 'varies' && d.addressShown === true);
}

export type SupplementaryStatus = 'absent' | 'undated' | 'fresh' | 'stale' | 'after_receipt';

/**
 * First day a 補完書類 may be dated and still be accepted: 「送付を受ける日前六月以内」 read as
 * addMonths(received, -6), inclusive. Received 2026-04-10 → dated 2025-10-10 or later is accepted,
 * 2025-10-09 is rejected. Month ends clamp: received 2026-08-31 → from 2026-02-28.
 */
export function supplementaryAcceptedFrom(receivedIso: string): string {
  return addMonths(receivedIso, -6);
}

export function supplementaryStatus(input: VerificationInput): { status: SupplementaryStatus; date: string | null; received: string } {
  const doc = input.documents.find((d) => d.type === 'SUPPLEMENTARY_DOCUMENT');
  const date = input.supplementaryDocumentDate ?? doc?.issueDate ?? null;
  const received = input.supplementaryReceivedDate ?? input.context.transactionDate;
  if (!doc && !input.supplementaryDocumentDate) return { status: 'absent', date: null, received };
  if (!date) return { status: 'undated', date, received };
  if (compareIso(date, received) > 0) return { status: 'after_receipt', date, received };
  if (compareIso(date, supplementaryAcceptedFrom(received)) < 0) return { status: 'stale', date, received };
  return { status: 'fresh', date, received };
}

/** Why a passport alone does not prove the address (both eras need a second document). */
export function passportAddressMessage(d: DocumentEvidence): string {
  if (d.issueDate && compareIso(d.issueDate, PASSPORT_NO_ADDRESS_FROM) < 0) {
    return '旅券の住所欄は本人の自書で、住所の証明になりません。住所の記載がある別の書類又は補完書類を確認してください。';
  }
  return `${PASSPORT_NO_ADDRESS_FROM}以降に申請された旅券には住所欄がありません。住所の記載がある別の書類又は補完書類を確認してください。`;
}

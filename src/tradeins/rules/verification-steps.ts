// Building blocks shared by several verification methods: the 転送不要 mail, the same-name bank
// transfer, storing copies with the ledger record, and address proof for face-to-face checks.
import { normalizeKana, normalizeName } from '../../shared/japanese.js';
import { DOCUMENTS } from './methods.js';
import {
  type IndexedDocument,
  isIdentityDocument,
  passportAddressMessage,
  provesAddress,
  supplementaryStatus,
} from './verification-documents.js';
import type { Findings } from './verification-findings.js';
import type { VerificationInput } from './verification-input.js';

export interface MethodContext {
  input: VerificationInput;
  docs: IndexedDocument[];
  f: Findings;
  article: string;
}

/** 配達記録郵便物等で転送をしない取扱いをされるもの: sent, then arrival confirmed. */
export function forwardingMail(c: MethodContext, rule: number): void {
  const s = c.input.steps;
  if (s.forwardingProhibitedMailArrivedAt) return;
  if (s.forwardingProhibitedMailSentAt) {
    c.f.pending('confirm_forwarding_prohibited_mail_arrival', rule, c.article, '転送不要郵便の到達を確認してください。確認するまで取引を完了できません。');
  } else {
    c.f.pending('send_forwarding_prohibited_mail', rule, c.article, '書類に記載された住所へ転送不要の配達記録郵便物等を送付し、到達を確認してください。');
  }
}

/**
 * 規則15条3項6・7号: the price is paid only to an account whose holder is the person named on the
 * document. Names are compared after normalizeKana (bank kana) and normalizeName (spacing, width).
 */
export function sameNameTransfer(c: MethodContext): void {
  const payout = c.input.steps.payoutAccountName;
  const { counterpartyKanaName: kana, counterpartyName: name } = c.input.context;
  if (!payout) {
    c.f.pending('provide_payout_account', 19, c.article, '書類上の氏名と同じ名義の預貯金口座への振込みで代金を支払うことを約し、口座名義を記録してください。');
    return;
  }
  if (!kana && !name) {
    c.f.pending('enter_document_name', 19, c.article, '口座名義と照合するため、書類上の氏名（カナ）を入力してください。');
    return;
  }
  const matches =
    (kana !== undefined && normalizeKana(payout) === normalizeKana(kana)) ||
    (name !== undefined && (normalizeName(payout) === normalizeName(name) || normalizeKana(payout) === normalizeKana(name)));
  if (!matches) {
    c.f.issue('steps.payoutAccountName', 'payout_name_mismatch', 19, c.article, '振込先口座の名義が書類上の氏名と一致しません。この口座へは支払えません。');
  }
}

/** Copies received under items 4, 5 and 7 are kept with the ledger record (DOMAIN rule 29). */
export function storeCopies(c: MethodContext, docs: IndexedDocument[]): void {
  for (const d of docs) {
    if (!d.evidenceRef) {
      c.f.pending(`store_copy_${d.index}`, 29, c.article, `${DOCUMENTS[d.type].label}の写し（画像）を帳簿等の記録と共に保存してください。`);
    }
  }
}

/**
 * Face-to-face 身分証明書等 must prove address, name and age. A document without an address (a
 * passport, an insurance card without one) needs a second document or a 補完書類 (DOMAIN rule 23).
 */
export function addressProof(c: MethodContext, identity: IndexedDocument[]): void {
  if (identity.some(provesAddress)) return;
  if (c.docs.some((d) => DOCUMENTS[d.type].residentRecordEtc)) return;
  const supplementary = supplementaryStatus(c.input).status;
  if (supplementary === 'fresh') return;
  if (supplementary !== 'absent') {
    c.f.warn('supplementary_not_usable', 23, c.article, '補完書類は日付が無いか受領日前6月より古いため、住所の確認に使えません。');
  }
  const passport = identity.find((d) => d.type === 'PASSPORT');
  const message = passport
    ? passportAddressMessage(passport)
    : '提示された書類で現住所を確認できません。住所の記載を確認するか、住所の記載がある別の書類又は補完書類を確認してください。';
  c.f.pending('second_document', 23, c.article, message);
}

export const identityDocs = (c: MethodContext): IndexedDocument[] => c.docs.filter((d) => isIdentityDocument(d.type));
export const residentDocs = (c: MethodContext): IndexedDocument[] => c.docs.filter((d) => DOCUMENTS[d.type].residentRecordEtc);

/** Signed electronic record of address, name, occupation and age (法15条1項3号, 規則15条3項11・12号). */
export function signedPayload(c: MethodContext, rule: number): void {
  const v = c.input.steps.signedPayloadIncludesOccupation;
  if (v === false) {
    c.f.issue('steps.signedPayloadIncludesOccupation', 'signed_payload_missing_occupation', rule, c.article, '電子署名された記録に職業が含まれていません。住所・氏名・職業・年齢のすべてに署名が必要です。');
  } else if (v === undefined) {
    c.f.pending('receive_signed_record', rule, c.article, '住所・氏名・職業・年齢に電子署名された記録を受領してください。');
  }
}

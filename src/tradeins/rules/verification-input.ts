// The facts a verification is judged on. Also the HTTP body of the verification endpoint, so every
// field is optional where staff fill it in over several visits (mail sent, then arrived).
import { z } from 'zod';
import { DocumentType, VerificationMethod } from './methods.js';
import { IsoDate } from './reasons.js';

/** A date (YYYY-MM-DD) or an instant with offset (2026-04-01T10:00:00+09:00). */
const When = z.union([IsoDate, z.iso.datetime({ offset: true })]);

export const DocumentEvidence = z.object({
  type: DocumentType,
  expiryDate: IsoDate.optional(),
  issueDate: IsoDate.optional(),
  /** Captured with the dealer's own software (規則15条3項4号・8号), not a photo the customer sent. */
  photoCaptured: z.boolean().optional(),
  /** Id of the stored ID image/copy, kept with the ledger record (規則15条3項4・5・7・8号). */
  evidenceRef: z.string().min(1).optional(),
  /** For document types whose address field varies (健康保険証, 資格確認書, other photo IDs). */
  addressShown: z.boolean().optional(),
});
export type DocumentEvidence = z.infer<typeof DocumentEvidence>;

export const VerificationSteps = z.object({
  /** 転送不要の配達記録郵便物等 (規則15条3項4・5・7号). */
  forwardingProhibitedMailSentAt: When.optional(),
  forwardingProhibitedMailArrivedAt: When.optional(),
  /** 本人限定受取郵便物等 (規則15条3項2号). */
  restrictedDeliverySentAt: When.optional(),
  restrictedDeliveryConfirmedAt: When.optional(),
  /** 規則15条3項3号: the dealer promised to pay in cash by 本人限定受取郵便物等. */
  cashByRestrictedDeliveryPromised: z.boolean().optional(),
  /** Holder name of the account the price will be transferred to (規則15条3項6・7号). */
  payoutAccountName: z.string().trim().min(1).optional(),
  faceCaptured: z.boolean().optional(),
  icChipRead: z.boolean().optional(),
  /** Undefined = no signed record received yet (法15条1項3号, 規則15条3項11・12号). */
  signedPayloadIncludesOccupation: z.boolean().optional(),
  /** 法15条1項3号: the certifier is accredited under 電子署名法 4条1項 or 15条1項. */
  qualifiedSignatureVerified: z.boolean().optional(),
  /** 規則15条3項1号: a document stamped with the registered seal was received. */
  sealStampedDocument: z.boolean().optional(),
  /** 法15条1項2号: a declaration written and signed in front of staff was handed over. */
  signedDeclarationReceived: z.boolean().optional(),
  /** 規則15条3項10号: the name was written with a stylus on the dealer's screen in person. */
  stylusSignatureCaptured: z.boolean().optional(),
  /** 規則15条3項13号: identified by 識別符号 or another method hard to impersonate. */
  returningCustomerAuthenticated: z.boolean().optional(),
  /** スマホ用電子証明書の特定電磁的記録: never a 古物 method (DOMAIN rule 21). */
  smartphoneMyNumberUsed: z.boolean().optional(),
});
export type VerificationSteps = z.infer<typeof VerificationSteps>;

export const VerificationContext = z.object({
  transactionDate: IsoDate,
  /** Name as on the document, in kana and as written; compared with the payout account. */
  counterpartyKanaName: z.string().trim().min(1).optional(),
  counterpartyName: z.string().trim().min(1).optional(),
  tenant: z
    .object({
      /** 公的個人認証法17条4項の署名検証者 (required for 規則15条3項11号). */
      isSignatureVerifier: z.boolean().default(false),
      /** Paper/plastic 健康保険証 on or after 2025-12-02: reject (default) or only warn. */
      rejectExpiredHealthInsurance: z.boolean().default(true),
    })
    .prefault({}),
  /** A completed verification exists for this customer (規則15条3項13号). */
  priorCompletedVerification: z.boolean().default(false),
});
export type VerificationContext = z.infer<typeof VerificationContext>;

export const VerificationInput = z.object({
  method: VerificationMethod,
  documents: z.array(DocumentEvidence).default([]),
  /** Date printed or stamped on the 補完書類 (falls back to its document's issueDate). */
  supplementaryDocumentDate: IsoDate.optional(),
  /** Date the dealer received it (falls back to the transaction date). */
  supplementaryReceivedDate: IsoDate.optional(),
  steps: VerificationSteps.prefault({}),
  context: VerificationContext,
});
export type VerificationInput = z.infer<typeof VerificationInput>;

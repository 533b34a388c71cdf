// assessVerification: is the counterparty verified by a lawful method (古物営業法15条1項, 施行規則
// 15条)? Pure: judged on the facts given and the law on the transaction date. Status is the state of
// the evidence as submitted: 'rejected' = something must change (issues say what), 'pending' =
// lawful so far but steps remain (pendingSteps), 'verified' = complete.
import type { z } from 'zod';
import { DOCUMENTS, type DocumentType, METHODS, methodCategoryLabel, type VerificationMethod } from './methods.js';
import { ART, type RuleIssue } from './reasons.js';
import { checkDocuments, indexed, isIdentityDocument } from './verification-documents.js';
import { Findings, type PendingStep, type VerificationWarning } from './verification-findings.js';
import { VerificationInput } from './verification-input.js';
import { METHOD_CHECKS } from './verification-methods.js';

export type VerificationStatus = 'verified' | 'pending' | 'rejected';

export interface LedgerMethod {
  /** The method code, e.g. 'ACT15_1_1' (措置の区分). */
  category: VerificationMethod;
  /** Document type code, e.g. 'DRIVERS_LICENSE'; never a document number (DOMAIN rule 58). */
  documentType: DocumentType | null;
  /** As printed in the ledger, e.g. '古物営業法15条1項1号 / 運転免許証'. */
  label: string;
}

export interface VerificationAssessment {
  status: VerificationStatus;
  issues: RuleIssue[];
  pendingSteps: PendingStep[];
  warnings: VerificationWarning[];
  ledgerMethod: LedgerMethod;
}

/** Methods other than item 10 (in person) and 13 (returning customer) that work at a distance. */
const REMOTE_EVIDENCE_METHODS = new Set<VerificationMethod>([
  'RULE15_3_1', 'RULE15_3_2', 'RULE15_3_3', 'RULE15_3_4', 'RULE15_3_5', 'RULE15_3_6', 'RULE15_3_7',
  'RULE15_3_8', 'RULE15_3_9', 'RULE15_3_11', 'RULE15_3_12',
]);

/**
 * DOMAIN rule 15: "just send a copy of your licence" is not a lawful method. True when the only
 * evidence is 身分証明書等 images/copies the customer sent, and the dealer has taken none of the
 * steps that make a Rule 15(3) method (mail, transfer condition, own-software capture, IC read,
 * signature, seal).
 */
function copyOnly(input: VerificationInput): boolean {
  const s = input.steps;
  const dealerStep =
    s.forwardingProhibitedMailSentAt || s.forwardingProhibitedMailArrivedAt || s.restrictedDeliverySentAt ||
    s.restrictedDeliveryConfirmedAt || s.cashByRestrictedDeliveryPromised || s.payoutAccountName ||
    s.faceCaptured || s.icChipRead || s.sealStampedDocument || s.qualifiedSignatureVerified ||
    s.signedPayloadIncludesOccupation !== undefined;
  return (
    input.documents.length > 0 &&
    input.documents.every((d) => isIdentityDocument(d.type) && d.photoCaptured !== true) &&
    !dealerStep
  );
}

function ledgerMethodOf(input: VerificationInput): LedgerMethod {
  const doc =
    input.method === 'ACT15_1_1'
      ? input.documents.find((d) => isIdentityDocument(d.type))
      : (input.documents.find((d) => isIdentityDocument(d.type)) ?? input.documents.find((d) => d.type !== 'SUPPLEMENTARY_DOCUMENT'));
  const documentType = doc?.type ?? null;
  const base = `${methodCategoryLabel(input.method)} ${METHODS[input.method].label}`;
  const label =
    input.method === 'ACT15_1_1'
      ? `${ART.act15_1_1} / ${documentType ? DOCUMENTS[documentType].label : '（書類未記録）'}`
      : documentType ? `${base} / ${DOCUMENTS[documentType].label}` : base;
  return { category: input.method, documentType, label };
}

export function assessVerification(raw: z.input<typeof VerificationInput>): VerificationAssessment {
  const input = VerificationInput.parse(raw);
  const f = new Findings();
  const article = METHODS[input.method].article;

  // No Rule 15(3) item covers the smartphone My Number card's 特定電磁的記録 (DOMAIN rule 21).
  if (input.steps.smartphoneMyNumberUsed) {
    f.issue('steps.smartphoneMyNumberUsed', 'smartphone_my_number_not_accepted', 21, ART.rule15_3, 'スマートフォン搭載の個人番号カード機能（特定電磁的記録）は古物営業法の確認方法として使えません。');
  }
  checkDocuments(input, f);
  METHOD_CHECKS[input.method]({ input, docs: indexed(input), f, article });

  if (REMOTE_EVIDENCE_METHODS.has(input.method) && f.issues.length === 0 && f.pendingSteps.length > 0 && copyOnly(input)) {
    f.issue('method', 'copy_only_not_lawful', 15, ART.rule15_3, '身分証明書等の画像・写しの送付だけでは適法な非対面確認になりません。転送不要郵便、同名義口座への振込み、当社ソフトウェアでの撮影等、選んだ方法の措置が必要です。');
    f.pendingSteps.length = 0;
  }
  const status: VerificationStatus = f.issues.length > 0 ? 'rejected' : f.pendingSteps.length > 0 ? 'pending' : 'verified';
  return { status, issues: f.issues, pendingSteps: f.pendingSteps, warnings: f.warnings, ledgerMethod: ledgerMethodOf(input) };
}

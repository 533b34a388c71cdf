// What each verification method needs (古物営業法15条1項, 施行規則15条1-3項). A check adds blocking
// issues for evidence that cannot support the method, and pending steps for what is still to do.
import { DOCUMENTS, type VerificationMethod } from './methods.js';
import { supplementaryStatus } from './verification-documents.js';
import {
  addressProof,
  forwardingMail,
  identityDocs,
  type MethodContext,
  residentDocs,
  sameNameTransfer,
  signedPayload,
  storeCopies,
} from './verification-steps.js';

type MethodCheck = (c: MethodContext) => void;

/** 法15条1項1号: a 身分証明書等 is presented; the ledger stores 区分 + document type (rule 13). */
const presentedId: MethodCheck = (c) => {
  const ids = identityDocs(c);
  if (c.docs.length === 0) {
    c.f.issue('documents', 'document_type_required', 13, c.article, '提示を受けた身分証明書等の種類を記録してください。');
  } else if (ids.length === 0) {
    c.f.issue('documents', 'identity_document_required', 13, c.article, '住民票の写し等や補完書類は「一を限り発行された」身分証明書等ではありません。身分証明書等の提示を受けてください。');
  } else {
    addressProof(c, ids);
  }
};

/** 規則15条3項4号: 住民票の写し等, IC data of a 身分証明書等, or an ID image taken with our software. */
const item4: MethodCheck = (c) => {
  const ids = identityDocs(c);
  const viaResident = residentDocs(c).length > 0;
  const viaIc = c.input.steps.icChipRead === true && ids.some((d) => DOCUMENTS[d.type].icWithAddressAndPhoto);
  const captured = ids.filter((d) => d.photoCaptured === true && d.type !== 'PASSPORT');
  if (!viaResident && !viaIc && captured.length === 0) {
    const unusable = ids.find((d) => d.photoCaptured === true || c.input.steps.icChipRead === true);
    if (unusable) {
      const label = DOCUMENTS[unusable.type].label;
      const rule = unusable.type === 'PASSPORT' ? 23 : 15;
      c.f.issue(`documents.${unusable.index}.type`, 'document_lacks_address', rule, c.article, `${label}は住所を記録したICチップ・住所の記載がないため、4号のIC又は画像による確認に使えません。`);
    } else {
      c.f.pending('provide_item4_evidence', 15, c.article, '住民票の写し等の送付、身分証明書等のICチップ情報の読取り、又は当社ソフトウェアでの身分証明書等の撮影のいずれかが必要です。');
    }
  }
  if (!viaResident && !viaIc && captured.length > 0) storeCopies(c, captured);
  forwardingMail(c, 15);
};

/** 規則15条3項5号: two copies, or one copy + a 補完書類 dated within six months of receipt (rule 18). */
const item5: MethodCheck = (c) => {
  const copies = c.docs.filter((d) => DOCUMENTS[d.type].issuedOnce || DOCUMENTS[d.type].residentRecordEtc);
  const distinctTypes = new Set(copies.map((d) => d.type)).size;
  const supp = supplementaryStatus(c.input);
  const twoCopies = distinctTypes >= 2;
  if (supp.status === 'stale' || supp.status === 'after_receipt') {
    const message = supp.status === 'stale'
      ? `補完書類の日付（${supp.date}）が受領日（${supp.received}）前6月より古いため使用できません。`
      : `補完書類の日付（${supp.date}）が受領日（${supp.received}）より後です。`;
    const code = supp.status === 'stale' ? 'supplementary_document_too_old' : 'supplementary_date_after_receipt';
    if (twoCopies) c.f.warn(code, 18, c.article, message);
    else c.f.issue('supplementaryDocumentDate', code, 18, c.article, message);
  }
  if (!twoCopies) {
    if (copies.length === 0) {
      c.f.pending('receive_copies', 18, c.article, '身分証明書等又は住民票の写し等の写しを受領してください。');
    } else if (supp.status === 'absent') {
      c.f.pending('receive_second_copy', 18, c.article, '種類の異なる二つ目の書類の写し、又は受領日前6月以内の補完書類を受領してください。');
    } else if (supp.status === 'undated') {
      c.f.pending('enter_supplementary_date', 18, c.article, '補完書類の領収日付又は発行年月日を入力してください。');
    }
  }
  // The copies actually relied on are kept with the ledger record (DOMAIN rule 29).
  storeCopies(c, twoCopies ? copies : c.docs);
  forwardingMail(c, 18);
};

/** 規則15条3項8号: face + photo ID captured by our software; the ID image is stored (rules 16, 17). */
const item8: MethodCheck = (c) => {
  const ids = identityDocs(c);
  const photoIds = ids.filter((d) => DOCUMENTS[d.type].hasPhoto);
  if (c.docs.length > 0 && photoIds.length === 0) {
    const d = c.docs[0]!;
    c.f.issue(`documents.${d.index}.type`, 'photo_id_required', 17, c.article, `${DOCUMENTS[d.type].label}は写真付き身分証明書等ではないため、8号の確認に使えません。`);
    return;
  }
  const doc = photoIds.find((d) => d.photoCaptured === true) ?? photoIds[0];
  if (!doc) {
    c.f.pending('capture_photo_id', 16, c.article, '当社ソフトウェアで写真付き身分証明書等を撮影してください。');
  } else {
    const at = `documents.${doc.index}`;
    if (DOCUMENTS[doc.type].showsAddress === 'no') {
      c.f.issue(`${at}.type`, 'document_lacks_address', 17, c.article, `${DOCUMENTS[doc.type].label}は住所の記載がないため、8号の確認に使えません。`);
    } else if (DOCUMENTS[doc.type].showsAddress === 'varies' && doc.addressShown !== true) {
      c.f.pending('confirm_address_shown', 17, c.article, '撮影した身分証明書等に住所が記載されていることを確認してください。');
    }
    if (doc.photoCaptured !== true) {
      c.f.issue(`${at}.photoCaptured`, 'not_captured_with_dealer_software', 15, c.article, '身分証明書等の画像は当社ソフトウェアで撮影したものに限ります（送られてきた画像・写しは不可）。');
    } else if (!doc.evidenceRef) {
      c.f.issue(`${at}.evidenceRef`, 'id_image_not_stored', 16, c.article, '身分証明書等の画像を帳簿等の記録と共に保存していないため、この記録は無効です。');
    }
  }
  if (c.input.steps.faceCaptured !== true) {
    c.f.pending('capture_face', 16, c.article, '当社ソフトウェアで本人の容貌を撮影してください（容貌の画像は保存不要）。');
  }
};

/** 規則15条3項9号: face capture + IC data (address, name, DOB, photo) of a photo ID. */
const item9: MethodCheck = (c) => {
  const ids = identityDocs(c);
  const icDocs = ids.filter((d) => DOCUMENTS[d.type].icWithAddressAndPhoto);
  if (ids.length > 0 && icDocs.length === 0) {
    const d = ids[0]!;
    const rule = d.type === 'PASSPORT' ? 23 : 15;
    c.f.issue(`documents.${d.index}.type`, 'ic_document_unsuitable', rule, c.article, `${DOCUMENTS[d.type].label}のICチップには住所・写真の情報がないため、9号の確認に使えません。`);
  } else if (c.input.steps.icChipRead !== true) {
    c.f.pending('read_ic_chip', 15, c.article, '運転免許証・個人番号カード・在留カード等のICチップ情報を読み取ってください。');
  }
  if (c.input.steps.faceCaptured !== true) {
    c.f.pending('capture_face', 15, c.article, '当社ソフトウェアで本人の容貌を撮影してください。');
  }
};

const flag = (ok: boolean | undefined, c: MethodContext, step: string, rule: number, message: string): void => {
  if (ok !== true) c.f.pending(step, rule, c.article, message);
};

export const METHOD_CHECKS: Record<VerificationMethod, MethodCheck> = {
  ACT15_1_1: presentedId,
  ACT15_1_2: (c) => flag(c.input.steps.signedDeclarationReceived, c, 'receive_signed_declaration', 13, '面前で住所・氏名・職業・年齢を記載し署名した文書を受け取ってください。'),
  ACT15_1_3: (c) => {
    flag(c.input.steps.qualifiedSignatureVerified, c, 'verify_qualified_signature', 13, '電子署名法の認定認証事業者による証明を確認してください。');
    signedPayload(c, 14);
  },
  RULE15_3_1: (c) => {
    if (!c.docs.some((d) => d.type === 'SEAL_CERTIFICATE')) c.f.pending('receive_seal_certificate', 15, c.article, '印鑑登録証明書を受領してください。');
    flag(c.input.steps.sealStampedDocument, c, 'receive_seal_stamped_document', 15, '登録印を押印した書面を受領してください。');
  },
  RULE15_3_2: (c) => {
    const s = c.input.steps;
    if (s.restrictedDeliveryConfirmedAt) return;
    if (s.restrictedDeliverySentAt) c.f.pending('confirm_restricted_delivery', 15, c.article, '本人限定受取郵便物等の到達を確認してください。');
    else c.f.pending('send_restricted_delivery', 15, c.article, '本人限定受取郵便物等を送付してください。');
  },
  RULE15_3_3: (c) => flag(c.input.steps.cashByRestrictedDeliveryPromised, c, 'promise_cash_by_restricted_delivery', 15, '代金を本人限定受取郵便物等（現金）で支払うことを約してください。'),
  RULE15_3_4: item4,
  RULE15_3_5: item5,
  RULE15_3_6: (c) => {
    if (residentDocs(c).length === 0) c.f.pending('receive_resident_record', 19, c.article, '住民票の写し等を受領してください。');
    sameNameTransfer(c);
  },
  RULE15_3_7: (c) => {
    const ids = identityDocs(c);
    if (ids.length === 0) c.f.pending('receive_id_copy', 19, c.article, '身分証明書等の写しを受領してください。');
    else if (!ids.some((d) => DOCUMENTS[d.type].showsAddress !== 'no')) {
      c.f.issue('documents', 'document_lacks_address', 23, c.article, '住所の記載がない書類の写しでは7号の確認はできません。');
    }
    storeCopies(c, ids);
    forwardingMail(c, 15);
    sameNameTransfer(c);
  },
  RULE15_3_8: item8,
  RULE15_3_9: item9,
  RULE15_3_10: (c) => flag(c.input.steps.stylusSignatureCaptured, c, 'capture_stylus_signature', 13, '面前で器具を使い、画面に氏名を筆記してもらってください。'),
  RULE15_3_11: (c) => {
    if (!c.input.context.tenant.isSignatureVerifier) {
      c.f.issue('method', 'signature_verifier_required', 20, c.article, '公的個人認証による確認は、当社が公的個人認証法17条4項の署名検証者である場合に限り使えます。');
    }
    signedPayload(c, 20);
  },
  RULE15_3_12: (c) => signedPayload(c, 14),
  RULE15_3_13: (c) => {
    if (!c.input.context.priorCompletedVerification) {
      c.f.issue('method', 'prior_verification_required', 22, c.article, 'この相手方について完了した確認の記録がないため、13号は使えません。');
    }
    flag(c.input.steps.returningCustomerAuthenticated, c, 'authenticate_returning_customer', 22, '識別符号等により、確認済みの本人であることを確かめてください。');
  },
};

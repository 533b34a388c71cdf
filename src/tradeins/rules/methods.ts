// Verification methods (古物営業法15条1項1-3号 and 施行規則15条3項1-13号) and ID document types.
// Codes are stable (stored in the ledger as 「措置の区分及び方法」, 古物営業法16条5号).
import { z } from 'zod';
import { ART, rule15_3 } from './reasons.js';

export const VerificationMethod = z.enum([
  'ACT15_1_1', 'ACT15_1_2', 'ACT15_1_3',
  'RULE15_3_1', 'RULE15_3_2', 'RULE15_3_3', 'RULE15_3_4', 'RULE15_3_5', 'RULE15_3_6', 'RULE15_3_7',
  'RULE15_3_8', 'RULE15_3_9', 'RULE15_3_10', 'RULE15_3_11', 'RULE15_3_12', 'RULE15_3_13',
]);
export type VerificationMethod = z.infer<typeof VerificationMethod>;

export interface MethodInfo {
  label: string;
  /** In the dealer's presence (Act 15(1) items 1-3 and Rule 15(3) item 10). */
  faceToFace: boolean;
  article: string;
  /** What the method needs, in the words shown to staff. */
  requires: string[];
}

const declared = '住所・氏名・職業・年齢の申出';
const fwdMail = '転送不要の配達記録郵便物等を住所に送付し到達を確認';
const transfer = '書類上の氏名と同じ名義の預貯金口座への振込みで代金を支払う';

export const METHODS: Record<VerificationMethod, MethodInfo> = {
  ACT15_1_1: { label: '身分証明書等の提示による確認', faceToFace: true, article: `${ART.act15_1_1}・${ART.rule15_1}`, requires: ['身分証明書等（一を限り発行されたもの）の提示', '職業は申告'] },
  ACT15_1_2: { label: '署名のある文書の交付', faceToFace: true, article: `${ART.act15_1_2}・${ART.rule15_2}`, requires: ['面前で万年筆・ボールペン等により住所・氏名・職業・年齢を記載し署名した文書'] },
  ACT15_1_3: { label: '認定認証業務の電子署名付き電磁的記録', faceToFace: true, article: ART.act15_1_3, requires: ['電子署名法4条1項又は15条1項の認定を受けた者が証明する電子署名', '住所・氏名・職業・年齢の記録'] },
  RULE15_3_1: { label: '印鑑登録証明書と登録印を押印した書面の送付', faceToFace: false, article: rule15_3(1), requires: [declared, '印鑑登録証明書', '登録印を押印した書面'] },
  RULE15_3_2: { label: '本人限定受取郵便物等の送付と到達確認', faceToFace: false, article: rule15_3(2), requires: [declared, '本人限定受取郵便物等を送付し到達を確認'] },
  RULE15_3_3: { label: '本人限定受取郵便物等による代金支払の約束', faceToFace: false, article: rule15_3(3), requires: [declared, '金品を内容とする本人限定受取郵便物等で代金を支払う約束'] },
  RULE15_3_4: { label: '住民票の写し等・ICチップ情報・ソフトウェア撮影画像と転送不要郵便', faceToFace: false, article: rule15_3(4), requires: [declared, '住民票の写し等の送付、身分証明書等のIC情報の送信、又は古物商提供ソフトウェアで撮影した身分証明書等の画像の送信', fwdMail, '画像の場合は帳簿等と共に保存'] },
  RULE15_3_5: { label: '書類の写し2種（又は写し＋補完書類）と転送不要郵便', faceToFace: false, article: rule15_3(5), requires: [declared, '身分証明書等・住民票の写し等のいずれか二の写し、又は一の写しと受領日前6月以内の補完書類', fwdMail, '写しを帳簿等と共に保存'] },
  RULE15_3_6: { label: '住民票の写し等の送付と同名義口座への振込', faceToFace: false, article: rule15_3(6), requires: [declared, '住民票の写し等の送付', transfer] },
  RULE15_3_7: { label: '身分証明書等の写し・転送不要郵便・同名義口座への振込', faceToFace: false, article: rule15_3(7), requires: [declared, '身分証明書等の写しの送付', fwdMail, transfer, '写しを帳簿等と共に保存'] },
  RULE15_3_8: { label: 'ソフトウェアで撮影した容貌と写真付き身分証明書等の画像', faceToFace: false, article: rule15_3(8), requires: [declared, '古物商提供ソフトウェアで撮影した容貌の画像', '同ソフトウェアで撮影した写真付き身分証明書等の画像（厚みその他の特徴を確認できるもの）', '身分証明書等の画像を帳簿等と共に保存（容貌の画像は保存不要）'] },
  RULE15_3_9: { label: 'ソフトウェアで撮影した容貌と写真付き身分証明書等のICチップ情報', faceToFace: false, article: rule15_3(9), requires: [declared, '古物商提供ソフトウェアで撮影した容貌の画像', '住所・氏名・生年月日・写真を記録したICチップ情報の送信'] },
  RULE15_3_10: { label: '面前での器具による氏名の筆記（電子サイン）', faceToFace: true, article: rule15_3(10), requires: [declared, '面前で器具を使用し画面上に氏名を筆記'] },
  RULE15_3_11: { label: '公的個人認証（署名用電子証明書）', faceToFace: false, article: rule15_3(11), requires: ['署名用電子証明書', '住所・氏名・職業・年齢に電子署名した記録', '古物商が署名検証者であること'] },
  RULE15_3_12: { label: '特定認証業務の電子証明書', faceToFace: false, article: rule15_3(12), requires: ['公的個人認証法17条1項5号の認定を受けた署名検証者の電子証明書', '住所・氏名・職業・年齢に電子署名した記録'] },
  RULE15_3_13: { label: '確認済みの相手方の識別符号等による確認', faceToFace: false, article: rule15_3(13), requires: ['過去に確認措置をとった相手方であること', '識別符号等なりすましが困難な方法での照合'] },
};

/** The Act 15(1) 区分 a method belongs to (16条5号: record 区分, and for 1号・4号 also the 方法). */
export function methodCategoryLabel(m: VerificationMethod): string {
  if (m.startsWith('ACT15_1_')) return `${ART.act15_1}${m.slice(-1)}号`;
  return `${ART.act15_1_4}（${rule15_3(Number(m.slice('RULE15_3_'.length)))}）`;
}

export const DocumentType = z.enum([
  'DRIVERS_LICENSE', 'MY_NUMBER_CARD', 'RESIDENCE_CARD', 'SPECIAL_PERMANENT_RESIDENT_CERTIFICATE', 'PASSPORT',
  'HEALTH_INSURANCE_CARD', 'QUALIFICATION_CERTIFICATE', 'RESIDENT_RECORD', 'SEAL_CERTIFICATE',
  'SUPPLEMENTARY_DOCUMENT', 'DISABILITY_CERTIFICATE', 'OTHER_PHOTO_ID',
]);
export type DocumentType = z.infer<typeof DocumentType>;

export interface DocumentInfo {
  label: string;
  hasPhoto: boolean;
  /** 'varies': only counts as address proof when staff confirm the address is shown. */
  showsAddress: 'yes' | 'no' | 'varies';
  /** 一を限り発行又は発給されたもの: a 身分証明書等 (規則15条1項). */
  issuedOnce: boolean;
  /** 住民票の写し等 (規則15条3項4号: 住民票の写し・記載事項証明書・戸籍の附票の写し・印鑑登録証明書). */
  residentRecordEtc: boolean;
  /** IC chip holds address, name, age/DOB and photo (usable for 規則15条3項4号 IC route and 9号). */
  icWithAddressAndPhoto: boolean;
}

const id = (label: string, showsAddress: DocumentInfo['showsAddress'], hasPhoto: boolean, ic: boolean): DocumentInfo => ({
  label, hasPhoto, showsAddress, issuedOnce: true, residentRecordEtc: false, icWithAddressAndPhoto: ic,
});

/** Per-document facts; judgements beyond Rule 15 itself are [inferred] in DOMAIN 5.5. */
export const DOCUMENTS: Record<DocumentType, DocumentInfo> = {
  DRIVERS_LICENSE: id('運転免許証', 'yes', true, true),
  // Also used for マイナ免許証: the face is a My Number card's (DOMAIN rule 58).
  MY_NUMBER_CARD: id('個人番号カード', 'yes', true, true),
  RESIDENCE_CARD: id('在留カード', 'yes', true, true),
  SPECIAL_PERMANENT_RESIDENT_CERTIFICATE: id('特別永住者証明書', 'yes', true, true),
  // From 2020-02-04 no address field; before, a self-written one that is not proof (DOMAIN 5.3).
  PASSPORT: id('旅券', 'no', true, false),
  HEALTH_INSURANCE_CARD: id('健康保険証', 'varies', false, false),
  QUALIFICATION_CERTIFICATE: id('資格確認書', 'varies', false, false),
  RESIDENT_RECORD: { label: '住民票の写し', hasPhoto: false, showsAddress: 'yes', issuedOnce: false, residentRecordEtc: true, icWithAddressAndPhoto: false },
  SEAL_CERTIFICATE: { label: '印鑑登録証明書', hasPhoto: false, showsAddress: 'yes', issuedOnce: false, residentRecordEtc: true, icWithAddressAndPhoto: false },
  SUPPLEMENTARY_DOCUMENT: { label: '補完書類', hasPhoto: false, showsAddress: 'yes', issuedOnce: false, residentRecordEtc: false, icWithAddressAndPhoto: false },
  DISABILITY_CERTIFICATE: id('身体障害者手帳', 'yes', true, false),
  OTHER_PHOTO_ID: id('その他の写真付き身分証明書', 'varies', true, false),
};

// What a ledger record (帳簿等, 古物営業法16条; 別記様式第15号) still lacks before it can be completed.
// Returns issues naming exactly the missing fields (DOMAIN rules 24, 25; phones: part of rule 61).
import { z } from 'zod';
import { isIsoDate, normalizeIdentifier, normalizeText } from '../../shared/japanese.js';
import { ItemCategory } from './categories.js';
import { counterpartyIssues, CounterpartyFacts } from './counterparty.js';
import { ItemDesignation } from './designations.js';
import { DocumentType, VerificationMethod } from './methods.js';
import { ART, type RuleIssue } from './reasons.js';

/** Where the car owner's name was read: the electronic 車検証 face does not print it (DOMAIN 6.1). */
export const OwnerNameSource = z.enum(['ic', 'kiroku_jiko', 'paper_shakensho', 'manual']);
export type OwnerNameSource = z.infer<typeof OwnerNameSource>;

export const FeaturesSource = z.enum(['manual', 'ocr', 'paper_shakensho', 'electronic_shakensho_face']);
export type FeaturesSource = z.infer<typeof FeaturesSource>;

/** 「古物の特徴」. Cars need plate, car name, 車台番号 and owner; phones the IMEI. */
export const ItemFeatures = z.object({
  brand: z.string().optional(),
  model: z.string().optional(),
  colour: z.string().optional(),
  condition: z.string().optional(),
  serialNumber: z.string().optional(),
  imei: z.string().optional(),
  chassisNumber: z.string().max(17).optional(),
  plateNumber: z.string().optional(),
  carName: z.string().optional(),
  ownerName: z.string().optional(),
  ownerNameSource: OwnerNameSource.optional(),
  notes: z.string().optional(),
});
export type ItemFeatures = z.infer<typeof ItemFeatures>;

export const LedgerItemDraft = z.object({
  /** Loose on purpose: an unknown code is reported as an issue, not thrown. */
  category: z.string().optional(),
  designation: ItemDesignation.optional(),
  description: z.string().optional(),
  quantity: z.number().optional(),
  features: ItemFeatures.optional(),
  featuresSource: FeaturesSource.optional(),
  isPhone: z.boolean().optional(),
});
export type LedgerItemDraft = z.infer<typeof LedgerItemDraft>;

export const LedgerRecordDraft = z.object({
  date: z.string().optional(),
  items: z.array(LedgerItemDraft).optional(),
  counterparty: CounterpartyFacts.partial().nullable().optional(),
  method: z.object({ category: VerificationMethod, documentType: DocumentType.nullable().optional() }).nullable().optional(),
});
export type LedgerRecordDraft = z.infer<typeof LedgerRecordDraft>;

const blank = (s: string | undefined | null): boolean => s == null || normalizeText(s) === '';
const TEXT_FEATURES = ['brand', 'model', 'colour', 'condition', 'serialNumber', 'imei', 'chassisNumber', 'plateNumber', 'carName', 'ownerName', 'notes'] as const;

/** 15 digits with a valid Luhn check digit (3GPP TS 23.003). */
export function isValidImei(raw: string): boolean {
  const s = normalizeIdentifier(raw);
  if (!/^\d{15}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let d = Number(s[i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

function itemIssues(it: LedgerItemDraft, i: number, out: RuleIssue[]): void {
  const at = `items.${i}`;
  const add = (path: string, code: string, message: string, rule = 24, article: string = ART.act16) =>
    out.push({ path: `${at}.${path}`, code, message, rule, article });
  const category = ItemCategory.safeParse(it.category);
  if (it.category == null) add('category', 'required', '品目を記録してください。', 24, ART.rule2);
  else if (!category.success) add('category', 'invalid_category', '品目は施行規則2条の13区分のいずれかにしてください。', 24, ART.rule2);
  if (blank(it.description)) add('description', 'required', '品名（物品の説明）を記録してください。');
  if (it.quantity == null) add('quantity', 'required', '数量を記録してください。');
  else if (!Number.isInteger(it.quantity) || it.quantity <= 0) add('quantity', 'invalid_quantity', '数量は1以上の整数にしてください。');
  const f = it.features ?? {};
  if (!TEXT_FEATURES.some((k) => !blank(f[k]))) add('features', 'required', '古物の特徴（メーカー・型番・色・状態・製造番号等）を記録してください。');

  // 別記様式第15号 notes: a car's features are 登録番号/車両番号, 車名, 車台番号 and 所有者の氏名又は名称.
  if (category.success && category.data === 'AUTOMOBILE' && it.designation !== 'AUTOMOBILE_PART') {
    const need: Array<[keyof ItemFeatures, string]> = [['plateNumber', '自動車登録番号又は車両番号'], ['carName', '車名'], ['chassisNumber', '車台番号']];
    for (const [k, label] of need) if (blank(f[k] as string | undefined)) add(`features.${k}`, 'required', `${label}を記録してください。`, 25, ART.rule17);
    const electronicFace = it.featuresSource === 'electronic_shakensho_face';
    const fromIcOrSheet = f.ownerNameSource === 'ic' || f.ownerNameSource === 'kiroku_jiko';
    if (blank(f.ownerName)) {
      add('features.ownerName', 'required', electronicFace
        ? '電子車検証の券面には所有者が記載されていません。ICタグ又は「自動車検査証記録事項」から所有者の氏名又は名称を読み取ってください。'
        : '所有者の氏名又は名称を記録してください。', 25, ART.rule17);
    } else if (electronicFace && !fromIcOrSheet) {
      add('features.ownerNameSource', 'owner_name_source_required', '電子車検証の券面に所有者は記載されていません（使用者と異なる場合があります）。所有者はICタグ又は記録事項から読み取ってください。', 25, ART.rule17);
    }
  }
  if (it.isPhone) {
    if (blank(f.imei)) add('features.imei', 'required', '携帯電話はIMEIを記録してください。', 61);
    else if (!isValidImei(f.imei!)) add('features.imei', 'imei_invalid', 'IMEIは15桁で、チェックディジットが一致する必要があります。', 61);
  }
}

/**
 * Everything a purchase-ledger record lacks: date, items (category, description, quantity,
 * features), counterparty address/name/occupation/age and the verification method. Sales of cars
 * pass counterpartyRequired: false (古物営業法16条4号).
 */
export function missingLedgerFields(
  record: LedgerRecordDraft,
  opts: { counterpartyRequired?: boolean; methodRequired?: boolean } = {},
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const dateOk = record.date != null && isIsoDate(record.date);
  if (!dateOk) issues.push({ path: 'date', code: 'required', message: '取引の年月日を記録してください。', rule: 24, article: ART.act16 });
  const items = record.items ?? [];
  if (items.length === 0) issues.push({ path: 'items', code: 'required', message: '品目及び数量を記録してください。', rule: 24, article: ART.act16 });
  items.forEach((it, i) => {
    itemIssues(it, i, issues);
  });
  if (opts.counterpartyRequired ?? true) {
    const on = dateOk ? record.date! : '9999-12-31';
    issues.push(...counterpartyIssues(record.counterparty, on, { rule: 24 }).filter((x) => dateOk || (!x.code.startsWith('date_of_birth') && x.code !== 'age_mismatch')));
  }
  if (opts.methodRequired ?? true) {
    if (!record.method) {
      issues.push({ path: 'method', code: 'required', message: '確認の措置の区分（及び方法）を記録してください。', rule: 24, article: ART.act16_5 });
    } else if (record.method.category === 'ACT15_1_1' && !record.method.documentType) {
      issues.push({ path: 'method.documentType', code: 'document_type_required', message: '身分証明書等の提示による確認では、書類の種類も記録してください。', rule: 13, article: ART.act16_5 });
    }
  }
  return issues;
}

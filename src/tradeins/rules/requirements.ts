// Does an intake (買受け・交換・委託の受託) need identity verification (古物営業法15条) and a ledger
// entry (同16条)? Pure: the transaction date picks the law in force (DOMAIN rules 1-10, 12).
import { z } from 'zod';
import { isIsoDate } from '../../shared/japanese.js';
import { alwaysCheckStatus, designationIssues, effectiveDesignation, type ItemDesignation } from './designations.js';
import { ART, IsoDate, type RuleIssue, type RuleReason } from './reasons.js';
import { pushUnique, THRESHOLD_YEN, TradeLine, type TradeLineInput, transactionTotal } from './trade-lines.js';

export const IntakeKind = z.enum(['purchase', 'exchange', 'consignment']);
export type IntakeKind = z.infer<typeof IntakeKind>;

export const IntakeAssessmentInput = z.object({
  kind: IntakeKind,
  date: IsoDate,
  items: z.array(TradeLine).min(1),
  /** Buying back an item this dealer sold; sameCounterparty comes from the original sale record. */
  buyback: z.object({ originalSaleId: z.string().min(1), sameCounterparty: z.boolean() }).nullable().optional(),
});
export type IntakeAssessmentInput = z.infer<typeof IntakeAssessmentInput>;

export interface Requirement {
  required: boolean;
  reasons: RuleReason[];
}

export interface IntakeAssessment {
  total: number;
  /** When not required, staff may still verify (DOMAIN rule 1): nothing here forbids it. */
  identityCheck: Requirement;
  /** `originalSaleId` must be stored on the record when the buyback exemption applied (rule 9). */
  ledgerEntry: Requirement & { originalSaleId: string | null };
  lines: Array<{ index: number; designation: ItemDesignation; alwaysCheck: boolean }>;
  /** Category/designation contradictions; the assessment then uses the conservative reading. */
  issues: RuleIssue[];
}

const KIND_LABEL: Record<IntakeKind, string> = { purchase: '買受け', exchange: '交換', consignment: '売却・交換の委託の受託' };

export function assessIntake(input: {
  kind: IntakeKind;
  date: string;
  items: TradeLineInput[];
  buyback?: { originalSaleId: string; sameCounterparty: boolean } | null;
}): IntakeAssessment {
  if (!isIsoDate(input.date)) throw new RangeError('date must be YYYY-MM-DD');
  if (input.items.length === 0) throw new RangeError('an intake needs at least one item');
  const items = input.items.map((it) => ({ ...it, designation: it.designation ?? 'NONE' }));
  const total = transactionTotal(items);
  const issues = designationIssues(items);
  const statuses = items.map((it) => alwaysCheckStatus(it.category, it.designation, input.date));
  const lines = items.map((it, index) => ({
    index,
    designation: effectiveDesignation(it.category, it.designation),
    alwaysCheck: statuses[index]!.designated,
  }));
  const reasons: RuleReason[] = [];

  // 古物営業法15条1項: 交換 and 委託の受託 trigger the same duty as 買受け (DOMAIN rule 10).
  if (input.kind !== 'purchase') {
    reasons.push({ rule: 10, article: ART.act15_1, message: `${KIND_LABEL[input.kind]}は買受けと同じ基準で判定します。` });
  }

  // 古物営業法15条2項2号: buying back from the person we sold to. No amount or goods condition.
  const bb = input.buyback;
  if (bb?.sameCounterparty && input.kind === 'purchase') {
    reasons.push({ rule: 9, article: ART.act15_2_2, message: '自己が売却した物品を当該売却の相手方から買い受けるため、確認は不要です。' });
    return {
      total,
      identityCheck: { required: false, reasons },
      ledgerEntry: {
        required: false,
        reasons: [{ rule: 9, article: `${ART.act16}ただし書`, message: '買戻しのため帳簿等への記載義務はありません。元の売却記録へのリンクを保存します。' }, ...reasons],
        originalSaleId: bb.originalSaleId,
      },
      lines,
      issues,
    };
  }
  if (bb) {
    const why = bb.sameCounterparty ? `${KIND_LABEL[input.kind]}は買受けではない` : '売却の相手方と異なる';
    reasons.push({ rule: 9, article: ART.act15_2_2, message: `${why}ため、買戻しの免除は適用されません。` });
  }

  const designated = statuses.filter((s) => s.designated);
  let required = false;
  if (total >= THRESHOLD_YEN) {
    required = true;
    reasons.push({ rule: 2, article: `${ART.act15_2_1}・${ART.rule16_1}`, message: `対価の総額${total}円が1万円以上のため確認が必要です。` });
  }
  if (designated.length > 0) {
    required = true;
    for (const s of designated) for (const r of s.reasons) pushUnique(reasons, r);
    if (total < THRESHOLD_YEN && designated.length < items.length) {
      reasons.push({ rule: 8, article: ART.act15_2_1, message: '1万円未満でも対象古物を含む取引のため、取引全体について確認と帳簿記載が必要です。' });
    }
  }
  if (!required) {
    reasons.push({ rule: 1, article: `${ART.act15_2_1}・${ART.rule16_1}`, message: `対価の総額${total}円が1万円未満で対象古物を含まないため、確認は不要です（任意の確認は可）。` });
    for (const s of statuses) for (const r of s.reasons) pushUnique(reasons, r);
  }

  const headline: RuleReason = required
    ? { rule: reasons.find((r) => r.rule !== 10 && r.rule !== 9)?.rule ?? 2, article: ART.act16, message: '帳簿等への記載（又は電磁的記録）が必要です。' }
    : { rule: 1, article: `${ART.act16}ただし書`, message: '15条2項1号に該当するため帳簿等への記載義務はありません。' };
  return {
    total,
    identityCheck: { required, reasons },
    ledgerEntry: { required, reasons: [headline, ...reasons], originalSaleId: null },
    lines,
    issues,
  };
}

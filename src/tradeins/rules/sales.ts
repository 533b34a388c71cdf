// Disposals (払出し: 売却・委託に基づく引渡し・返還). Selling never triggers identity verification
// (古物営業法15条1項 lists only intake). Whether the disposal needs a ledger entry follows 古物営業法
// 16条ただし書 and 施行規則18条 (DOMAIN 1.3; the Rule 18 text itself is [confirmed-secondary]).
import { z } from 'zod';
import { isIsoDate } from '../../shared/japanese.js';
import { ITEM_CATEGORY_LABELS, type ItemCategory } from './categories.js';
import { designationIssues, effectiveDesignation } from './designations.js';
import { ART, IsoDate, type RuleIssue, type RuleReason } from './reasons.js';
import type { Requirement } from './requirements.js';
import { pushUnique, THRESHOLD_YEN, TradeLine, type TradeLineInput, transactionTotal } from './trade-lines.js';

/** 別記様式第15号 払出しの区別: 売却 / 委託に基づく引渡し / 返還. */
export const DisposalKind = z.enum(['sale', 'consignment_return', 'return']);
export type DisposalKind = z.infer<typeof DisposalKind>;

export const SaleAssessmentInput = z.object({
  kind: DisposalKind,
  date: IsoDate,
  items: z.array(TradeLine).min(1),
});
export type SaleAssessmentInput = z.infer<typeof SaleAssessmentInput>;

/** Categories whose disposals of ¥10,000 or more must be recorded (規則18条). */
export const SALE_LEDGER_CATEGORIES: readonly ItemCategory[] = ['ART', 'WATCH_JEWELRY', 'AUTOMOBILE', 'MOTORCYCLE'];

export interface SaleAssessment {
  total: number;
  /** Always false: no verification step is forced on a disposal (DOMAIN rule 11). */
  identityCheck: Requirement;
  /** buyerDetailsRequired: the entry must hold the buyer's address, name, occupation and age. */
  ledgerEntry: Requirement & { buyerDetailsRequired: boolean };
  lines: Array<{ index: number; ledgerRequired: boolean; buyerDetailsRequired: boolean }>;
  issues: RuleIssue[];
}

/**
 * Choices where DOMAIN is silent: the ¥10,000 test uses the total of the whole disposal (「対価の
 * 総額」, as for intake), and only lines of the listed categories are recorded. 委託に基づく引渡し
 * and 返還 are judged like a sale on the declared value, since 16条 covers every 引渡し.
 */
export function assessSale(input: { kind: DisposalKind; date: string; items: TradeLineInput[] }): SaleAssessment {
  if (!isIsoDate(input.date)) throw new RangeError('date must be YYYY-MM-DD');
  if (input.items.length === 0) throw new RangeError('a disposal needs at least one item');
  const items = input.items.map((it) => ({ ...it, designation: it.designation ?? 'NONE' }));
  const total = transactionTotal(items);
  const reasons: RuleReason[] = [];
  const lines = items.map((it, index) => {
    const label = ITEM_CATEGORY_LABELS[it.category];
    let ledgerRequired = false;
    if (SALE_LEDGER_CATEGORIES.includes(it.category) && total >= THRESHOLD_YEN) {
      ledgerRequired = true;
      pushUnique(reasons, { rule: 26, article: ART.rule18, message: `${label}の1万円以上の払出しは帳簿等への記載が必要です。` });
    } else if (it.category === 'MOTORCYCLE' && effectiveDesignation(it.category, it.designation) === 'MOTORCYCLE_BODY') {
      ledgerRequired = true;
      pushUnique(reasons, { rule: 27, article: ART.rule18, message: '自動二輪車・原動機付自転車の本体は1万円未満でも払出しの記載が必要です。' });
    } else if (it.category === 'MOTORCYCLE') {
      pushUnique(reasons, { rule: 27, article: ART.rule18, message: '自動二輪車・原動機付自転車の部分品は1万円未満なら払出しの記載は不要です。' });
    } else if (SALE_LEDGER_CATEGORIES.includes(it.category)) {
      pushUnique(reasons, { rule: 26, article: ART.rule18, message: `${label}の払出しは1万円未満のため記載不要です。` });
    } else {
      pushUnique(reasons, { rule: 27, article: ART.rule18, message: `${label}の払出しは金額にかかわらず記載不要です。` });
    }
    // 古物営業法16条4号: the buyer of a car is the one counterparty whose details are not recorded.
    return { index, ledgerRequired, buyerDetailsRequired: ledgerRequired && it.category !== 'AUTOMOBILE' };
  });
  const required = lines.some((l) => l.ledgerRequired);
  const buyerDetailsRequired = lines.some((l) => l.buyerDetailsRequired);
  if (required && !buyerDetailsRequired) {
    reasons.push({ rule: 26, article: ART.act16_4, message: '自動車の払出しでは相手方の住所・氏名・職業・年齢の記載は不要です。' });
  } else if (buyerDetailsRequired) {
    reasons.push({ rule: 26, article: ART.act16_4, message: '相手方の住所・氏名・職業・年齢を記載してください。' });
  }
  return {
    total,
    identityCheck: {
      required: false,
      reasons: [{ rule: 11, article: ART.act15_1, message: '売却等の払出しには相手方の確認義務はありません。' }],
    },
    ledgerEntry: { required, reasons, buyerDetailsRequired },
    lines,
    issues: designationIssues(items),
  };
}

// Facts staff state about an item so the always-check rule (古物営業法施行規則16条2項) can be judged:
// goods listed there need identity verification and a ledger entry even below ¥10,000. The list is
// date-keyed, so a historical record is judged by the list in force on its transaction date.
import { z } from 'zod';
import { compareIso } from '../../shared/japanese.js';
import { ITEM_CATEGORY_LABELS, type ItemCategory } from './categories.js';
import { ART, type RuleIssue, type RuleReason } from './reasons.js';

export const ItemDesignation = z.enum([
  'NONE',
  'MOTORCYCLE_BODY',
  'MOTORCYCLE_PART',
  /** ねじ、ボルト、ナット、コード その他の汎用性の部分品: excluded from 16条2項1号. */
  'MOTORCYCLE_GENERIC_PART',
  'AIRCON_OUTDOOR_UNIT',
  'HEAT_PUMP',
  'GAME_SOFTWARE',
  'OPTICAL_DISC',
  'ELECTRIC_WIRE',
  /** LAN, TV, household extension and charging cables: not 電線 per Keishicho. */
  'EXCLUDED_CABLE',
  'METAL_GRATING',
  'CONCRETE_GRATING',
  'BOOK',
  /** Not on the list: a gold purchase under ¥10,000 is exempt (DOMAIN rule 7). */
  'PRECIOUS_METAL',
  /** Not on the list; distinguishes cars from car parts for the ledger features (rule 25). */
  'AUTOMOBILE_BODY',
  'AUTOMOBILE_PART',
]);
export type ItemDesignation = z.infer<typeof ItemDesignation>;

export const DESIGNATION_LABELS: Record<ItemDesignation, string> = {
  NONE: '該当なし',
  MOTORCYCLE_BODY: '自動二輪車・原動機付自転車（本体）',
  MOTORCYCLE_PART: '自動二輪車・原動機付自転車の部分品',
  MOTORCYCLE_GENERIC_PART: '汎用性の部分品（ねじ・ボルト・ナット・コード等）',
  AIRCON_OUTDOOR_UNIT: 'エアコンディショナーの室外ユニット',
  HEAT_PUMP: '電気温水機器のヒートポンプ',
  GAME_SOFTWARE: '家庭用コンピュータゲームのプログラムを記録した物',
  OPTICAL_DISC: '光学的方法により音又は影像を記録した物（CD・DVD・BD等）',
  ELECTRIC_WIRE: '電線',
  EXCLUDED_CABLE: 'LANケーブル・テレビケーブル・延長コード・充電ケーブル',
  METAL_GRATING: 'グレーチング（金属製）',
  CONCRETE_GRATING: 'グレーチング（コンクリート製）',
  BOOK: '書籍',
  PRECIOUS_METAL: '貴金属',
  AUTOMOBILE_BODY: '自動車（本体）',
  AUTOMOBILE_PART: '自動車の部分品',
};

interface AlwaysCheckEntry {
  /** First day in force; null = listed before any date this system handles. */
  from: string | null;
  /** Item number (号) in the list in force from 2025-10-01. */
  item: number;
}

/** 規則16条2項 by effective date (令和7年国家公安委員会規則第14号 added items 2, 5, 6 on 2025-10-01). */
export const ALWAYS_CHECK_TABLE: Partial<Record<ItemDesignation, AlwaysCheckEntry>> = {
  MOTORCYCLE_BODY: { from: null, item: 1 },
  MOTORCYCLE_PART: { from: null, item: 1 },
  AIRCON_OUTDOOR_UNIT: { from: '2025-10-01', item: 2 },
  HEAT_PUMP: { from: '2025-10-01', item: 2 },
  GAME_SOFTWARE: { from: null, item: 3 },
  OPTICAL_DISC: { from: '2011-04-01', item: 4 },
  ELECTRIC_WIRE: { from: '2025-10-01', item: 5 },
  METAL_GRATING: { from: '2025-10-01', item: 6 },
  BOOK: { from: '2011-04-01', item: 7 },
};

/** Item numbers are those of the current list; before 2025-10-01 only the paragraph is cited. */
const CURRENT_NUMBERING_FROM = '2025-10-01';

/** Designations that are explicitly *not* on the list, with the DOMAIN rule that says so. */
const EXPLICITLY_EXCLUDED: Partial<Record<ItemDesignation, number>> = {
  MOTORCYCLE_GENERIC_PART: 4,
  CONCRETE_GRATING: 5,
  EXCLUDED_CABLE: 6,
  PRECIOUS_METAL: 7,
};

/**
 * The designation the rules act on. Category 書籍 is itself item 7, so BOOK + NONE means a book.
 * A motorcycle with no stated designation is treated as a body (the conservative reading); the
 * consistency check reports it so staff fix the input.
 */
export function effectiveDesignation(category: ItemCategory, designation: ItemDesignation): ItemDesignation {
  if (designation !== 'NONE') return designation;
  if (category === 'BOOK') return 'BOOK';
  if (category === 'MOTORCYCLE') return 'MOTORCYCLE_BODY';
  return 'NONE';
}

export interface AlwaysCheckStatus {
  designated: boolean;
  /** Why it is (or is explicitly not) designated on this date; empty for plain goods. */
  reasons: RuleReason[];
}

/** Is this item an always-check item on `date`? (規則16条2項, DOMAIN rules 3-7 and 12) */
export function alwaysCheckStatus(category: ItemCategory, designation: ItemDesignation, date: string): AlwaysCheckStatus {
  const d = effectiveDesignation(category, designation);
  const label = DESIGNATION_LABELS[d];
  const entry = ALWAYS_CHECK_TABLE[d];
  if (entry) {
    const inForce = entry.from === null || compareIso(date, entry.from) >= 0;
    const article = compareIso(date, CURRENT_NUMBERING_FROM) >= 0 ? `${ART.rule16_2}${entry.item}号` : ART.rule16_2;
    if (!inForce) {
      return {
        designated: false,
        reasons: [{ rule: 12, article: ART.rule16_2, message: `${label}は${entry.from}から確認義務の対象です。取引日（${date}）には対象外でした。` }],
      };
    }
    const reasons: RuleReason[] = [{ rule: 3, article, message: `${label}は金額にかかわらず相手方の確認と帳簿記載が必要です。` }];
    if (entry.from !== null) {
      reasons.push({ rule: 12, article, message: `${label}は${entry.from}施行の規定により対象です（取引日${date}の法令で判定）。` });
    }
    return { designated: true, reasons };
  }
  const excludedBy = EXPLICITLY_EXCLUDED[d];
  if (excludedBy !== undefined) {
    return {
      designated: false,
      reasons: [{ rule: excludedBy, article: ART.rule16_2, message: `${label}は規則16条2項の対象外です。` }],
    };
  }
  return { designated: false, reasons: [] };
}

/** Categories a designation may appear under (absent = any category). */
const REQUIRED_CATEGORY: Partial<Record<ItemDesignation, ItemCategory>> = {
  MOTORCYCLE_BODY: 'MOTORCYCLE',
  MOTORCYCLE_PART: 'MOTORCYCLE',
  MOTORCYCLE_GENERIC_PART: 'MOTORCYCLE',
  AUTOMOBILE_BODY: 'AUTOMOBILE',
  AUTOMOBILE_PART: 'AUTOMOBILE',
  BOOK: 'BOOK',
};

const MOTORCYCLE_DESIGNATIONS: readonly ItemDesignation[] = ['MOTORCYCLE_BODY', 'MOTORCYCLE_PART', 'MOTORCYCLE_GENERIC_PART'];

/** Category/designation contradictions, one issue per offending line (path `${prefix}.N.designation`). */
export function designationIssues(
  items: ReadonlyArray<{ category: ItemCategory; designation: ItemDesignation }>,
  prefix = 'items',
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  items.forEach((it, i) => {
    const path = `${prefix}.${i}.designation`;
    const push = (message: string) =>
      issues.push({ path, code: 'designation_inconsistent', message, rule: 3, article: ART.rule16_2 });
    const required = REQUIRED_CATEGORY[it.designation];
    if (required && required !== it.category) {
      push(`「${DESIGNATION_LABELS[it.designation]}」は品目「${ITEM_CATEGORY_LABELS[required]}」の物品にだけ指定できます。`);
    } else if (it.category === 'MOTORCYCLE' && !MOTORCYCLE_DESIGNATIONS.includes(it.designation)) {
      push('自動二輪車及び原動機付自転車は、本体・部分品・汎用性の部分品のいずれかを指定してください。');
    } else if (it.category === 'BOOK' && it.designation !== 'NONE' && it.designation !== 'BOOK') {
      push('品目「書籍」は書籍として扱われます。指定は BOOK か NONE にしてください。');
    }
  });
  return issues;
}

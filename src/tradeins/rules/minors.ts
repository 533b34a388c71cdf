// Buying from minors (青少年, under 18) is governed by prefectural ordinances, which differ, so the
// rule table is data (DOMAIN 1.6, rules 39-40). Store policy may be stricter than the law.
import { z } from 'zod';
import { ageOn, compareIso } from '../../shared/japanese.js';
import { ART, type RuleReason } from './reasons.js';
import type { IntakeKind } from './requirements.js';

export const ADULT_AGE = 18;

export const StorePolicy = z.enum(['allow_with_guardian', 'never_under_18']);
export type StorePolicy = z.infer<typeof StorePolicy>;

export const GuardianFacts = z.object({
  /** Stored consent document (同意書) id. */
  consentDocumentRef: z.string().min(1).optional(),
  accompanied: z.boolean().optional(),
  /** The minor acts on the guardian's instruction (保護者の委託). */
  instructed: z.boolean().optional(),
});
export type GuardianFacts = z.infer<typeof GuardianFacts>;

export interface PrefectureMinorRule {
  label: string;
  article: string;
  /** Intake kinds the ordinance restricts. */
  kinds: readonly IntakeKind[];
  /** Which guardian facts lift the restriction. */
  accepts: { consent: boolean; accompanied: boolean; instructed: boolean };
}

/** Configurable; keys are lower-case romaji prefecture names. Tokyo is the default shop location. */
export const PREFECTURE_MINOR_RULES: Record<string, PrefectureMinorRule> = {
  // 東京都青少年の健全な育成に関する条例15条2項: 古物商は青少年から買い受けてはならない。ただし
  // 保護者の委託を受け、又は同行若しくは同意を得た場合を除く。 Only 買受け is covered.
  tokyo: {
    label: '東京都',
    article: '東京都青少年の健全な育成に関する条例15条2項',
    kinds: ['purchase'],
    accepts: { consent: true, accompanied: true, instructed: true },
  },
  // 福岡県青少年健全育成条例30条: applies to anyone, and to 交換 and 委託 too; lifted by the guardian's
  // instruction or consent. An accompanying guardian is read as consenting [inferred]. The ordinance's
  // 「その他正当な理由」 is not modelled: staff record a consent instead.
  fukuoka: {
    label: '福岡県',
    article: '福岡県青少年健全育成条例30条',
    kinds: ['purchase', 'exchange', 'consignment'],
    accepts: { consent: true, accompanied: true, instructed: true },
  },
};

/**
 * For a prefecture not in the table: the strictest combination of the known ordinances. Every
 * intake kind is covered, and only evidence staff can show later lifts it (a stored consent
 * document or the guardian present); an unverifiable "instruction" alone does not.
 */
export const DEFAULT_MINOR_RULE: PrefectureMinorRule = {
  label: '未登録の都道府県（保守的な既定）',
  article: '各都道府県の青少年健全育成条例（未登録のため保守的に適用）',
  kinds: ['purchase', 'exchange', 'consignment'],
  accepts: { consent: true, accompanied: true, instructed: false },
};

export interface MinorAssessment {
  minor: boolean;
  age: number | null;
  allowed: boolean;
  reasons: RuleReason[];
}

export function assessMinor(input: {
  transactionDate: string;
  kind: IntakeKind;
  dateOfBirth?: string | null;
  age?: number | null;
  prefecture?: string;
  storePolicy?: StorePolicy;
  guardian?: GuardianFacts | null;
  rules?: Record<string, PrefectureMinorRule>;
}): MinorAssessment {
  const { transactionDate: date, kind } = input;
  // The birthday itself counts: a seller who turns 18 on the transaction date is an adult (rule 40).
  const age = input.dateOfBirth
    ? compareIso(input.dateOfBirth, date) <= 0 ? ageOn(input.dateOfBirth, date) : null
    : (input.age ?? null);
  if (age === null) {
    return { minor: false, age, allowed: false, reasons: [{ rule: 39, article: ART.act15_1, message: '年齢を確認できないため、青少年からの買受けでないことを判断できません。生年月日又は年齢を記録してください。' }] };
  }
  if (age >= ADULT_AGE) {
    return { minor: false, age, allowed: true, reasons: [{ rule: 40, article: ART.civil5, message: `取引日に${age}歳（18歳以上）のため成年として扱います。` }] };
  }
  const key = (input.prefecture ?? 'tokyo').toLowerCase();
  const rule = (input.rules ?? PREFECTURE_MINOR_RULES)[key] ?? DEFAULT_MINOR_RULE;
  const reasons: RuleReason[] = [];
  if ((input.storePolicy ?? 'allow_with_guardian') === 'never_under_18') {
    reasons.push({ rule: 39, article: '店舗方針', message: `取引日に${age}歳です。店舗方針により18歳未満からは保護者の同意があっても受け入れません。` });
    return { minor: true, age, allowed: false, reasons };
  }
  if (!rule.kinds.includes(kind)) {
    reasons.push({ rule: 39, article: rule.article, message: `${rule.label}の条例はこの取引の種類を制限していません。保護者の同意の確認を推奨します。` });
    return { minor: true, age, allowed: true, reasons };
  }
  const g = input.guardian ?? {};
  const lifted: string[] = [];
  if (rule.accepts.consent && g.consentDocumentRef) lifted.push('保護者の同意書');
  if (rule.accepts.accompanied && g.accompanied === true) lifted.push('保護者の同行');
  if (rule.accepts.instructed && g.instructed === true) lifted.push('保護者の委託');
  if (lifted.length === 0) {
    reasons.push({ rule: 39, article: rule.article, message: `取引日に${age}歳（青少年）です。保護者の同意・同行等の記録がないため受け入れできません。` });
    return { minor: true, age, allowed: false, reasons };
  }
  reasons.push({ rule: 39, article: rule.article, message: `取引日に${age}歳（青少年）ですが、${lifted.join('・')}があるため受け入れできます。` });
  return { minor: true, age, allowed: true, reasons };
}

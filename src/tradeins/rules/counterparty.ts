// The four facts a verified intake records about the counterparty (古物営業法15条1項・16条4号):
// address, name, occupation and age. ID cards do not show occupation, so it is self-declared.
import { z } from 'zod';
import { ageOn, compareIso, normalizeText } from '../../shared/japanese.js';
import { ART, IsoDate, type RuleIssue } from './reasons.js';

/** Oldest plausible age at the transaction date; a DOB implying this or more is a typo. */
export const MAX_PLAUSIBLE_AGE = 130;

export const CounterpartyFacts = z.object({
  name: z.string().optional(),
  kanaName: z.string().optional(),
  address: z.string().optional(),
  /** Self-declared by the customer (DOMAIN rule 14). */
  occupation: z.string().optional(),
  age: z.number().int().min(0).max(MAX_PLAUSIBLE_AGE - 1).optional(),
  dateOfBirth: IsoDate.optional(),
});
export type CounterpartyFacts = z.infer<typeof CounterpartyFacts>;

const blank = (s: string | undefined | null): boolean => s == null || normalizeText(s) === '';

/** Age on the transaction date: from the date of birth when known, else the declared age. */
export function counterpartyAge(cp: Pick<CounterpartyFacts, 'age' | 'dateOfBirth'>, transactionDate: string): number | null {
  if (cp.dateOfBirth) return ageOn(cp.dateOfBirth, transactionDate);
  return cp.age ?? null;
}

/**
 * Issues for a counterparty that a verified transaction cannot complete with (DOMAIN rule 14; the
 * ledger check reuses it as rule 24). Paths are `${pathPrefix}.field`.
 */
export function counterpartyIssues(
  cp: Partial<CounterpartyFacts> | null | undefined,
  transactionDate: string,
  opts: { pathPrefix?: string; rule?: number } = {},
): RuleIssue[] {
  const prefix = opts.pathPrefix ?? 'counterparty';
  const rule = opts.rule ?? 14;
  const issues: RuleIssue[] = [];
  const add = (field: string, code: string, message: string, article: string = ART.act15_1) =>
    issues.push({ path: `${prefix}.${field}`, code, message, rule, article });
  const c = cp ?? {};
  if (blank(c.address)) add('address', 'required', '相手方の住所を記録してください。');
  if (blank(c.name)) add('name', 'required', '相手方の氏名を記録してください。');
  if (blank(c.occupation)) add('occupation', 'required', '相手方の職業（本人の申告）を記録してください。');
  if (c.dateOfBirth) {
    if (compareIso(c.dateOfBirth, transactionDate) > 0) {
      add('dateOfBirth', 'date_of_birth_in_future', '生年月日が取引日より後になっています。');
    } else {
      const age = ageOn(c.dateOfBirth, transactionDate);
      if (age >= MAX_PLAUSIBLE_AGE) {
        add('dateOfBirth', 'date_of_birth_implausible', `生年月日から算出した年齢が${MAX_PLAUSIBLE_AGE}歳以上です。入力を確認してください。`);
      } else if (c.age != null && c.age !== age) {
        add('age', 'age_mismatch', '申告された年齢が生年月日から算出した取引日の年齢と一致しません。');
      }
    }
  } else if (c.age == null) {
    add('age', 'required', '相手方の年齢又は生年月日を記録してください。');
  } else if (!Number.isInteger(c.age) || c.age < 0 || c.age >= MAX_PLAUSIBLE_AGE) {
    add('age', 'age_implausible', '年齢が不正です。');
  }
  return issues;
}

// Shared shapes for every rule decision: each carries the DOMAIN testable-rule number and the
// article it enforces, so the API can show staff *why* (ARCHITECTURE rule 10).
import { z } from 'zod';
import { isIsoDate } from '../../shared/japanese.js';

/** Why a requirement applies (or does not). */
export interface RuleReason {
  /** DOMAIN.md "Testable rules" number. */
  rule: number;
  /** Statute and article, e.g. '古物営業法施行規則16条2項'. */
  article: string;
  message: string;
}

/** A problem with a specific input field; a superset of shared/errors FieldIssue. */
export interface RuleIssue {
  /** Dotted path, e.g. 'documents.0.expiryDate' or 'counterparty.occupation'. */
  path: string;
  /** Stable machine code, e.g. 'payout_name_mismatch'. */
  code: string;
  message: string;
  rule: number;
  article: string;
}

/** YYYY-MM-DD that is a real calendar date. */
export const IsoDate = z.string().refine(isIsoDate, { message: 'expected a real date as YYYY-MM-DD' });

/** Whole yen, never negative. */
export const Yen = z.number().int().nonnegative();

/** Article strings used across the rule modules (one spelling everywhere). */
export const ART = {
  act14: '古物営業法14条1項',
  act15_1: '古物営業法15条1項',
  act15_1_1: '古物営業法15条1項1号',
  act15_1_2: '古物営業法15条1項2号',
  act15_1_3: '古物営業法15条1項3号',
  act15_1_4: '古物営業法15条1項4号',
  act15_2_1: '古物営業法15条2項1号',
  act15_2_2: '古物営業法15条2項2号',
  act16: '古物営業法16条',
  act16_4: '古物営業法16条4号',
  act16_5: '古物営業法16条5号',
  act18_1: '古物営業法18条1項',
  rule2: '古物営業法施行規則2条',
  rule15_1: '古物営業法施行規則15条1項',
  rule15_2: '古物営業法施行規則15条2項',
  rule15_3: '古物営業法施行規則15条3項',
  rule16_1: '古物営業法施行規則16条1項',
  rule16_2: '古物営業法施行規則16条2項',
  rule17: '古物営業法施行規則17条（別記様式第15号）',
  rule18: '古物営業法施行規則18条',
  civil140: '民法140条・143条',
  civil5: '民法5条',
  healthInsurance: '健康保険証の経過措置（令和5年法律第48号附則。2025-12-01まで）',
} as const;

/** '古物営業法施行規則15条3項8号' for item 8. */
export function rule15_3(item: number): string {
  return `${ART.rule15_3}${item}号`;
}

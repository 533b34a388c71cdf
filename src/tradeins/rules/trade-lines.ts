// One line of a transaction and the transaction total, shared by intake and disposal rules.
import { z } from 'zod';
import { ItemCategory } from './categories.js';
import { ItemDesignation } from './designations.js';
import { Yen } from './reasons.js';

/** ¥10,000: 古物営業法施行規則16条1項 (the amount of 法15条2項1号). Strictly below is exempt. */
export const THRESHOLD_YEN = 10_000;

export const TradeLine = z.object({
  category: ItemCategory,
  designation: ItemDesignation.default('NONE'),
  quantity: z.number().int().positive(),
  unitPrice: Yen,
});
export type TradeLine = z.infer<typeof TradeLine>;
/** What callers may pass to the pure functions (designation defaults to NONE). */
export type TradeLineInput = z.input<typeof TradeLine>;

/**
 * 「対価の総額」: the total of ONE transaction (sum of quantity × unit price), not the unit price of
 * any single item (DOMAIN 1.1). Whether it is tax-inclusive is NOT FOUND in DOMAIN: the caller
 * passes the amount actually paid. Bad numbers are a programmer error (input is parsed upstream).
 */
export function transactionTotal(items: ReadonlyArray<Pick<TradeLineInput, 'quantity' | 'unitPrice'>>): number {
  let total = 0;
  items.forEach((it, i) => {
    if (!Number.isSafeInteger(it.quantity) || it.quantity <= 0) throw new RangeError(`items.${i}.quantity must be a positive integer`);
    if (!Number.isSafeInteger(it.unitPrice) || it.unitPrice < 0) throw new RangeError(`items.${i}.unitPrice must be a non-negative integer`);
    total += it.quantity * it.unitPrice;
  });
  if (!Number.isSafeInteger(total)) throw new RangeError('transaction total overflows');
  return total;
}

/** Adds a reason unless one with the same rule, article and message is already there. */
export function pushUnique<T extends { rule: number; article: string; message: string }>(list: T[], r: T): void {
  if (!list.some((x) => x.rule === r.rule && x.article === r.article && x.message === r.message)) list.push(r);
}

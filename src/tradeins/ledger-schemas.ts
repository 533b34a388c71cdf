// Inputs and outputs of the ledger read routes (古物営業法16条 帳簿; 別記様式第15号 one item per row).
import { z } from 'zod';

const IsoDate = z.iso.date().describe('YYYY-MM-DD (Asia/Tokyo business date)');
const StoreId = z.string().min(1).max(64);

export const LedgerListQuery = z.strictObject({
  storeId: StoreId,
  from: IsoDate.describe('first business date, inclusive'),
  to: IsoDate.describe('last business date, inclusive'),
  cursor: z.string().max(300).optional().describe('opaque; nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LedgerListQuery = z.infer<typeof LedgerListQuery>;

/** Exactly one mode: `identifier`, or `name` + `dateOfBirth`. The verb checks the combination. */
export const LedgerSearchQuery = z.strictObject({
  identifier: z.string().trim().min(1).max(100).optional().describe('serial, IMEI, 車台番号 or 登録番号; width, case, spaces and hyphens are ignored'),
  name: z.string().trim().min(1).max(200).optional().describe('counterparty name (spaces and width ignored); needs dateOfBirth'),
  dateOfBirth: IsoDate.optional(),
});
export type LedgerSearchQuery = z.infer<typeof LedgerSearchQuery>;

export const LedgerPrintQuery = z.strictObject({
  storeId: StoreId,
  from: IsoDate.describe('first business date, inclusive'),
  to: IsoDate.describe('last business date, inclusive; at most 3 years after from'),
});
export type LedgerPrintQuery = z.infer<typeof LedgerPrintQuery>;

/** 相手方の住所・氏名・職業・年齢. Every text field reads 「匿名化済」 once the entry is anonymised. */
export const LedgerCounterparty = z.object({
  name: z.string().nullable(),
  address: z.string().nullable(),
  occupation: z.string().nullable(),
  age: z.number().int().nullable().describe('full years on the business date'),
});
export type LedgerCounterparty = z.infer<typeof LedgerCounterparty>;

export const LedgerRow = z.object({
  storeId: z.string(),
  tradeinId: z.string(),
  itemId: z.string(),
  lineNo: z.number().int(),
  intake: z
    .object({
      date: z.string(),
      kind: z.enum(['purchase', 'exchange', 'consignment']),
      counterparty: LedgerCounterparty,
      method: z.string().nullable().describe('確認の区分及び方法'),
    })
    .nullable()
    .describe('受入れ; null when only the 払出し had to be recorded'),
  disposal: z
    .object({
      id: z.string(),
      date: z.string(),
      kind: z.enum(['sale', 'consignment_return', 'return']),
      price: z.number().int(),
      counterparty: LedgerCounterparty.nullable().describe('null when the law lets it be omitted (car buyers)'),
    })
    .nullable()
    .describe('払出し, when it had to be recorded'),
  category: z.string(),
  categoryLabel: z.string().describe('品目 (施行規則2条)'),
  designation: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  features: z.string().describe('特徴, formatted as one Japanese line'),
  version: z.number().int(),
  amended: z.boolean().describe('corrected after first recording (訂正あり)'),
  anonymized: z.boolean(),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

export const LedgerPage = z.object({ items: z.array(LedgerRow), nextCursor: z.string().nullable() });
export type LedgerPage = z.infer<typeof LedgerPage>;

export const LedgerSearchResult = z.object({
  items: z.array(LedgerRow),
  limit: z.number().int(),
  truncated: z.boolean().describe('more rows matched than limit; narrow the search'),
});
export type LedgerSearchResult = z.infer<typeof LedgerSearchResult>;

/**
 * OpenAPI entry only (`type: string, format: binary`). The handler sends a Buffer, which Fastify
 * passes through without the serializer; unknown lets the typed reply accept it.
 */
export const LedgerPdf = z.unknown().meta({ type: 'string', format: 'binary', description: 'PDF bytes' });

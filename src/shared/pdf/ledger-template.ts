import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Loader for templates/ledger-form15.json: the wording and layout of the printed 古物台帳
 * (古物営業法施行規則 第17条, 別記様式第15号). The file is data that people edit, so it is
 * validated here and a broken template fails loudly at the first render, not as a garbled page.
 */

export const LEDGER_COLUMN_KEYS = [
  'no',
  'intakeDate',
  'intakeKind',
  'item',
  'quantity',
  'features',
  'intakeCounterparty',
  'method',
  'disposalDate',
  'disposalKind',
  'disposalCounterparty',
  'remarks',
] as const;

const Align = z.enum(['left', 'center', 'right']);

export const LedgerTemplate = z.object({
  form: z.string().min(1),
  title: z.string().min(1),
  page: z.object({ size: z.literal('A4'), layout: z.enum(['portrait', 'landscape']), margin: z.number().min(0).max(72) }),
  fontSizes: z.object({
    title: z.number().positive(),
    form: z.number().positive(),
    headerField: z.number().positive(),
    tableHeader: z.number().positive(),
    body: z.number().positive(),
  }),
  headerFields: z.array(
    z.object({ key: z.enum(['storeName', 'permitNumber', 'commission', 'period', 'printedAt']), label: z.string().min(1) }),
  ),
  headerFieldsPerLine: z.number().int().min(1).max(5),
  groups: z.object({ intake: z.string().min(1), disposal: z.string().min(1) }),
  columns: z
    .array(
      z.object({
        key: z.enum(LEDGER_COLUMN_KEYS),
        label: z.string().min(1),
        // Narrower than two characters cannot hold a wrapped Japanese line.
        width: z.number().min(16),
        group: z.enum(['intake', 'disposal']).optional(),
        align: Align.optional(),
      }),
    )
    .refine((cols) => new Set(cols.map((c) => c.key)).size === LEDGER_COLUMN_KEYS.length, {
      message: 'every ledger column key must appear exactly once',
    }),
  kinds: z.object({
    intake: z.object({ purchase: z.string(), consignment: z.string(), exchange: z.string() }),
    disposal: z.object({ sale: z.string(), consignment_handover: z.string(), consignment_return: z.string(), return: z.string() }),
  }),
  text: z.object({
    periodSeparator: z.string(),
    pageNumber: z.string().includes('{page}').includes('{pages}'),
    noEntries: z.string().min(1),
    amended: z.string().min(1),
    notRecorded: z.string(),
    age: z.string().includes('{age}'),
    labelSeparator: z.string(),
  }),
});
export type LedgerTemplate = z.infer<typeof LedgerTemplate>;

// src/shared/pdf and dist/shared/pdf are both three levels below the project root, so this
// resolves to <root>/templates under tsx and in the compiled build alike.
const TEMPLATE_URL = new URL('../../../templates/ledger-form15.json', import.meta.url);

let cached: LedgerTemplate | undefined;

export function loadLedgerTemplate(): LedgerTemplate {
  cached ??= LedgerTemplate.parse(JSON.parse(readFileSync(TEMPLATE_URL, 'utf8')));
  return cached;
}

/** Fills `{name}` placeholders in template wording. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

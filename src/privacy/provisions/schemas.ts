// Inputs and outputs of the third-party provision register (個人情報保護法29条; DOMAIN rule 41).
import { z } from 'zod';
import { IsoDate } from '../../tradeins/rules/index.js';
import { RECIPIENT_TYPES, RECORD_KINDS } from '../rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ProvisionInput = z.strictObject({
  customerId: z.string().min(1).max(64),
  /** Only `third_party` is recorded; police, processors, successors and joint users are exempt. */
  recipientType: z.enum(RECIPIENT_TYPES),
  recipient: z.strictObject({ name: text(200), address: text(300).optional() }),
  /** What was given, in words the person understands (e.g. 氏名, 車両写真（ナンバープレート）). */
  dataItems: z.array(text(100)).min(1).max(30),
  basis: z.enum(['consent', 'opt_out']),
  /** Required with basis consent (PPC規則20条: the fact of consent is recorded). */
  consentObtainedOn: IsoDate.optional(),
  providedOn: IsoDate,
  recordKind: z.enum(RECORD_KINDS).default('individual'),
  source: z.strictObject({ kind: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/), id: z.string().min(1).max(64).optional() }).default({ kind: 'manual' }),
});
export type ProvisionInput = z.input<typeof ProvisionInput>;

export const ProvisionRecord = z.object({
  id: z.string(),
  storeId: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  recordKind: z.enum(RECORD_KINDS),
  recipientName: z.string(),
  recipientAddress: z.string().nullable(),
  dataItems: z.array(z.string()),
  basis: z.enum(['consent', 'opt_out']),
  consentObtainedOn: z.string().nullable(),
  firstProvidedOn: z.string(),
  lastProvidedOn: z.string(),
  provisions: z.number(),
  retainUntil: z.string(),
  sourceKind: z.string(),
  sourceId: z.string().nullable(),
  createdAt: z.string(),
});
export type ProvisionRecord = z.infer<typeof ProvisionRecord>;

export const ProvisionOutcome = z.object({
  recorded: z.boolean(),
  /** When not recorded: why (the exemption and its article). */
  exemption: z.object({ article: z.string(), reason: z.string() }).nullable(),
  record: ProvisionRecord.nullable(),
});

export const ListProvisions = z.strictObject({
  customerId: z.string().min(1).max(64).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListProvisions = z.infer<typeof ListProvisions>;

export const ExportProvisions = ListProvisions.omit({ limit: true }).extend({ format: z.enum(['csv', 'json']).default('csv') });
export type ExportProvisions = z.infer<typeof ExportProvisions>;

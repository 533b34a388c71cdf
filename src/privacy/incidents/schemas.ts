// Leak incident input and output (個人情報保護法26条; DOMAIN rule 45).
import { z } from 'zod';
import { IsoDate } from '../../tradeins/rules/index.js';
import { DATA_CATEGORIES, LEAK_CAUSES } from '../rules/index.js';

export const CreateIncident = z.strictObject({
  discoveredOn: IsoDate,
  /** What happened, without the affected people's data (the record itself holds no personal data). */
  summary: z.string().trim().min(1).max(2000),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).min(1),
  /** People affected, or possibly affected ("may have occurred" counts: 規則7条). */
  affectedCount: z.number().int().min(0).max(1_000_000_000),
  cause: z.enum(LEAK_CAUSES),
  /** Encrypted at rest to a high standard (e.g. the AES-256-GCM blob store). */
  encryptedHighStandard: z.boolean(),
  keyCompromised: z.boolean().default(false),
  /** 帳簿等 (the ledger) lost or destroyed: 古物営業法18条2項 (DOMAIN rule 31). */
  ledgerAffected: z.boolean().default(false),
});
export type CreateIncident = z.infer<typeof CreateIncident>;

export const Incident = z.object({
  id: z.string(),
  discoveredOn: z.string(),
  summary: z.string(),
  dataCategories: z.array(z.string()),
  affectedCount: z.number(),
  cause: z.string(),
  encryptedHighStandard: z.boolean(),
  keyCompromised: z.boolean(),
  ledgerAffected: z.boolean(),
  reportable: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), article: z.string(), message: z.string() })),
  preliminaryTarget: z.string().nullable(),
  preliminaryDue: z.string().nullable(),
  finalDue: z.string().nullable(),
  notifyPersons: z.boolean(),
  tasks: z.array(z.string()),
  createdAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;

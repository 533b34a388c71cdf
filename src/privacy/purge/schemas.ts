// Purge request and report shapes.
import { z } from 'zod';

export const RunPurge = z.strictObject({ dryRun: z.boolean() });

const Dated = z.object({ id: z.string(), date: z.string(), erasableFrom: z.string() });
export const PurgeReport = z.object({
  dryRun: z.boolean(),
  runId: z.string().nullable(),
  asOf: z.string(),
  candidates: z
    .object({
      tradeins: z.array(Dated),
      idDocuments: z.array(z.object({ id: z.string(), tradeinId: z.string().nullable() })),
      disposals: z.array(Dated),
      provisionRecords: z.array(z.object({ id: z.string(), retainUntil: z.string() })),
      customers: z.array(z.object({ id: z.string() })),
      requests: z.array(z.object({ id: z.string() })),
      disclosureCopies: z.array(z.object({ id: z.string() })),
    })
    .nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
});

export const PurgeRun = z.object({
  id: z.string(),
  trigger: z.string(),
  status: z.string(),
  asOf: z.string(),
  counts: z.record(z.string(), z.number()).nullable(),
  errorCode: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

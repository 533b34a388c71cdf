// HTTP inputs and outputs for 不正品申告 reports (古物営業法15条3項; DOMAIN rule 36).
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CompleteReport = z.strictObject({
  blockId: z.string().min(1).max(64).describe('the suspicion_report task opened by POST /tradeins/:id/suspicion'),
  reportedAt: z.iso.datetime({ offset: true }).describe('when the police were told'),
  station: text(100).describe('the station or unit told'),
  officerName: text(100),
  channel: z.enum(['phone', 'visit']).describe('phone, or in person (an officer came, or staff went to the station)'),
  summary: text(2000).describe('what was reported'),
});
export type CompleteReport = z.infer<typeof CompleteReport>;

export const SuspicionReport = z.object({
  id: z.string(),
  blockId: z.string(),
  tradeinId: z.string(),
  storeId: z.string(),
  reportedAt: z.string(),
  station: z.string(),
  officerName: z.string(),
  channel: z.enum(['phone', 'visit']),
  summary: z.string(),
  reason: z.string().nullable().describe('why staff suspected the goods (from the task)'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SuspicionReport = z.infer<typeof SuspicionReport>;

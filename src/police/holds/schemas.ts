// HTTP inputs and outputs for 差止め hold orders (古物営業法21条; DOMAIN rule 35).
import { z } from 'zod';
import { IsoDate } from '../../tradeins/rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CreateHold = z.strictObject({
  itemId: z.string().min(1).max(64),
  orderDate: IsoDate.describe('the date of the order'),
  endDate: IsoDate.describe('last day of the hold; at most 30 days after the order date (a longer hold is a new order)'),
  station: text(100),
  officerName: text(100),
  referenceNumber: text(60).optional(),
  notes: text(2000).optional(),
});
export type CreateHold = z.infer<typeof CreateHold>;

export const ReleaseHold = z.strictObject({
  releasedOn: IsoDate.describe('the day the police lifted the order'),
  note: text(1000),
});
export type ReleaseHold = z.infer<typeof ReleaseHold>;

export const HoldQuery = z.strictObject({ status: z.enum(['active', 'expired', 'released', 'all']).default('active') });

export const Hold = z.object({
  id: z.string(),
  itemId: z.string(),
  tradeinId: z.string(),
  storeId: z.string(),
  blockId: z.string(),
  orderDate: z.string(),
  endDate: z.string(),
  station: z.string(),
  officerName: z.string(),
  referenceNumber: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(['active', 'expired', 'released']),
  daysLeft: z.number().int().describe('days until the end date, inclusive of today; 0 once it has ended'),
  releasedAt: z.string().nullable(),
  releaseNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Hold = z.infer<typeof Hold>;

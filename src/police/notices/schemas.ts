// HTTP inputs and outputs for 品触れ notices (古物営業法19条; DOMAIN rules 32-34).
import { z } from 'zod';
import { IsoDate, ItemCategory } from '../../tradeins/rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const opt = (max: number) => text(max).optional();

export const NoticeItemInput = z.strictObject({
  description: text(500),
  category: ItemCategory.optional(),
  brand: opt(100),
  model: opt(100),
  colour: opt(50),
  serialNumber: opt(100),
  imei: opt(40),
  chassisNumber: opt(40),
  plateNumber: opt(40),
  notes: opt(500),
});
export type NoticeItemInput = z.infer<typeof NoticeItemInput>;

export const RegisterNotice = z.strictObject({
  issuingAgency: text(100).describe('e.g. 警視庁 生活安全部 / 新宿警察署'),
  noticeNumber: text(60).describe('the notice number as printed'),
  kind: z.enum(['stolen', 'lost']).default('stolen'),
  /** Required by 古物営業法19条: the dealer writes the arrival date on the notice. */
  arrivalDate: IsoDate.describe('到達日 (YYYY-MM-DD); the notice is active until this date + 6 months'),
  items: z.array(NoticeItemInput).min(1).max(500),
  notes: opt(2000),
});
export type RegisterNotice = z.infer<typeof RegisterNotice>;

export const NoticeQuery = z.strictObject({ active: z.enum(['true', 'false']).optional() });

export const ResolveMatch = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('reported'),
    reportedAt: z.iso.datetime({ offset: true }).describe('when the police were told'),
    station: text(100),
    officerName: text(100),
  }),
  z.strictObject({ outcome: z.literal('false_positive'), reason: text(1000) }),
]);
export type ResolveMatch = z.infer<typeof ResolveMatch>;

export const NoticeMatch = z.object({
  id: z.string(),
  noticeId: z.string(),
  noticeNumber: z.string(),
  noticeItemId: z.string(),
  itemId: z.string(),
  tradeinId: z.string(),
  storeId: z.string(),
  blockId: z.string(),
  confidence: z.enum(['hit', 'review']),
  matchedOn: z.array(z.string()),
  phase: z.enum(['holding', 'intake']),
  status: z.enum(['open', 'reported', 'false_positive', 'resolved']),
  reportedAt: z.string().nullable(),
  reportedStation: z.string().nullable(),
  reportedOfficer: z.string().nullable(),
  falsePositiveReason: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type NoticeMatch = z.infer<typeof NoticeMatch>;

export const NoticeItem = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  description: z.string(),
  category: z.string().nullable(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  colour: z.string().nullable(),
  serialNumber: z.string().nullable(),
  imei: z.string().nullable(),
  chassisNumber: z.string().nullable(),
  plateNumber: z.string().nullable(),
  notes: z.string().nullable(),
  matchable: z.enum(['identifier', 'description', 'none']).describe('what can be matched automatically'),
});

export const Notice = z.object({
  id: z.string(),
  issuingAgency: z.string(),
  noticeNumber: z.string(),
  kind: z.enum(['stolen', 'lost']),
  arrivalDate: z.string(),
  activeUntil: z.string(),
  active: z.boolean(),
  deletableFrom: z.string(),
  source: z.enum(['api', 'csv']),
  notes: z.string().nullable(),
  createdAt: z.string(),
  items: z.array(NoticeItem),
  matches: z.array(NoticeMatch),
});
export type Notice = z.infer<typeof Notice>;

export const NoticeSummary = Notice.omit({ items: true, matches: true }).extend({ items: z.number().int(), openMatches: z.number().int() });

export const ImportResult = z.object({
  mode: z.literal('all_or_nothing'),
  notices: z.array(Notice),
  rows: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

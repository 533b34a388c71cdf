// HTTP inputs and outputs for police inquiries (古物営業法22条3項, 刑事訴訟法197条2項, warrants,
// 品触れ follow-ups; DOMAIN §2.2, rule 38).
import { z } from 'zod';
import { LedgerRow } from '../../tradeins/ledger-schemas.js';
import { IsoDate, ItemCategory } from '../../tradeins/rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);

export const LegalBasis = z.enum(['act22_3', 'ccp197_2', 'warrant', 'notice_followup', 'other']).describe(
  'act22_3: 古物営業法22条3項の報告要求; ccp197_2: 刑事訴訟法197条2項 捜査関係事項照会; warrant: 令状; notice_followup: 品触れ; other: legalBasisText required',
);

/** What to look for. At least one identifier or person: a date range alone would hand over a whole ledger. */
export const Criteria = z.strictObject({
  identifiers: z.array(text(100)).max(50).default([]).describe('serial, IMEI, 車台番号 or 登録番号; width, case, spaces and hyphens ignored'),
  persons: z.array(z.strictObject({ name: text(200), dateOfBirth: IsoDate })).max(10).default([]),
  dateFrom: IsoDate.optional(),
  dateTo: IsoDate.optional(),
  storeIds: z.array(id).max(100).default([]),
  categories: z.array(ItemCategory).max(13).default([]),
});
export type Criteria = z.infer<typeof Criteria>;

export const CreateInquiry = z.strictObject({
  referenceNumber: text(100).describe('照会番号 / 文書番号'),
  agency: text(100).describe('e.g. 警視庁'),
  station: text(100).describe('e.g. 新宿警察署 生活安全課'),
  officerName: text(100),
  officerContact: text(200).optional(),
  receivedDate: IsoDate,
  legalBasis: LegalBasis,
  legalBasisText: text(500).optional().describe('required for other; e.g. the warrant number'),
  respondingStoreId: id.describe('the 営業所 addressed; its name and 古物商許可番号 head the answer'),
  criteria: Criteria,
  notes: text(2000).optional(),
});
export type CreateInquiry = z.infer<typeof CreateInquiry>;

export const UpdateInquiry = CreateInquiry.partial().refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateInquiry = z.infer<typeof UpdateInquiry>;

export const Selection = z.strictObject({ itemIds: z.array(id).max(1000) });
export const CloseInquiry = z.strictObject({
  outcome: z.enum(['answered', 'no_records', 'withdrawn', 'declined']),
  note: text(2000).optional(),
});
export type CloseInquiry = z.infer<typeof CloseInquiry>;

export const InquiryQuery = z.strictObject({ status: z.enum(['received', 'searched', 'approved', 'exported', 'closed', 'open']).optional() });

export const InquiryMatch = LedgerRow.extend({
  matchedOn: z.array(z.string()),
  selected: z.boolean(),
});

export const Export = z.object({
  id: z.string(),
  inquiryId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  recordsTotal: z.number().int(),
  recordsDone: z.number().int(),
  percent: z.number().int(),
  sha256: z.string().nullable(),
  size: z.number().int().nullable(),
  keyFingerprint: z.string().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable().describe('when the packet was generated: recorded here, never inside the packet'),
  downloads: z.number().int(),
});
export type Export = z.infer<typeof Export>;

export const Inquiry = z.object({
  id: z.string(),
  referenceNumber: z.string(),
  agency: z.string(),
  station: z.string(),
  officerName: z.string(),
  officerContact: z.string().nullable(),
  receivedDate: z.string(),
  legalBasis: LegalBasis,
  legalBasisText: z.string().nullable(),
  respondingStoreId: z.string(),
  criteria: Criteria,
  notes: z.string().nullable(),
  status: z.enum(['received', 'searched', 'approved', 'exported', 'closed']),
  outcome: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  searchedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  matches: z.array(InquiryMatch),
  exports: z.array(Export),
});
export type Inquiry = z.infer<typeof Inquiry>;

export const InquirySummary = Inquiry.omit({ matches: true, exports: true, criteria: true }).extend({ matches: z.number().int(), selected: z.number().int() });

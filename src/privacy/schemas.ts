// HTTP inputs and outputs of data-subject requests. The subject's own data never comes back in a
// request view: only ids, dates, states and the outcome (a staff member taking a request at the
// counter must not learn whether the person is a customer).
import { z } from 'zod';
import { IsoDate } from '../tradeins/rules/index.js';
import { REQUEST_TYPES } from './rules/index.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().min(1).max(64);

export const IdParams = z.strictObject({ id });

/** Document types accepted as proof of identity: the type is recorded, never the number. */
export const IdentityDocumentType = z.enum(['DRIVERS_LICENSE', 'MY_NUMBER_CARD', 'PASSPORT', 'RESIDENCE_CARD', 'HEALTH_INSURANCE_CARD', 'QUALIFICATION_CERTIFICATE', 'RESIDENT_RECORD', 'SEAL_CERTIFICATE', 'OTHER']);

export const IdentityConfirmation = z.strictObject({
  method: z.enum(['in_person', 'postal', 'online']),
  documentType: IdentityDocumentType,
  /** The user who checked the document; defaults to the caller. */
  confirmedByUserId: id.optional(),
  confirmedOn: IsoDate,
});

/** A 代理人 (legal representative or attorney): their own ID and what shows their authority. */
export const ProxyRequester = z.strictObject({
  name: text(100),
  documentType: IdentityDocumentType,
  authorityDocument: z.enum(['power_of_attorney', 'family_register', 'guardianship_registration', 'other']),
});

export const Subject = z.union([
  z.strictObject({ customerId: id }),
  z.strictObject({ name: text(100), dateOfBirth: IsoDate, address: text(300) }),
]);

export const CreateRequest = z.strictObject({
  storeId: id,
  type: z.enum(REQUEST_TYPES),
  subject: Subject,
  /** Required (400 identity_confirmation_required without it): disclosure only after identity is confirmed. */
  identity: IdentityConfirmation.optional(),
  proxy: ProxyRequester.optional(),
  receivedDate: IsoDate,
  /** Yen; only for disclosure and purpose notices (Art. 38). */
  fee: z.number().int().min(0).max(100_000).optional(),
  deliveryMethod: z.enum(['electronic', 'paper']).optional(),
  details: z.string().trim().max(2000).optional(),
});
export type CreateRequest = z.infer<typeof CreateRequest>;

export const ListRequests = z.strictObject({
  status: z.enum(['received', 'closed']).optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  storeId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListRequests = z.infer<typeof ListRequests>;

export const CloseRequest = z.strictObject({
  outcome: z.enum(['fulfilled', 'refused', 'withdrawn']),
  /** Why (Art. 33(2) grounds, content_accurate for Art. 34, …): a code, not free text. */
  reasonCode: z.enum(['purpose_notified', 'harm_to_person', 'business_hindrance', 'violates_law', 'content_accurate', 'not_needed', 'withdrawn_by_requester', 'other']).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CloseRequest = z.infer<typeof CloseRequest>;

export const Correction = z.strictObject({
  reason: text(1000),
  /** The corrected values, applied to the customer record(s). */
  customer: z
    .strictObject({ name: text(100).optional(), kanaName: text(100).optional(), address: text(300).optional(), occupation: text(100).optional(), dateOfBirth: IsoDate.optional(), contact: text(200).optional() })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'at least one field' }),
  /** Completed ledger entries whose counterparty was recorded wrongly: amended with history (rule 44). */
  tradeinIds: z.array(id).max(200).default([]),
});
export type Correction = z.infer<typeof Correction>;

const Refusal = z.object({
  kind: z.string(),
  id: z.string(),
  code: z.string(),
  reason: z.string(),
  article: z.string(),
  rule: z.number(),
  retainedUntil: z.string(),
  erasableFrom: z.string(),
});

export const RequestResult = z.object({
  erased: z.array(z.object({ kind: z.string(), id: z.string() })).default([]),
  stopped: z.array(z.object({ kind: z.string(), id: z.string() })).default([]),
  refused: z.array(Refusal).default([]),
  optOuts: z.array(z.string()).default([]),
  corrected: z.array(z.object({ kind: z.string(), id: z.string(), fields: z.array(z.string()), version: z.number().optional() })).default([]),
  disclosures: z.array(z.string()).default([]),
  /** The date from which everything refused can be erased (the latest erasableFrom). */
  erasableFrom: z.string().nullable().default(null),
  notes: z.array(z.string()).default([]),
});
export type RequestResult = z.infer<typeof RequestResult>;

export const PrivacyRequest = z.object({
  id: z.string(),
  storeId: z.string(),
  type: z.enum(REQUEST_TYPES),
  status: z.enum(['received', 'closed']),
  outcome: z.enum(['fulfilled', 'partially_fulfilled', 'refused', 'withdrawn']).nullable(),
  receivedDate: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  subjectMode: z.enum(['customer', 'lookup']),
  identity: z.object({ method: z.string(), documentType: z.string(), confirmedBy: z.string().nullable(), confirmedOn: z.string() }),
  proxy: z.object({ documentType: z.string(), authorityDocument: z.string() }).nullable(),
  fee: z.number().nullable(),
  deliveryMethod: z.string().nullable(),
  result: RequestResult.nullable(),
  reasonCode: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

const Copy = z.object({ sha256: z.string(), downloadedAt: z.string().nullable(), available: z.boolean() });
export const Disclosure = z.object({ id: z.string(), requestId: z.string(), grantedAt: z.string(), expiresAt: z.string(), copies: z.object({ json: Copy, pdf: Copy }) });
export const DownloadQuery = z.strictObject({ format: z.enum(['json', 'pdf']) });

export const OptOut = z.object({ id: z.string(), customerId: z.string(), scope: z.string(), source: z.string(), registeredAt: z.string(), revokedAt: z.string().nullable() });
export const SetConsent = z.strictObject({ given: z.boolean(), on: IsoDate });
export const Consent = z.object({
  customerId: z.string(),
  marketing: z.enum(['given', 'withdrawn', 'none']),
  history: z.array(z.object({ givenOn: z.string(), withdrawnOn: z.string().nullable() })),
  thirdPartyProvisionOptOut: z.boolean(),
});
/** No query parameters at all: in particular no target to send the export to (DOMAIN rule 46). */
export const MarketingExportQuery = z.strictObject({});
export const MarketingExport = z.object({
  format: z.string(),
  generatedAt: z.string(),
  pseudonymisation: z.object({ method: z.string(), keyFingerprint: z.string() }),
  records: z.array(
    z.object({ pseudonym: z.string(), storeId: z.string(), ageBand: z.string().nullable(), tradeins: z.number(), totalYen: z.number(), lastTradeMonth: z.string().nullable(), categories: z.array(z.string()) }),
  ),
});

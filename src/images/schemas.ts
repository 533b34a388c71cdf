// Inputs and outputs of the photo routes (zod 4, fastify-type-provider-zod).
import { z } from 'zod';
import { REGION_KINDS, REGION_SOURCES, REGION_STATUSES } from './regions/kinds.js';

const id = z.string().min(1).max(64);
export const IdParams = z.strictObject({ id });
export const RegionParams = z.strictObject({ id, regionId: id });
export const Rendition = z.enum(['redacted', 'thumbnail']);
export const RenditionParams = z.strictObject({ id, rendition: Rendition });
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const reason = z.string().trim().min(3).max(500);

export const RegionInput = z.strictObject({
  kind: z.enum(REGION_KINDS),
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  /** Rule 60 for a screen showing notifications; documents are never-publish anyway. */
  neverPublish: z.boolean().default(false),
});
export type RegionInput = z.input<typeof RegionInput>;

/** confirm → burned into the renditions; dismiss → not personal data, or (a plate) the explicit waiver. */
export const RegionDecision = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('confirmed'), neverPublish: z.boolean().optional() }),
  z.strictObject({ status: z.literal('dismissed'), reason }),
]);
export type RegionDecision = z.infer<typeof RegionDecision>;

export const Region = z.object({
  id: z.string(),
  kind: z.enum(REGION_KINDS),
  source: z.enum(REGION_SOURCES),
  detector: z.string().nullable(),
  confidence: z.number().nullable(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
  status: z.enum(REGION_STATUSES),
  dismissReason: z.string().nullable(),
  neverPublish: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const Photo = z.object({
  id: z.string(),
  storeId: z.string(),
  tradeinId: z.string(),
  itemId: z.string(),
  subject: z.enum(['vehicle', 'device', 'other']),
  format: z.string(),
  width: z.number(),
  height: z.number(),
  originalSha256: z.string(),
  originalStored: z.boolean(),
  proposals: z.object({ status: z.enum(['queued', 'running', 'done', 'failed']), attempts: z.number(), error: z.string().nullable(), summary: z.record(z.string(), z.unknown()).nullable(), updatedAt: z.string() }),
  regions: z.array(Region),
  redaction: z.object({ required: z.boolean(), masked: z.number(), waived: z.number(), pending: z.number(), satisfied: z.boolean() }),
  neverPublish: z.boolean(),
  renditions: z.object({ redacted: z.boolean(), thumbnail: z.boolean(), current: z.boolean(), renderedAt: z.string().nullable() }),
  disclosure: z.object({ disclosable: z.boolean(), reasons: z.array(z.string()) }),
  createdAt: z.string(),
  anonymizedAt: z.string().nullable(),
});

export const SUBJECT_TYPES = ['customer', 'tradein', 'chassis_number', 'plate', 'imei'] as const;
export const OptOutInput = z.strictObject({
  subject: z.strictObject({ type: z.enum(SUBJECT_TYPES), value: z.string().trim().min(1).max(64) }),
  scopes: z.array(z.enum(['image_disclosure', 'third_party_provision'])).min(1).max(2).default(['image_disclosure']),
  /** When the person's instruction reached the dealer. */
  receivedOn: IsoDate,
  /** The member dealer it came through; a dealer records for themselves. */
  dealerUserId: id.optional(),
  note: z.string().trim().max(500).optional(),
});
export type OptOutInput = z.input<typeof OptOutInput>;
export const WithdrawInput = z.strictObject({ receivedOn: IsoDate, note: z.string().trim().max(500).optional() });
export type WithdrawInput = z.input<typeof WithdrawInput>;
export const OptOutQuery = z.strictObject({ active: z.enum(['true', 'false']).optional() });

export const PhotoOptOut = z.object({
  id: z.string(),
  subjectType: z.enum(SUBJECT_TYPES),
  subject: z.string().nullable(),
  scope: z.string(),
  source: z.string(),
  receivedOn: z.string().nullable(),
  dealerUserId: z.string().nullable(),
  note: z.string().nullable(),
  registeredAt: z.string(),
  registeredBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokedReceivedOn: z.string().nullable(),
  revokeNote: z.string().nullable(),
});

export const FeedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50), after: z.string().max(200).optional() });
export const FeedEntry = z.object({
  photoId: z.string(),
  itemId: z.string(),
  tradeinId: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  width: z.number(),
  height: z.number(),
  renditions: z.object({ redacted: z.string(), thumbnail: z.string() }),
});
export const Feed = z.object({ photos: z.array(FeedEntry), next: z.string().nullable() });

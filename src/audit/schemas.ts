import { z } from 'zod';
import { AUDIT_ACTIONS } from './actions.js';

export const AuditQuery = z.strictObject({
  action: z.enum(AUDIT_ACTIONS as [string, ...string[]]).optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
  storeId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  storeId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });

export const VerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headHash: z.string(),
  broken: z.object({ seq: z.number(), id: z.string(), reason: z.enum(['hash_mismatch', 'link_mismatch']) }).optional(),
});

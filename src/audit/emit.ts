// Writes one audit entry inside the caller's transaction. If it throws, the caller's write rolls
// back with it (fail-closed). The caller's transaction must be BEGIN IMMEDIATE (writeTx) so that
// reading the chain head and appending cannot interleave with another writer.
import type { Db, Tx } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { canonicalJson } from '../shared/canonical-json.js';
import type { Actor, Clock } from '../shared/context.js';
import { sha256Hex } from '../shared/hash.js';
import { newId } from '../shared/ids.js';
import { AuditEvent } from './actions.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditTarget {
  entityType: string;
  entityId: string;
  storeId?: string | null;
}

export interface AuditCtx {
  db: Db;
  actor: Actor;
  clock: Clock;
  requestId: string | null;
}

/** The fields that are hashed, in the order they are stored. */
export interface AuditRecord {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  storeId: string | null;
  requestId: string | null;
  details: string;
}

export function entryHash(prevHash: string, rec: AuditRecord): string {
  return sha256Hex(prevHash + canonicalJson(rec));
}

// Prepared once per connection (db/prepared.ts): the audit insert is on every write path.
const HEAD = 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1';
const INSERT = `INSERT INTO audit_log (id, at, actor_id, actor_role, action, entity_type, entity_id, store_id, request_id, details, prev_hash, hash)
  VALUES (@id, @at, @actorId, @actorRole, @action, @entityType, @entityId, @storeId, @requestId, @details, @prevHash, @hash)`;

/**
 * `_tx` is taken so a call site reads as part of its transaction; the statements run on the same
 * connection, and we refuse to run outside a transaction at all.
 */
export function emitAudit(_tx: Tx, ctx: AuditCtx, event: AuditEvent, target: AuditTarget): string {
  const parsed = AuditEvent.parse(event);
  if (!ctx.db.$client.inTransaction) throw new Error('emitAudit must run inside the write transaction');
  const head = prepared(ctx.db, HEAD).get() as { hash: string } | undefined;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const rec: AuditRecord = {
    id: newId(),
    at: ctx.clock.now().toISOString(),
    actorId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: parsed.action,
    entityType: target.entityType,
    entityId: target.entityId,
    storeId: target.storeId ?? null,
    requestId: ctx.requestId,
    details: canonicalJson(parsed.details),
  };
  prepared(ctx.db, INSERT).run({ ...rec, prevHash, hash: entryHash(prevHash, rec) });
  return rec.id;
}

// Walks the whole chain in order and names the first entry whose hash or link does not match.
import type { Db } from '../db/client.js';
import { type AuditRecord, entryHash, GENESIS_HASH } from './emit.js';

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The first broken entry, when !ok. */
  broken?: { seq: number; id: string; reason: 'hash_mismatch' | 'link_mismatch' };
  headHash: string;
}

interface Row extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

export function verifyAuditChain(db: Db): VerifyResult {
  const stmt = db.$client.prepare(
    `SELECT seq, id, at, actor_id AS actorId, actor_role AS actorRole, action, entity_type AS entityType,
            entity_id AS entityId, store_id AS storeId, request_id AS requestId, details, prev_hash AS prevHash, hash
     FROM audit_log ORDER BY seq`,
  );
  let prev = GENESIS_HASH;
  let n = 0;
  // iterate() streams rows: a multi-million-entry log is verified in constant memory.
  for (const row of stmt.iterate() as Iterable<Row>) {
    n++;
    const { seq, prevHash, hash, ...rec } = row;
    if (prevHash !== prev) return { ok: false, entries: n, broken: { seq, id: row.id, reason: 'link_mismatch' }, headHash: prev };
    if (entryHash(prevHash, rec) !== hash) return { ok: false, entries: n, broken: { seq, id: row.id, reason: 'hash_mismatch' }, headHash: prev };
    prev = hash;
  }
  return { ok: true, entries: n, headHash: prev };
}

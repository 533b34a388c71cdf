// The audit log: append-only (triggers in migrations refuse UPDATE and DELETE) and hash-chained
// (hash = sha256(prevHash + canonical JSON of the entry)). PII class: none — entries hold ids,
// field names and hashes, never personal values, so the retention purge never needs to touch it
// and the chain keeps verifying after personal data is erased. Retention: indefinite.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    /** Monotonic sequence: the chain order. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    // The entry's public handle. Not indexed: nothing looks an entry up by id (the chain is read in
    // seq order), and a unique index on a random UUID cost every write a random index page.
    id: text('id').notNull(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    storeId: text('store_id'),
    requestId: text('request_id'),
    /** Canonical JSON: ids, field names, hashes. */
    details: text('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity').on(t.entityType, t.entityId),
    index('audit_action_at').on(t.action, t.at),
    index('audit_store_at').on(t.storeId, t.at),
  ],
);

// Prepared statements for the trade-in hot paths. Drizzle's builder re-prepares SQL on every call
// (TECH-NOTES: up to 8x slower); these are prepared once per connection and run inside whatever
// transaction is open on it.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedOnce } from '../db/prepared.js';
import { blocks, idDocuments, stores, tradeinItems, tradeins, verifications } from '../db/schema/index.js';

function build(db: Db) {
  const id = sql.placeholder('id');
  return {
    items: db.select().from(tradeinItems).where(eq(tradeinItems.tradeinId, id)).orderBy(tradeinItems.lineNo).prepare(),
    verification: db.select().from(verifications).where(eq(verifications.tradeinId, id)).prepare(),
    blocks: db.select().from(blocks).where(eq(blocks.tradeinId, id)).prepare(),
    idDocuments: db
      .select({ id: idDocuments.id, crossCheck: idDocuments.crossCheck, acknowledgedAt: idDocuments.acknowledgedAt })
      .from(idDocuments)
      .where(eq(idDocuments.tradeinId, id))
      .prepare(),
    store: db.select().from(stores).where(eq(stores.id, id)).prepare(),
    tradein: db.select().from(tradeins).where(eq(tradeins.id, id)).prepare(),
    priorVerified: db
      .select({ id: tradeins.id })
      .from(tradeins)
      .innerJoin(verifications, eq(verifications.tradeinId, tradeins.id))
      .where(and(eq(tradeins.customerId, sql.placeholder('customerId')), eq(tradeins.status, 'completed'), eq(verifications.status, 'verified'), ne(tradeins.id, id)))
      .limit(1)
      .prepare(),
  };
}

/**
 * The prepared queries of this connection. Inside a synchronous transaction they run on the same
 * connection, so they see and join the open transaction.
 */
export function queries(db: Db): ReturnType<typeof build> {
  return preparedOnce(db, 'tradein queries', () => build(db));
}

// ID document images read at the counter (運転免許証, 個人番号カード front, 在留カード, passport,
// 健康保険証/資格確認書, 住民票の写し). Only the MASKED image is ever stored, encrypted through the
// blob store: My Numbers and health-insurance numbers are burned out in memory first (DOMAIN
// rules 47-51). PII class: identity document (name, address, date of birth, photo).
// Retention: linked to a trade-in's verification, it inherits the ledger's 3-year lock (Rule 15(3)
// items 4, 5, 7, 8; DOMAIN rule 29); unlinked uploads may be deleted.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stores, users } from './stores.js';
import { tradeins } from './tradeins.js';

export const idDocuments = sqliteTable(
  'id_documents',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    tradeinId: text('tradein_id').references(() => tradeins.id),
    documentType: text('document_type').notNull(),
    side: text('side').notNull(),
    /** Blob key of the masked, metadata-free image (AES-256-GCM at rest). Null once anonymised. */
    blobKey: text('blob_key'),
    sha256: text('sha256'),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Extracted fields, validations, warnings and masked regions (JSON; numbers the law forbids are never in it). */
    extraction: text('extraction').notNull(),
    /** Name/address/DOB mismatches against the declared counterparty, JSON. */
    crossCheck: text('cross_check').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by').references(() => users.id),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    anonymizedAt: text('anonymized_at'),
  },
  (t) => [index('id_documents_tradein').on(t.tradeinId), index('id_documents_store').on(t.storeId, t.createdAt)],
);

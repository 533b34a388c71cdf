// Trade-ins (受入れ: 買受け・交換・委託), their items, identity verification, disposals (払出し),
// blocks, and the amendment history. This is the 古物台帳 (Act Art. 16).
// PII class: customer identity (name, address, occupation, date of birth) — never a My Number or
// health-insurance number (rejected before storage). Retention: a completed entry and its linked
// evidence are locked for 3 years from the transaction date (Act Art. 18(1); DOMAIN rules 28-29),
// then anonymised by the retention purge; drafts may be discarded at any time.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, users } from './stores.js';

/** A person the dealer deals with, reused across trade-ins (DOMAIN rule 22). */
export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    name: text('name').notNull(),
    kanaName: text('kana_name'),
    address: text('address'),
    occupation: text('occupation'),
    dateOfBirth: text('date_of_birth'),
    contact: text('contact'),
    /** normalizeName(name), for search. */
    nameNorm: text('name_norm').notNull(),
    anonymizedAt: text('anonymized_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('customers_name_dob').on(t.nameNorm, t.dateOfBirth), index('customers_store').on(t.storeId)],
);

export const tradeins = sqliteTable(
  'tradeins',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    kind: text('kind', { enum: ['purchase', 'exchange', 'consignment'] }).notNull(),
    channel: text('channel', { enum: ['in_person', 'remote'] }).notNull(),
    /** The instant it happened (UTC ISO) and its Asia/Tokyo business date (the 取引の年月日). */
    occurredAt: text('occurred_at').notNull(),
    businessDate: text('business_date').notNull(),
    status: text('status', { enum: ['draft', 'completed'] }).notNull(),
    customerId: text('customer_id').references(() => customers.id),
    /** The counterparty as recorded for this transaction (a snapshot: the customer may move later). */
    cpName: text('cp_name'),
    cpKanaName: text('cp_kana_name'),
    cpAddress: text('cp_address'),
    cpOccupation: text('cp_occupation'),
    cpDateOfBirth: text('cp_date_of_birth'),
    cpNameNorm: text('cp_name_norm'),
    /** Guardian facts for a seller under 18 (DOMAIN rules 39-40), JSON. */
    guardian: text('guardian'),
    /** Buyback of an item this dealer sold (DOMAIN rule 9): the original disposal. */
    buybackOfDisposalId: text('buyback_of_disposal_id'),
    total: integer('total').notNull(),
    identityRequired: integer('identity_required', { mode: 'boolean' }).notNull(),
    ledgerRequired: integer('ledger_required', { mode: 'boolean' }).notNull(),
    notes: text('notes'),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    completedAt: text('completed_at'),
    completedBy: text('completed_by').references(() => users.id),
    anonymizedAt: text('anonymized_at'),
  },
  (t) => [
    index('tradeins_store_date').on(t.storeId, t.businessDate),
    index('tradeins_cp_name_dob').on(t.cpNameNorm, t.cpDateOfBirth),
    index('tradeins_customer').on(t.customerId),
  ],
);

export const tradeinItems = sqliteTable(
  'tradein_items',
  {
    id: text('id').primaryKey(),
    tradeinId: text('tradein_id').notNull().references(() => tradeins.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    lineNo: integer('line_no').notNull(),
    /** One of the 13 品目 of Rule Art. 2 (stable codes). */
    category: text('category').notNull(),
    designation: text('designation').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    isPhone: integer('is_phone', { mode: 'boolean' }).notNull().default(false),
    /** 特徴 as entered (JSON: brand, model, colour, condition, serial, IMEI, 車台番号, plate, owner…). */
    features: text('features').notNull(),
    featuresSource: text('features_source'),
    /** Normalised identifiers for search and 品触れ matching (NFKC, half-width, no hyphens, upper case). */
    serialNorm: text('serial_norm'),
    imeiNorm: text('imei_norm'),
    chassisNorm: text('chassis_norm'),
    plateNorm: text('plate_norm'),
    status: text('status', { enum: ['held', 'disposed'] }).notNull().default('held'),
  },
  (t) => [
    uniqueIndex('items_tradein_line').on(t.tradeinId, t.lineNo),
    // Partial: most items carry none of these identifiers, and a NULL is never searched for, so
    // leaving NULLs out keeps the indexes small and spares every intake three index pages.
    index('items_serial').on(t.serialNorm).where(sql`${t.serialNorm} IS NOT NULL`),
    index('items_imei').on(t.imeiNorm).where(sql`${t.imeiNorm} IS NOT NULL`),
    index('items_chassis').on(t.chassisNorm).where(sql`${t.chassisNorm} IS NOT NULL`),
    index('items_plate').on(t.plateNorm).where(sql`${t.plateNorm} IS NOT NULL`),
    index('items_store_status').on(t.storeId, t.status),
  ],
);

/** The identity check of a trade-in (Act Art. 15(1); Rule Art. 15). One per trade-in. */
export const verifications = sqliteTable('verifications', {
  tradeinId: text('tradein_id').primaryKey().references(() => tradeins.id),
  method: text('method').notNull(),
  documentType: text('document_type'),
  status: text('status', { enum: ['verified', 'pending', 'rejected'] }).notNull(),
  /** The VerificationInput as recorded (documents with types/dates/evidence refs, steps), JSON. */
  input: text('input').notNull(),
  /** The last assessment (issues, pending steps, warnings, ledger method), JSON. */
  assessment: text('assessment').notNull(),
  ledgerLabel: text('ledger_label').notNull(),
  recordedBy: text('recorded_by').references(() => users.id),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Open matters that block something until staff resolve them: a suspected 不正品 report task
 * (Act 15(3), DOMAIN rule 36), a 差止め hold (Act 21), a 品触れ match (Act 19). Police work (#6)
 * adds kinds; the blocking logic is here.
 */
export const blocks = sqliteTable(
  'blocks',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    tradeinId: text('tradein_id').references(() => tradeins.id),
    itemId: text('item_id').references(() => tradeinItems.id),
    kind: text('kind', { enum: ['suspicion_report', 'hold_order', 'notice_match'] }).notNull(),
    /** What it stops: completing the trade-in, disposing of the item, or both. */
    blocksCompletion: integer('blocks_completion', { mode: 'boolean' }).notNull(),
    blocksDisposal: integer('blocks_disposal', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    /** Non-personal reason code or text entered by staff about the goods. */
    reason: text('reason'),
    sourceId: text('source_id'),
    activeUntil: text('active_until'),
    resolution: text('resolution'),
    resolutionNote: text('resolution_note'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('blocks_tradein').on(t.tradeinId, t.status), index('blocks_item').on(t.itemId, t.status), index('blocks_store').on(t.storeId, t.status)],
);

/** Amendment history (DOMAIN rule 44): the values before each correction, with reason and author. */
export const tradeinVersions = sqliteTable(
  'tradein_versions',
  {
    id: text('id').primaryKey(),
    tradeinId: text('tradein_id').notNull().references(() => tradeins.id),
    /** The version these values belonged to. */
    version: integer('version').notNull(),
    /** JSON snapshot of the trade-in and its items before the change. */
    snapshot: text('snapshot').notNull(),
    changedFields: text('changed_fields').notNull(),
    reason: text('reason').notNull(),
    authorId: text('author_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('versions_tradein_version').on(t.tradeinId, t.version)],
);

/** 払出し: sale, return of a consignment, return (Rule Art. 18; DOMAIN rules 26-27). */
export const disposals = sqliteTable(
  'disposals',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    itemId: text('item_id').notNull().references(() => tradeinItems.id),
    kind: text('kind', { enum: ['sale', 'consignment_return', 'return'] }).notNull(),
    businessDate: text('business_date').notNull(),
    price: integer('price').notNull(),
    ledgerRequired: integer('ledger_required', { mode: 'boolean' }).notNull(),
    buyerCustomerId: text('buyer_customer_id').references(() => customers.id),
    buyerName: text('buyer_name'),
    buyerAddress: text('buyer_address'),
    buyerOccupation: text('buyer_occupation'),
    buyerDateOfBirth: text('buyer_date_of_birth'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('disposals_store_date').on(t.storeId, t.businessDate), index('disposals_item').on(t.itemId)],
);

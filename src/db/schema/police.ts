// Police work (DOMAIN §1.5, §2.2; rules 32-38): inquiries and the packets that answer them, the
// internal provision log, 品触れ notices and their matches, 差止め hold orders and 不正品 reports.
// PII class: police officers' names and contacts (work data); inquiry criteria may hold a
// customer's name and date of birth; exported packets hold ledger personal data (encrypted blobs).
// Retention: inquiries, exports and the provision log follow the ledger's 3 years (APPI PPC Rule
// 21 by analogy; JILIS 2020 §5.2 recommends keeping the disclosure log); a notice is kept at least
// 6 months from its arrival (古物営業法19条) and may be deleted after; holds and reports stay with
// the trade-in they concern. Rows that point at trade-in items or blocks carry the ids without a
// foreign key where the trade-in domain may delete a discarded draft (its blocks go with it).
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, users } from './stores.js';
import { tradeinItems, tradeins } from './tradeins.js';

/** A request from the police: 22条3項 report request, 捜査関係事項照会, warrant, 品触れ follow-up. */
export const policeInquiries = sqliteTable(
  'police_inquiries',
  {
    id: text('id').primaryKey(),
    referenceNumber: text('reference_number').notNull(),
    agency: text('agency').notNull(),
    station: text('station').notNull(),
    officerName: text('officer_name').notNull(),
    officerContact: text('officer_contact'),
    receivedDate: text('received_date').notNull(),
    legalBasis: text('legal_basis', { enum: ['act22_3', 'ccp197_2', 'warrant', 'notice_followup', 'other'] }).notNull(),
    legalBasisText: text('legal_basis_text'),
    /** The 営業所 the request was addressed to: its name and permit head the answer letter. */
    respondingStoreId: text('responding_store_id').notNull().references(() => stores.id),
    /** JSON: identifiers, persons (name + date of birth), date range, stores, categories. */
    criteria: text('criteria').notNull(),
    notes: text('notes'),
    status: text('status', { enum: ['received', 'searched', 'approved', 'exported', 'closed'] }).notNull(),
    outcome: text('outcome'),
    closeNote: text('close_note'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    searchedAt: text('searched_at'),
    searchedBy: text('searched_by').references(() => users.id),
    approvedAt: text('approved_at'),
    approvedBy: text('approved_by').references(() => users.id),
    exportedAt: text('exported_at'),
    closedAt: text('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
  },
  (t) => [index('police_inquiries_status').on(t.status, t.receivedDate)],
);

/** Ledger rows the criteria found; compliance selects which go into the answer (minimal disclosure). */
export const policeInquiryMatches = sqliteTable(
  'police_inquiry_matches',
  {
    inquiryId: text('inquiry_id').notNull().references(() => policeInquiries.id),
    itemId: text('item_id').notNull().references(() => tradeinItems.id),
    tradeinId: text('tradein_id').notNull().references(() => tradeins.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    /** JSON array: which criteria matched (imei, serialNumber, chassisNumber, plateNumber, person). */
    matchedOn: text('matched_on').notNull(),
    selected: integer('selected', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.inquiryId, t.itemId] })],
);

/** A packet generation job and its result: an encrypted blob; generation time kept here, not in the bytes. */
export const policeExports = sqliteTable(
  'police_exports',
  {
    id: text('id').primaryKey(),
    inquiryId: text('inquiry_id').notNull().references(() => policeInquiries.id),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    recordsTotal: integer('records_total').notNull(),
    recordsDone: integer('records_done').notNull().default(0),
    /** 0-100: images packed and record pages written, over all steps. */
    percent: integer('percent').notNull().default(0),
    blobKey: text('blob_key'),
    sha256: text('sha256'),
    size: integer('size'),
    keyFingerprint: text('key_fingerprint'),
    /** JSON: the data items and item ids the packet holds (copied to the provision log on download). */
    summary: text('summary'),
    errorCode: text('error_code'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    downloads: integer('downloads').notNull().default(0),
  },
  (t) => [index('police_exports_inquiry').on(t.inquiryId)],
);

/**
 * Internal police provision log (DOMAIN rule 38; JILIS 2020 §5.2): who asked, on what legal basis,
 * who approved, which data items and records left, when. Not the customer-facing APPI Art. 29
 * register: a provision 法令に基づく is exempt from it (Art. 27(1)(1)). Append-only (triggers).
 */
export const policeProvisions = sqliteTable('police_provisions', {
  id: text('id').primaryKey(),
  inquiryId: text('inquiry_id').notNull().references(() => policeInquiries.id),
  exportId: text('export_id').notNull().unique().references(() => policeExports.id),
  agency: text('agency').notNull(),
  station: text('station').notNull(),
  officerName: text('officer_name').notNull(),
  referenceNumber: text('reference_number').notNull(),
  legalBasis: text('legal_basis').notNull(),
  legalBasisText: text('legal_basis_text'),
  requestedBy: text('requested_by').references(() => users.id),
  approvedBy: text('approved_by').references(() => users.id),
  providedBy: text('provided_by').references(() => users.id),
  providedAt: text('provided_at').notNull(),
  /** JSON array of the data items given (Japanese labels, e.g. 相手方の氏名, 本人確認書類の画像). */
  dataItems: text('data_items').notNull(),
  /** JSON array of the item ids whose records were given. */
  records: text('records').notNull(),
  packetSha256: text('packet_sha256').notNull(),
});

/** 品触れ (古物営業法19条): kept from its arrival date for 6 months, matched against stock and intake. */
export const policeNotices = sqliteTable(
  'police_notices',
  {
    id: text('id').primaryKey(),
    issuingAgency: text('issuing_agency').notNull(),
    noticeNumber: text('notice_number').notNull(),
    kind: text('kind', { enum: ['stolen', 'lost'] }).notNull(),
    arrivalDate: text('arrival_date').notNull(),
    /** arrival + 6 months (inclusive): active and undeletable until then (rule 32). */
    activeUntil: text('active_until').notNull(),
    notes: text('notes'),
    source: text('source', { enum: ['api', 'csv'] }).notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('police_notices_number').on(t.issuingAgency, t.noticeNumber), index('police_notices_active').on(t.activeUntil)],
);

export const policeNoticeItems = sqliteTable(
  'police_notice_items',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id').notNull().references(() => policeNotices.id),
    lineNo: integer('line_no').notNull(),
    description: text('description').notNull(),
    category: text('category'),
    brand: text('brand'),
    model: text('model'),
    colour: text('colour'),
    serialNumber: text('serial_number'),
    imei: text('imei'),
    chassisNumber: text('chassis_number'),
    plateNumber: text('plate_number'),
    /** Normalised as tradein_items are (NFKC, no spaces or dashes, upper case): exact = a hit. */
    serialNorm: text('serial_norm'),
    imeiNorm: text('imei_norm'),
    chassisNorm: text('chassis_norm'),
    plateNorm: text('plate_norm'),
    /** brand|model|colour normalised: a lower-confidence "review" match. */
    descKey: text('desc_key'),
    notes: text('notes'),
    activeUntil: text('active_until').notNull(),
  },
  (t) => [
    uniqueIndex('police_notice_items_line').on(t.noticeId, t.lineNo),
    index('police_notice_items_serial').on(t.serialNorm, t.activeUntil),
    index('police_notice_items_imei').on(t.imeiNorm, t.activeUntil),
    index('police_notice_items_chassis').on(t.chassisNorm, t.activeUntil),
    index('police_notice_items_plate').on(t.plateNorm, t.activeUntil),
    index('police_notice_items_desc').on(t.descKey, t.activeUntil),
  ],
);

/** A 品触れ match: a "notify the police immediately" task (rules 33-34), carried by a notice_match block. */
export const policeNoticeMatches = sqliteTable(
  'police_notice_matches',
  {
    id: text('id').primaryKey(),
    noticeId: text('notice_id').notNull(),
    noticeItemId: text('notice_item_id').notNull(),
    noticeNumber: text('notice_number').notNull(),
    itemId: text('item_id').notNull(),
    tradeinId: text('tradein_id').notNull(),
    storeId: text('store_id').notNull().references(() => stores.id),
    blockId: text('block_id').notNull().unique(),
    confidence: text('confidence', { enum: ['hit', 'review'] }).notNull(),
    matchedOn: text('matched_on').notNull(),
    /** holding: held when the notice arrived (19条3項 前段); intake: taken in while it was active. */
    phase: text('phase', { enum: ['holding', 'intake'] }).notNull(),
    reportedAt: text('reported_at'),
    reportedStation: text('reported_station'),
    reportedOfficer: text('reported_officer'),
    falsePositiveReason: text('false_positive_reason'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('police_notice_matches_pair').on(t.noticeItemId, t.itemId), index('police_notice_matches_notice').on(t.noticeId), index('police_notice_matches_item').on(t.itemId)],
);

/** 差止め (古物営業法21条): keep the item for the ordered period (≤ 30 days); a hold_order block carries it. */
export const policeHolds = sqliteTable(
  'police_holds',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    tradeinId: text('tradein_id').notNull(),
    storeId: text('store_id').notNull().references(() => stores.id),
    blockId: text('block_id').notNull().unique(),
    orderDate: text('order_date').notNull(),
    endDate: text('end_date').notNull(),
    station: text('station').notNull(),
    officerName: text('officer_name').notNull(),
    referenceNumber: text('reference_number'),
    notes: text('notes'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('police_holds_item').on(t.itemId), index('police_holds_end').on(t.endDate)],
);

/** 不正品申告 (古物営業法15条3項): when, to whom and how staff reported a suspected item. */
export const policeSuspicionReports = sqliteTable(
  'police_suspicion_reports',
  {
    id: text('id').primaryKey(),
    blockId: text('block_id').notNull().unique(),
    tradeinId: text('tradein_id').notNull(),
    storeId: text('store_id').notNull().references(() => stores.id),
    reportedAt: text('reported_at').notNull(),
    station: text('station').notNull(),
    officerName: text('officer_name').notNull(),
    channel: text('channel', { enum: ['phone', 'visit'] }).notNull(),
    summary: text('summary').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('police_suspicion_reports_tradein').on(t.tradeinId)],
);

// Item photos (issue #5): vehicle and device photos taken for appraisal and listing, the personal
// data regions found in them, and every disclosure of a rendition to a dealer or buyer.
// PII class: the original photo may show plates, 車検証, faces, screens, names, numbers; regions
// hold coordinates only (never the text read); disclosures hold ids and hashes.
// Retention: photos of a trade-in are ledger evidence kept with it for 3 years (Rule 15(3);
// DOMAIN §1.4, rule 29) and anonymised with it (image blobs deleted, rows kept as tombstones);
// disclosure rows are the Art. 29 evidence of provisions and follow provision_records (3 years).
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stores, users } from './stores.js';
import { tradeinItems, tradeins } from './tradeins.js';

export const photos = sqliteTable(
  'photos',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    tradeinId: text('tradein_id').notNull().references(() => tradeins.id),
    itemId: text('item_id').notNull().references(() => tradeinItems.id),
    /** From the item: vehicle (自動車, 自動二輪車), device (a phone), other. Chooses the detectors. */
    subject: text('subject', { enum: ['vehicle', 'device', 'other'] }).notNull(),
    /** Format of the original as uploaded (by content). */
    format: text('format', { enum: ['jpeg', 'png', 'webp'] }).notNull(),
    /** Full-size dimensions after EXIF orientation: the coordinate space of every region. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** The original bytes as received (EXIF and all), AES-256-GCM at rest; null once anonymised. */
    originalBlobKey: text('original_blob_key'),
    originalSha256: text('original_sha256').notNull(),
    originalSize: integer('original_size').notNull(),
    /** Renditions: oriented, metadata-free JPEGs with every non-dismissed region burned in. */
    redactedBlobKey: text('redacted_blob_key'),
    redactedSha256: text('redacted_sha256'),
    thumbBlobKey: text('thumb_blob_key'),
    thumbSha256: text('thumb_sha256'),
    /** Hash of the region set the renditions were burned from; the gate refuses a stale one. */
    renditionRegionsHash: text('rendition_regions_hash'),
    renderedAt: text('rendered_at'),
    /** Automatic proposals (OCR, plates, faces): an in-process job per photo. */
    proposalStatus: text('proposal_status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    proposalAttempts: integer('proposal_attempts').notNull().default(0),
    proposalError: text('proposal_error'),
    /** JSON: which detectors ran, OCR time, counts per kind (no text). */
    proposalSummary: text('proposal_summary'),
    proposalUpdatedAt: text('proposal_updated_at').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    anonymizedAt: text('anonymized_at'),
  },
  (t) => [index('photos_item').on(t.itemId), index('photos_tradein').on(t.tradeinId), index('photos_store').on(t.storeId, t.createdAt), index('photos_proposal').on(t.proposalStatus)],
);

/** Rectangles holding personal data, in the photo's full-size oriented pixel coordinates. */
export const photoRegions = sqliteTable(
  'photo_regions',
  {
    id: text('id').primaryKey(),
    photoId: text('photo_id').notNull().references(() => photos.id),
    kind: text('kind', { enum: ['licence_plate', 'vehicle_document', 'id_document', 'face', 'screen_text', 'name_or_address', 'phone_number', 'other'] }).notNull(),
    source: text('source', { enum: ['auto', 'staff'] }).notNull(),
    /** The detector that proposed it (plate_shape, phone_number, …); null when staff drew it. */
    detector: text('detector'),
    confidence: real('confidence'),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    status: text('status', { enum: ['proposed', 'confirmed', 'dismissed'] }).notNull(),
    /** Required to dismiss; for a plate it is the explicit decision rule 59 asks for. */
    dismissReason: text('dismiss_reason'),
    /** Rule 60: the photo may not be disclosed while this region stands (documents, notification screens). */
    neverPublish: integer('never_publish', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
  },
  (t) => [index('photo_regions_photo').on(t.photoId)],
);

/** Every rendition served through the feed: which, to whom, when (APPI Art. 29 evidence, rule 41). */
export const photoDisclosures = sqliteTable(
  'photo_disclosures',
  {
    id: text('id').primaryKey(),
    photoId: text('photo_id').notNull().references(() => photos.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    rendition: text('rendition', { enum: ['redacted', 'thumbnail'] }).notNull(),
    sha256: text('sha256').notNull(),
    channel: text('channel').notNull(),
    recipientUserId: text('recipient_user_id').references(() => users.id),
    recipientName: text('recipient_name').notNull(),
    /** The provision record written for it, or why none was (no customer on the trade-in). */
    provisionRecordId: text('provision_record_id'),
    provisionNote: text('provision_note'),
    disclosedAt: text('disclosed_at').notNull(),
  },
  (t) => [index('photo_disclosures_photo').on(t.photoId, t.disclosedAt), index('photo_disclosures_recipient').on(t.recipientUserId, t.disclosedAt)],
);

// Privacy under APPI (個人情報保護法; DOMAIN §2, rules 41-46): data-subject requests and their
// answers, the Art. 29 third-party provision register, opt-outs, marketing consent, leak
// incidents, and the retention purge's run log and lock.
// PII class and retention are stated per table. None of these tables holds a My Number or a
// health-insurance number (writes run assertNoMyNumber; the disclosure packet is scrubbed).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { stores, users } from './stores.js';
import { customers, tradeins } from './tradeins.js';

/**
 * A data-subject request (Arts. 32-35): purpose notice, disclosure, correction, deletion, cessation
 * of use, cessation of third-party provision. PII class: the subject's name, date of birth and
 * address when the subject was looked up by them; a proxy's name. Retention: while open, then 3
 * years from closing (proof of how the request was answered, Art. 39 suits), after which the purge
 * clears the personal columns and keeps the tombstone.
 */
export const privacyRequests = sqliteTable(
  'privacy_requests',
  {
    id: text('id').primaryKey(),
    /** The 営業所 that received the request (scopes staff access). */
    storeId: text('store_id').notNull().references(() => stores.id),
    type: text('type', { enum: ['purpose_notice', 'disclosure', 'correction', 'deletion', 'cessation_of_use', 'cessation_of_third_party_provision'] }).notNull(),
    status: text('status', { enum: ['received', 'closed'] }).notNull(),
    outcome: text('outcome', { enum: ['fulfilled', 'partially_fulfilled', 'refused', 'withdrawn'] }),
    receivedDate: text('received_date').notNull(),
    /** received + 14 days: the Art. 39 suit bar (DOMAIN rule 42). */
    dueDate: text('due_date').notNull(),
    subjectMode: text('subject_mode', { enum: ['customer', 'lookup'] }).notNull(),
    subjectCustomerId: text('subject_customer_id'),
    subjectName: text('subject_name'),
    subjectDateOfBirth: text('subject_date_of_birth'),
    subjectAddress: text('subject_address'),
    /** Internal only, never in an API answer: whether any data about the subject was found. */
    subjectFound: integer('subject_found', { mode: 'boolean' }).notNull(),
    /** Internal only: JSON array of the customer records resolved as the subject at receipt. */
    subjectCustomerIds: text('subject_customer_ids').notNull(),
    identityMethod: text('identity_method', { enum: ['in_person', 'postal', 'online'] }).notNull(),
    /** The document type only, never its number. */
    identityDocumentType: text('identity_document_type').notNull(),
    identityConfirmedBy: text('identity_confirmed_by').references(() => users.id),
    identityConfirmedOn: text('identity_confirmed_on').notNull(),
    proxyName: text('proxy_name'),
    proxyDocumentType: text('proxy_document_type'),
    /** 委任状, 戸籍謄本 …: what shows the proxy's authority. */
    proxyAuthorityDocument: text('proxy_authority_document'),
    /** Yen; only for disclosure and purpose notices (Art. 38). */
    fee: integer('fee'),
    deliveryMethod: text('delivery_method', { enum: ['electronic', 'paper'] }),
    details: text('details'),
    /** JSON: what was disclosed, corrected, erased, stopped or refused (ids, dates, reasons). */
    result: text('result'),
    reasonCode: text('reason_code'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
    anonymizedAt: text('anonymized_at'),
  },
  (t) => [index('privacy_requests_status_due').on(t.status, t.dueDate), index('privacy_requests_store').on(t.storeId, t.receivedDate)],
);

/**
 * One disclosure grant: the packet as JSON and PDF, encrypted in the blob store, each downloadable
 * once. PII class: the whole of the subject's data (in the blobs). Retention: the blobs are
 * deleted on download or when the grant expires (30 days); the row (hashes, dates) stays.
 */
export const privacyDisclosures = sqliteTable(
  'privacy_disclosures',
  {
    id: text('id').primaryKey(),
    requestId: text('request_id').notNull().references(() => privacyRequests.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    jsonBlobKey: text('json_blob_key'),
    jsonSha256: text('json_sha256').notNull(),
    pdfBlobKey: text('pdf_blob_key'),
    pdfSha256: text('pdf_sha256').notNull(),
    grantedBy: text('granted_by').references(() => users.id),
    grantedAt: text('granted_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    jsonDownloadedAt: text('json_downloaded_at'),
    jsonDownloadedBy: text('json_downloaded_by').references(() => users.id),
    pdfDownloadedAt: text('pdf_downloaded_at'),
    pdfDownloadedBy: text('pdf_downloaded_by').references(() => users.id),
  },
  (t) => [index('privacy_disclosures_request').on(t.requestId)],
);

/**
 * Customer-record corrections made on a correction request (Art. 34; DOMAIN rule 44): the values
 * before the change. Trade-in corrections keep their history in tradein_versions (amendTradein).
 * PII class: the previous name/address/occupation/date of birth/contact. Retention: with the
 * customer record (cleared when the purge anonymises it).
 */
export const customerCorrections = sqliteTable(
  'customer_corrections',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    requestId: text('request_id').references(() => privacyRequests.id),
    before: text('before').notNull(),
    changedFields: text('changed_fields').notNull(),
    reason: text('reason').notNull(),
    authorId: text('author_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('customer_corrections_customer').on(t.customerId)],
);

/**
 * The APPI Art. 29 third-party provision register (DOMAIN rule 41): each non-exempt provision of a
 * customer's data to a third party (e.g. vehicle photos to auction members). Provisions to the
 * police, processors (委託) and successors are exempt and never recorded here (police: #6's log).
 * PII class: the subject (customer id), the recipient's name and address. Retention (PPC Rule
 * 21): 3 years from the record, 3 years from the last provision for a batch record, 1 year from the
 * last provision for a contract-substitute record; `retainUntil` is the last day kept.
 */
export const provisionRecords = sqliteTable(
  'provision_records',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull().references(() => stores.id),
    customerId: text('customer_id').notNull().references(() => customers.id),
    recordKind: text('record_kind', { enum: ['individual', 'batch', 'contract_substitute'] }).notNull(),
    recipientName: text('recipient_name').notNull(),
    recipientAddress: text('recipient_address'),
    /** JSON array of the data items given (Japanese labels, e.g. 氏名, 車両写真). */
    dataItems: text('data_items').notNull(),
    /** Art. 27(1) consent or the Art. 27(2) opt-out route. */
    basis: text('basis', { enum: ['consent', 'opt_out'] }).notNull(),
    consentObtainedOn: text('consent_obtained_on'),
    firstProvidedOn: text('first_provided_on').notNull(),
    lastProvidedOn: text('last_provided_on').notNull(),
    provisions: integer('provisions').notNull().default(1),
    retainUntil: text('retain_until').notNull(),
    /** What made the provision, e.g. photo_disclosure (#5) or manual. */
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('provision_records_customer').on(t.customerId), index('provision_records_date').on(t.lastProvidedOn), index('provision_records_retain').on(t.retainUntil)],
);

/**
 * Opt-outs: a person's instruction to stop giving their data to third parties (Art. 27(2),
 * Art. 35(3)), or to stop disclosing personal data in photos of their vehicle or device (issue #5,
 * DOMAIN rules 59-60; scope image_disclosure). The subject is a customer (recordProvision refuses
 * a provision while one is active), or — when a member dealer passes the instruction on — a
 * trade-in, a 車台番号, a plate or an IMEI (normalised). A withdrawal sets revoked*; a new
 * instruction is a new row, so the history stays. PII class: customer id or the identifier, the
 * dealer's note. Retention: kept while the subject's records exist (it is the suppression list;
 * erasing it would let the disclosure resume).
 */
export const optOuts = sqliteTable(
  'opt_outs',
  {
    id: text('id').primaryKey(),
    /** Set for subjectType customer; null for the other subjects. */
    customerId: text('customer_id').references(() => customers.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    scope: text('scope', { enum: ['third_party_provision', 'image_disclosure'] }).notNull(),
    subjectType: text('subject_type', { enum: ['customer', 'tradein', 'chassis_number', 'plate', 'imei'] }).notNull().default('customer'),
    subjectTradeinId: text('subject_tradein_id').references(() => tradeins.id),
    /** normalizeIdentifier() of the 車台番号, plate or IMEI. */
    subjectNorm: text('subject_norm'),
    source: text('source', { enum: ['privacy_request', 'counter', 'dealer'] }).notNull(),
    sourceId: text('source_id'),
    /** When the person's instruction was received (by the dealer or the store), a date. */
    receivedOn: text('received_on'),
    /** The member dealer (a user with role dealer) it came through. */
    dealerUserId: text('dealer_user_id').references(() => users.id),
    note: text('note'),
    registeredAt: text('registered_at').notNull(),
    registeredBy: text('registered_by').references(() => users.id),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by').references(() => users.id),
    revokedReceivedOn: text('revoked_received_on'),
    revokeNote: text('revoke_note'),
  },
  (t) => [index('opt_outs_customer').on(t.customerId, t.scope), index('opt_outs_subject').on(t.subjectType, t.subjectNorm), index('opt_outs_tradein').on(t.subjectTradeinId), index('opt_outs_dealer').on(t.dealerUserId)],
);

/**
 * Marketing consent periods per customer (given on, withdrawn on). PII class: customer id and
 * dates. Retention: erased on a deletion request and when the customer record is purged.
 */
export const marketingConsents = sqliteTable(
  'marketing_consents',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    storeId: text('store_id').notNull().references(() => stores.id),
    givenOn: text('given_on').notNull(),
    givenBy: text('given_by').references(() => users.id),
    withdrawnOn: text('withdrawn_on'),
    withdrawnBy: text('withdrawn_by').references(() => users.id),
    withdrawnSource: text('withdrawn_source'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('marketing_consents_customer').on(t.customerId)],
);

/**
 * Leak incidents (Art. 26; PPC Rules 7-8; DOMAIN rule 45) and their triage. PII class: none (a
 * summary, categories and counts; names of affected people are not recorded here). Retention:
 * indefinite (accountability).
 */
export const leakIncidents = sqliteTable('leak_incidents', {
  id: text('id').primaryKey(),
  discoveredOn: text('discovered_on').notNull(),
  summary: text('summary').notNull(),
  /** JSON array of data categories (name, address, credit_card, bank_credentials, sensitive …). */
  dataCategories: text('data_categories').notNull(),
  affectedCount: integer('affected_count').notNull(),
  cause: text('cause').notNull(),
  encryptedHighStandard: integer('encrypted_high_standard', { mode: 'boolean' }).notNull(),
  keyCompromised: integer('key_compromised', { mode: 'boolean' }).notNull(),
  ledgerAffected: integer('ledger_affected', { mode: 'boolean' }).notNull(),
  /** JSON: the triage (reportable, reasons, due dates, tasks) as decided on recording. */
  triage: text('triage').notNull(),
  reportable: integer('reportable', { mode: 'boolean' }).notNull(),
  preliminaryDue: text('preliminary_due'),
  finalDue: text('final_due'),
  createdBy: text('created_by').references(() => users.id),
  createdAt: text('created_at').notNull(),
});

/** Retention purge runs. PII class: none (counts). Retention: indefinite. */
export const privacyPurgeRuns = sqliteTable('privacy_purge_runs', {
  id: text('id').primaryKey(),
  trigger: text('trigger', { enum: ['schedule', 'api', 'cli'] }).notNull(),
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  asOf: text('as_of').notNull(),
  counts: text('counts'),
  errorCode: text('error_code'),
  actorId: text('actor_id').references(() => users.id),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
});

/** At most one row: the purge holding the lock (a second run is refused while it is fresh). */
export const privacyPurgeLock = sqliteTable('privacy_purge_lock', {
  name: text('name').primaryKey(),
  runId: text('run_id').notNull(),
  acquiredAt: text('acquired_at').notNull(),
  heartbeatAt: text('heartbeat_at').notNull(),
});

/**
 * Named keys kept in the encrypted blob store, apart from the data they protect: the HMAC key of
 * the marketing pseudonyms (仮名加工情報: the 削除情報等 must be kept separately, Art. 41(2)).
 * PII class: none. Retention: indefinite (a new key would break pseudonym continuity).
 */
export const privacyKeys = sqliteTable('privacy_keys', {
  name: text('name').primaryKey(),
  blobKey: text('blob_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  createdAt: text('created_at').notNull(),
});

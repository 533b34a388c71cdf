// Every audited action, as one zod discriminated union named `entity.verb`. Details hold ids,
// field names and hashes only: a value a person typed never goes in here (ARCHITECTURE rule 4).
// A domain adds its actions to this list; emit() rejects anything not in it.
import { z } from 'zod';

const fields = z.array(z.string()).describe('names of the fields written');
const id = z.string();

function action<A extends string, S extends z.ZodRawShape>(name: A, details: S) {
  return z.object({ action: z.literal(name), details: z.object(details).strict() });
}

export const AuditEvent = z.discriminatedUnion('action', [
  action('store.create', { fields }),
  action('store.update', { fields }),
  action('user.create', { role: z.string(), storeIds: z.array(id) }),
  action('user.update', { fields }),
  action('token.create', { userId: id, expiresAt: z.string() }),
  action('token.revoke', { userId: id }),
  // ledger: a bulk read of personal data (the printable 帳簿); ids, dates and a count only.
  action('ledger.print', { storeId: id, from: z.string(), to: z.string(), entries: z.number().int() }),
  // trade-ins (古物台帳)
  action('customer.create', { fields }),
  action('customer.update', { fields }),
  action('tradein.create', { items: z.number(), customerId: id.nullable(), fields }),
  action('tradein.update', { fields }),
  action('tradein.complete', { version: z.number(), identityRequired: z.boolean(), ledgerRequired: z.boolean() }),
  action('tradein.amend', { version: z.number(), fields, reasonHash: z.string() }),
  action('tradein.discard', { items: z.number() }),
  action('tradein.anonymize', { items: z.number() }),
  action('verification.record', { method: z.string(), documentType: z.string().nullable(), status: z.string() }),
  action('verification.update', { steps: z.array(z.string()), status: z.string() }),
  action('block.create', { kind: z.string(), itemId: id.nullable(), tradeinId: id.nullable() }),
  action('block.resolve', { kind: z.string(), resolution: z.string() }),
  // ID documents: creation, every image view, acknowledgement of mismatches, deletion
  action('id_document.create', { documentType: z.string(), side: z.string(), tradeinId: id.nullable(), maskedRegions: z.number(), sha256: z.string(), fields }),
  action('id_document.view', { documentType: z.string() }),
  action('id_document.acknowledge', { mismatches: z.number() }),
  action('id_document.delete', { documentType: z.string() }),
  action('disposal.create', { itemId: id, kind: z.string(), ledgerRequired: z.boolean(), buyerCustomerId: id.nullable() }),
  // police: inquiries (four-eyes), packets and their downloads, notices, holds, reports
  action('police_inquiry.create', { legalBasis: z.string(), respondingStoreId: id, criteria: fields }),
  action('police_inquiry.update', { fields }),
  action('police_inquiry.search', { matches: z.number().int(), criteria: fields }),
  action('police_inquiry.select', { selected: z.number().int() }),
  action('police_inquiry.approve', { selected: z.number().int(), createdBy: id.nullable() }),
  action('police_inquiry.close', { outcome: z.string(), from: z.string() }),
  action('police_export.create', { inquiryId: id, records: z.number().int() }),
  action('police_export.complete', { inquiryId: id, sha256: z.string(), size: z.number().int(), keyFingerprint: z.string() }),
  action('police_export.fail', { inquiryId: id, errorCode: z.string() }),
  action('police_export.download', { inquiryId: id, sha256: z.string(), provisionId: id, firstProvision: z.boolean() }),
  action('police_signing_key.create', { keyFingerprint: z.string() }),
  action('police_notice.create', { items: z.number().int(), matches: z.number().int(), source: z.string(), activeUntil: z.string() }),
  action('police_notice.delete', { items: z.number().int(), activeUntil: z.string() }),
  action('police_notice_match.create', { noticeId: id, itemId: id, confidence: z.string(), matchedOn: fields, phase: z.string() }),
  action('police_notice_match.resolve', { outcome: z.string() }),
  action('police_hold.create', { itemId: id, orderDate: z.string(), endDate: z.string() }),
  action('police_hold.release', { itemId: id, releasedOn: z.string() }),
  action('police_suspicion_report.create', { blockId: id, tradeinId: id, channel: z.string() }),
  action('police_suspicion_report.print', { tradeinId: id }),
  // privacy (APPI): requests, disclosures, corrections, erasure, provision register, opt-outs,
  // marketing consent and export, leak incidents, retention purge (ids, counts, hashes only)
  action('privacy_request.create', { type: z.string(), identityDocumentType: z.string(), proxy: z.boolean(), fee: z.boolean(), dueDate: z.string() }),
  action('privacy_request.correct', { customers: z.number().int(), tradeins: z.array(id), fields }),
  action('privacy_request.execute', { type: z.string(), outcome: z.string(), erased: z.number().int(), refused: z.number().int(), stopped: z.number().int() }),
  action('privacy_request.close', { type: z.string(), outcome: z.string(), reasonCode: z.string().nullable() }),
  action('privacy_request.anonymize', {}),
  action('privacy_disclosure.grant', { requestId: id, jsonSha256: z.string(), pdfSha256: z.string(), sections: z.record(z.string(), z.number().int()), masked: z.number().int() }),
  action('privacy_disclosure.download', { requestId: id, format: z.string(), sha256: z.string() }),
  action('privacy_disclosure.expire', { requestId: id }),
  action('privacy_provision.create', { customerId: id, basis: z.string(), recordKind: z.string(), dataItems: z.number().int(), sourceKind: z.string() }),
  action('privacy_provision.extend', { customerId: id, provisions: z.number().int() }),
  action('privacy_provision.export', { records: z.number().int(), format: z.string() }),
  action('privacy_provision.purge', { recordKind: z.string() }),
  action('opt_out.create', { customerId: id, scope: z.string(), source: z.string() }),
  action('opt_out.revoke', { customerId: id, scope: z.string() }),
  action('marketing_consent.give', { customerId: id }),
  action('marketing_consent.withdraw', { customerId: id, source: z.string() }),
  action('marketing_consent.erase', { customerId: id, rows: z.number().int() }),
  action('marketing_export.create', { records: z.number().int(), keyFingerprint: z.string() }),
  action('privacy_incident.create', { reportable: z.boolean(), affectedCount: z.number().int(), cause: z.string(), categories: fields }),
  action('customer.anonymize', { corrections: z.number().int() }),
  action('disposal.anonymize', { itemId: id }),
  action('id_document.anonymize', { documentType: z.string(), tradeinId: id.nullable() }),
  action('privacy_purge.start', { trigger: z.string(), asOf: z.string() }),
  action('privacy_purge.complete', { counts: z.record(z.string(), z.number().int()) }),
  action('privacy_purge.fail', { errorCode: z.string() }),
  // images: item photos (#5). Region text and dealer notes never appear here: counts, kinds,
  // hashes (sha256 of a normalised identifier or a reason) and ids only.
  action('photo.create', { itemId: id, subject: z.string(), format: z.string(), sha256: z.string(), width: z.number().int(), height: z.number().int() }),
  action('photo.mask_original', { regions: z.number().int(), sha256: z.string() }),
  action('photo.propose', { status: z.string(), attempts: z.number().int(), regions: z.number().int(), kinds: z.record(z.string(), z.number().int()) }),
  action('photo.render', { regionsHash: z.string(), redactedSha256: z.string(), thumbSha256: z.string(), burned: z.number().int() }),
  action('photo.view_original', { itemId: id, sha256: z.string() }),
  action('photo.disclose', { rendition: z.string(), channel: z.string(), recipientUserId: id.nullable(), sha256: z.string(), provisionId: id.nullable() }),
  action('photo.anonymize', { tradeinId: id }),
  action('photo.delete', { tradeinId: id }),
  action('photo_region.create', { photoId: id, kind: z.string(), source: z.string() }),
  action('photo_region.decide', { photoId: id, kind: z.string(), from: z.string(), to: z.string(), neverPublish: z.boolean(), reasonHash: z.string().nullable() }),
  action('opt_out.record', { subjectType: z.string(), customerId: id.nullable(), tradeinId: id.nullable(), subjectHash: z.string().nullable(), scope: z.string(), source: z.string(), dealerUserId: id.nullable(), receivedOn: z.string().nullable() }),
  action('opt_out.withdraw', { subjectType: z.string(), scope: z.string(), receivedOn: z.string().nullable() }),
]);

export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditAction = AuditEvent['action'];
export const AUDIT_ACTIONS = AuditEvent.options.map((o) => o.shape.action.value) as AuditAction[];

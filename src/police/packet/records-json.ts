// data/records.json: the machine-readable answer, described by data/records.schema.json
// (templates/police-records.schema.json, version 1). Deterministic: keys in a fixed order,
// two-space indentation, a final newline; no generation time (it is kept outside the packet).
import { readFileSync } from 'node:fs';
import { RECORDS_SCHEMA_ID, RECORDS_SCHEMA_VERSION, type PacketContent } from './types.js';

export function recordsJson(c: PacketContent): Buffer {
  const doc = {
    $schema: RECORDS_SCHEMA_ID,
    schemaVersion: RECORDS_SCHEMA_VERSION,
    inquiry: c.header.inquiry,
    dealer: c.header.dealer,
    answer: { approvedAt: c.header.approvedAt, approvedBy: c.header.approvedBy, preparedBy: c.header.preparedBy },
    records: c.records.map((r) => ({
      recordNo: r.recordNo,
      itemId: r.itemId,
      tradeinId: r.tradeinId,
      storeId: r.storeId,
      storeName: r.storeName,
      matchedOn: r.matchedOn,
      intake: r.intake,
      item: r.item,
      counterparty: r.counterparty,
      anonymized: r.anonymized,
      verification: r.verification,
      disposal: r.disposal,
      staff: r.staff,
      amendments: r.amendments,
      images: r.images.map((i) => ({ kind: i.kind, file: i.file, sha256: i.sha256, width: i.width, height: i.height, documentType: i.documentType, documentTypeLabel: i.documentTypeLabel, side: i.side })),
    })),
  };
  return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8');
}

const SCHEMA_URL = new URL('../../../templates/police-records.schema.json', import.meta.url);
let schema: Buffer | undefined;

/** The JSON Schema of records.json, shipped in every packet as data/records.schema.json. */
export function recordsSchema(): Buffer {
  schema ??= readFileSync(SCHEMA_URL);
  return schema;
}

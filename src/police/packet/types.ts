// The content of a police export packet, as loaded from the database before anything is written.
// records.json is this shape (schema: templates/police-records.schema.json, version 1).

export const RECORDS_SCHEMA_ID = 'urn:daicho:police-records:1';
export const RECORDS_SCHEMA_VERSION = 1;

export interface Party {
  name: string | null;
  kanaName: string | null;
  address: string | null;
  occupation: string | null;
  dateOfBirth: string | null;
  age: number | null;
}

/**
 * One image file of a record. Today: the stored, masked ID document images (規則15条3項; rule
 * 37). Item photos (issue #5) slot in as kind 'item_photo' through another ImageSource.
 */
export interface RecordImage {
  kind: 'id_document' | 'item_photo';
  sourceId: string;
  blobKey: string;
  /** SHA-256 of the stored plaintext as recorded at upload; checked while packing. */
  sha256: string | null;
  width: number;
  height: number;
  documentType: string | null;
  documentTypeLabel: string | null;
  side: string | null;
  /** Path inside data/, set while packing (the extension comes from the bytes). */
  file: string | null;
}

export interface Amendment {
  version: number;
  changedAt: string;
  author: string | null;
  reason: string;
  /** The values before the change, for this record's fields only. */
  changes: { field: string; before: string | null }[];
}

export interface PacketRecord {
  recordNo: number;
  itemId: string;
  tradeinId: string;
  storeId: string;
  storeName: string;
  matchedOn: string[];
  intake: { date: string; kind: 'purchase' | 'exchange' | 'consignment'; occurredAt: string };
  item: {
    category: string;
    categoryLabel: string;
    description: string;
    quantity: number;
    unitPrice: number;
    features: Record<string, string>;
    featuresText: string;
    identifiers: { serialNumber: string | null; imei: string | null; chassisNumber: string | null; plateNumber: string | null };
  };
  counterparty: Party | null;
  anonymized: boolean;
  verification: { method: string; documentType: string | null; ledgerLabel: string; status: string; documents: { type: string; label: string }[] } | null;
  disposal: { date: string; kind: 'sale' | 'consignment_return' | 'return'; price: number; counterparty: Party | null } | null;
  staff: {
    createdBy: string | null;
    createdAt: string;
    verifiedBy: string | null;
    verifiedAt: string | null;
    completedBy: string | null;
    completedAt: string | null;
  };
  amendments: Amendment[];
  images: RecordImage[];
}

export interface PacketHeader {
  inquiry: {
    id: string;
    referenceNumber: string;
    agency: string;
    station: string;
    officerName: string;
    receivedDate: string;
    legalBasis: 'act22_3' | 'ccp197_2' | 'warrant' | 'notice_followup' | 'other';
    legalBasisText: string | null;
  };
  dealer: { storeName: string; address: string; permitNumber: string; commission: string };
  /** The answer date: the approval, the one fixed instant of a packet (PDF dates, ZIP times). */
  approvedAt: string;
  approvedBy: string;
  preparedBy: string;
}

export interface PacketContent {
  header: PacketHeader;
  records: PacketRecord[];
}

// Loads what a packet answers with: the selected ledger rows (Act 16 fields, through the ledger's
// own row loader so anonymised entries read 「匿名化済」), plus the verification method and
// document types, the staff and times, the amendment history of this record's fields, and the
// stored images. Only allow-listed fields leave: no document numbers, no OCR output, no notes.
import { asc, inArray } from 'drizzle-orm';
import { getStore } from '../../tradeins/internal.js';
import type { Db } from '../../db/client.js';
import { tradeinVersions } from '../../db/schema/index.js';
import { ageOn, isIsoDate } from '../../shared/japanese.js';
import { prepared } from '../../db/prepared.js';
import { formatFeatures, ROW_COLUMNS, ROW_JOINS, type RawLedgerRow, toLedgerRow } from '../../tradeins/ledger-rows.js';
import { DOCUMENTS, type DocumentType } from '../../tradeins/rules/index.js';
import { type InquiryRow, userNames } from '../internal.js';
import { amendmentsFor } from './amendments.js';
import { DEFAULT_IMAGE_SOURCES, type ImageSource } from './image-sources.js';
import { scrubDeep } from '../../identity/masking/scrub-export.js';
import type { PacketContent, PacketRecord, Party } from './types.js';

interface Extra extends RawLedgerRow {
  occurredAt: string;
  createdAt: string;
  completedAt: string | null;
  createdBy: string | null;
  completedBy: string | null;
  cpKanaName: string | null;
  storeName: string;
  vMethod: string | null;
  vDocumentType: string | null;
  vStatus: string | null;
  vInput: string | null;
  vRecordedBy: string | null;
  vUpdatedAt: string | null;
  matchedOn: string;
}

const SQL = `SELECT ${ROW_COLUMNS}, t.business_date AS sortDate,
  t.occurred_at AS occurredAt, t.created_at AS createdAt, t.completed_at AS completedAt, t.created_by AS createdBy,
  t.completed_by AS completedBy, t.cp_kana_name AS cpKanaName, s.name AS storeName, v.method AS vMethod,
  v.document_type AS vDocumentType, v.status AS vStatus, v.input AS vInput, v.recorded_by AS vRecordedBy,
  v.updated_at AS vUpdatedAt, m.matched_on AS matchedOn
FROM police_inquiry_matches m
JOIN tradein_items i ON i.id = m.item_id
JOIN tradeins t ON t.id = i.tradein_id
JOIN stores s ON s.id = i.store_id
LEFT JOIN disposals d ON d.item_id = i.id AND d.ledger_required = 1
${ROW_JOINS}
WHERE m.inquiry_id = @inquiryId AND m.selected = 1 AND t.status = 'completed'
ORDER BY t.business_date, t.occurred_at, i.tradein_id, i.line_no, coalesce(d.id, '')`;

const FEATURE_KEYS = ['brand', 'model', 'colour', 'condition', 'serialNumber', 'imei', 'chassisNumber', 'plateNumber', 'carName', 'ownerName', 'notes'] as const;

function features(json: string, anonymized: boolean): Record<string, string> {
  let f: Record<string, unknown> = {};
  try {
    f = JSON.parse(json) as Record<string, unknown>;
  } catch {
    f = {};
  }
  const out: Record<string, string> = {};
  for (const k of FEATURE_KEYS) if (typeof f[k] === 'string' && f[k] !== '' && !(anonymized && k === 'ownerName')) out[k] = f[k] as string;
  return out;
}

function party(p: { name: string | null; address: string | null; occupation: string | null; age: number | null } | null, extra: { kanaName: string | null; dateOfBirth: string | null }): Party | null {
  if (!p) return null;
  return { name: p.name, kanaName: extra.kanaName, address: p.address, occupation: p.occupation, dateOfBirth: extra.dateOfBirth, age: p.age };
}

function documents(input: string | null): { type: string; label: string }[] {
  try {
    const docs = (JSON.parse(input ?? '{}') as { documents?: { type?: string }[] }).documents ?? [];
    return docs.filter((d) => typeof d.type === 'string').map((d) => ({ type: d.type!, label: DOCUMENTS[d.type as DocumentType]?.label ?? d.type! }));
  } catch {
    return [];
  }
}

export function loadPacketContent(db: Db, inquiry: InquiryRow, sources: ImageSource[] = DEFAULT_IMAGE_SOURCES): PacketContent {
  const rows = prepared(db, SQL).all({ inquiryId: inquiry.id }) as Extra[];
  const tradeinIds = [...new Set(rows.map((r) => r.tradeinId))];
  const versions = tradeinIds.length ? db.select().from(tradeinVersions).where(inArray(tradeinVersions.tradeinId, tradeinIds)).orderBy(asc(tradeinVersions.version)).all() : [];
  const names = userNames(db, [...rows.flatMap((r) => [r.createdBy, r.completedBy, r.vRecordedBy]), ...versions.map((v) => v.authorId), inquiry.approvedBy, inquiry.createdBy]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const records = rows.map((r, i): PacketRecord => {
    const row = toLedgerRow(r);
    const anonymized = r.anonymizedAt !== null;
    const f = features(r.features, anonymized);
    const intakeParty = row.intake?.counterparty ?? (anonymized || r.cpName === null ? null : { name: r.cpName, address: r.cpAddress, occupation: r.cpOccupation, age: null });
    const dob = anonymized ? null : r.cpDateOfBirth;
    return {
      recordNo: i + 1,
      itemId: r.itemId,
      tradeinId: r.tradeinId,
      storeId: r.storeId,
      storeName: r.storeName,
      matchedOn: JSON.parse(r.matchedOn) as string[],
      intake: { date: r.intakeDate, kind: r.intakeKind, occurredAt: r.occurredAt },
      item: {
        category: r.category,
        categoryLabel: row.categoryLabel,
        description: r.description,
        quantity: r.quantity,
        unitPrice: r.unitPrice,
        features: f,
        featuresText: formatFeatures(r.features, { anonymized }),
        identifiers: { serialNumber: f.serialNumber ?? null, imei: f.imei ?? null, chassisNumber: f.chassisNumber ?? null, plateNumber: f.plateNumber ?? null },
      },
      counterparty: party(intakeParty && intakeParty.age === null && dob && isIsoDate(dob) ? { ...intakeParty, age: ageOn(dob, r.intakeDate) } : intakeParty, { kanaName: anonymized ? null : r.cpKanaName, dateOfBirth: dob }),
      anonymized,
      verification: r.vMethod ? { method: r.vMethod, documentType: r.vDocumentType, ledgerLabel: r.method ?? '', status: r.vStatus ?? '', documents: documents(r.vInput) } : null,
      disposal: row.disposal ? { date: row.disposal.date, kind: row.disposal.kind, price: row.disposal.price, counterparty: party(row.disposal.counterparty, { kanaName: null, dateOfBirth: anonymized ? null : r.buyerDateOfBirth }) } : null,
      staff: { createdBy: name(r.createdBy), createdAt: r.createdAt, verifiedBy: name(r.vRecordedBy), verifiedAt: r.vUpdatedAt, completedBy: name(r.completedBy), completedAt: r.completedAt },
      amendments: amendmentsFor(versions.filter((v) => v.tradeinId === r.tradeinId), r.lineNo, name),
      images: sources.flatMap((source) => source(db, { tradeinId: r.tradeinId, itemId: r.itemId })),
    };
  });
  const inquiryStore = getStore(db, inquiry.respondingStoreId);
  const content: PacketContent = {
    header: {
      inquiry: {
        id: inquiry.id,
        referenceNumber: inquiry.referenceNumber,
        agency: inquiry.agency,
        station: inquiry.station,
        officerName: inquiry.officerName,
        receivedDate: inquiry.receivedDate,
        legalBasis: inquiry.legalBasis,
        legalBasisText: inquiry.legalBasisText,
      },
      dealer: { storeName: inquiryStore.name, address: inquiryStore.address, permitNumber: inquiryStore.permitNumber, commission: inquiryStore.commission },
      approvedAt: inquiry.approvedAt ?? '',
      approvedBy: name(inquiry.approvedBy) ?? '',
      preparedBy: name(inquiry.createdBy) ?? '',
    },
    records,
  };
  return scrubContent(content);
}

/**
 * Masks forbidden numbers in what people typed (rule 37). Ids, hashes and timestamps are left
 * alone: a UUID or a SHA-256 can contain a 4-4-4 digit run, and masking one would break it.
 */
function scrubContent(c: PacketContent): PacketContent {
  const s = <T>(v: T): T => scrubDeep(v).value;
  const { id, ...inquiry } = c.header.inquiry;
  return {
    header: { ...c.header, inquiry: { id, ...s(inquiry) }, dealer: s(c.header.dealer), approvedBy: s(c.header.approvedBy), preparedBy: s(c.header.preparedBy) },
    records: c.records.map((r) => ({
      ...r,
      storeName: s(r.storeName),
      item: s(r.item),
      counterparty: s(r.counterparty),
      verification: s(r.verification),
      disposal: s(r.disposal),
      staff: { ...r.staff, createdBy: s(r.staff.createdBy), verifiedBy: s(r.staff.verifiedBy), completedBy: s(r.staff.completedBy) },
      amendments: r.amendments.map((a) => ({ ...a, author: s(a.author), reason: s(a.reason), changes: s(a.changes) })),
    })),
  };
}

// The ledger row (古物営業法16条; 施行規則17条 別記様式第15号: one item per line, 受入れ and 払出し
// columns), shared by list, search and print: the SQL that loads it, the JSON shape and the PDF
// entry. A row is a tradein_items row of a completed trade-in, with intake columns when the
// intake had to be recorded and 払出し columns when its disposal had to be (施行規則18条).
import type { LedgerPdfEntry } from '../shared/pdf/ledger.js';
import { ageOn, isIsoDate } from '../shared/japanese.js';
import { ITEM_CATEGORY_LABELS, type ItemCategory } from './rules/categories.js';
import type { LedgerCounterparty, LedgerRow } from './ledger-schemas.js';

export const ANONYMIZED = '匿名化済';

type IntakeKind = NonNullable<LedgerRow['intake']>['kind'];
type DisposalKind = NonNullable<LedgerRow['disposal']>['kind'];

/** One joined row as SQLite returns it (see ROW_COLUMNS). */
export interface RawLedgerRow {
  itemId: string;
  tradeinId: string;
  storeId: string;
  lineNo: number;
  category: string;
  designation: string;
  description: string;
  quantity: number;
  unitPrice: number;
  features: string;
  intakeKind: IntakeKind;
  intakeDate: string;
  intakeLedger: number;
  version: number;
  anonymizedAt: string | null;
  cpName: string | null;
  cpAddress: string | null;
  cpOccupation: string | null;
  cpDateOfBirth: string | null;
  method: string | null;
  disposalId: string | null;
  disposalKind: DisposalKind | null;
  disposalDate: string | null;
  disposalPrice: number | null;
  buyerName: string | null;
  buyerAddress: string | null;
  buyerOccupation: string | null;
  buyerDateOfBirth: string | null;
  buyerAnonymizedAt: string | null;
  /** The row's place in the ledger: its intake date, or the disposal date of a 払出し-only row. */
  sortDate: string;
}

// Aliases: i = tradein_items, t = tradeins, d = the ledger-required disposal (LEFT JOINed or the
// driving table), v = verifications, bc = the buyer's customer record.
export const ROW_COLUMNS = `i.id AS itemId, i.tradein_id AS tradeinId, i.store_id AS storeId, i.line_no AS lineNo,
  i.category, i.designation, i.description, i.quantity, i.unit_price AS unitPrice, i.features,
  t.kind AS intakeKind, t.business_date AS intakeDate, t.ledger_required AS intakeLedger, t.version,
  t.anonymized_at AS anonymizedAt, t.cp_name AS cpName, t.cp_address AS cpAddress,
  t.cp_occupation AS cpOccupation, t.cp_date_of_birth AS cpDateOfBirth, v.ledger_label AS method,
  d.id AS disposalId, d.kind AS disposalKind, d.business_date AS disposalDate, d.price AS disposalPrice,
  d.buyer_name AS buyerName, d.buyer_address AS buyerAddress, d.buyer_occupation AS buyerOccupation,
  d.buyer_date_of_birth AS buyerDateOfBirth, bc.anonymized_at AS buyerAnonymizedAt`;

/** Joins every ledger query needs after t, i and d are in scope. */
export const ROW_JOINS = `LEFT JOIN verifications v ON v.tradein_id = t.id
  LEFT JOIN customers bc ON bc.id = d.buyer_customer_id`;

/** The intake columns (from tradeins t) sort by intake date, then item, then disposal. */
export const INTAKE_ORDER = `ORDER BY t.business_date, i.id, coalesce(d.id, '')`;


// ---------------------------------------------------------------------------------------------
// Features (古物の特徴): one formatter for JSON and PDF.

/** Keys of ItemFeatures (rules/completion.ts) in print order, with their ledger labels. */
const FEATURE_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['brand', 'ブランド'],
  ['model', '型式'],
  ['colour', '色'],
  ['condition', '状態'],
  ['serialNumber', 'シリアル'],
  ['imei', 'IMEI'],
  ['chassisNumber', '車台番号'],
  ['plateNumber', '登録番号'],
  ['carName', '車名'],
  ['ownerName', '所有者'],
  ['notes', '備考'],
];

/** `ブランド：Apple、型式：iPhone 13、IMEI：35…`; the car owner's name is personal data. */
export function formatFeatures(json: string, opts: { anonymized: boolean }): string {
  let f: unknown;
  try {
    f = JSON.parse(json);
  } catch {
    // Never drop what was recorded: an unparsable value is shown as stored.
    return json;
  }
  if (typeof f !== 'object' || f === null) return String(f);
  const rec = f as Record<string, unknown>;
  const parts: string[] = [];
  for (const [key, label] of FEATURE_LABELS) {
    const v = rec[key];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const text = String(v).trim();
    if (text === '') continue;
    parts.push(`${label}：${key === 'ownerName' && opts.anonymized ? ANONYMIZED : text}`);
  }
  return parts.join('、');
}

// ---------------------------------------------------------------------------------------------
// Row shapes

const ANONYMIZED_PARTY: LedgerCounterparty = { name: ANONYMIZED, address: ANONYMIZED, occupation: ANONYMIZED, age: null };

function age(dateOfBirth: string | null, on: string): number | null {
  return dateOfBirth && isIsoDate(dateOfBirth) && isIsoDate(on) ? ageOn(dateOfBirth, on) : null;
}

export function toLedgerRow(r: RawLedgerRow): LedgerRow {
  const anonymized = r.anonymizedAt !== null;
  const intake = r.intakeLedger
    ? {
        date: r.intakeDate,
        kind: r.intakeKind,
        counterparty: anonymized
          ? ANONYMIZED_PARTY
          : { name: r.cpName, address: r.cpAddress, occupation: r.cpOccupation, age: age(r.cpDateOfBirth, r.intakeDate) },
        method: r.method,
      }
    : null;
  let disposal: LedgerRow['disposal'] = null;
  if (r.disposalId !== null && r.disposalDate !== null && r.disposalKind !== null) {
    // No buyer recorded: the law lets it be omitted (法16条 ただし書, e.g. the buyer of a car).
    const noBuyer = r.buyerName === null && r.buyerAddress === null && r.buyerOccupation === null;
    const buyer = noBuyer
      ? null
      : anonymized || r.buyerAnonymizedAt !== null
        ? ANONYMIZED_PARTY
        : { name: r.buyerName, address: r.buyerAddress, occupation: r.buyerOccupation, age: age(r.buyerDateOfBirth, r.disposalDate) };
    disposal = { id: r.disposalId, date: r.disposalDate, kind: r.disposalKind, price: r.disposalPrice ?? 0, counterparty: buyer };
  }
  return {
    storeId: r.storeId,
    tradeinId: r.tradeinId,
    itemId: r.itemId,
    lineNo: r.lineNo,
    intake,
    disposal,
    category: r.category,
    categoryLabel: ITEM_CATEGORY_LABELS[r.category as ItemCategory] ?? r.category,
    designation: r.designation,
    description: r.description,
    quantity: r.quantity,
    unitPrice: r.unitPrice,
    features: formatFeatures(r.features, { anonymized }),
    version: r.version,
    amended: r.version > 1,
    anonymized,
  };
}

function pdfParty(p: LedgerCounterparty | null): LedgerPdfEntry['counterparty'] {
  if (!p) return null;
  // One 「匿名化済」 in the cell rather than one per line.
  if (p.name === ANONYMIZED && p.address === ANONYMIZED) return { address: '', name: ANONYMIZED, occupation: '', age: null };
  return { address: p.address ?? '', name: p.name ?? '', occupation: p.occupation ?? '', age: p.age };
}

export function toPdfEntry(row: LedgerRow): LedgerPdfEntry {
  return {
    id: row.disposal ? `${row.itemId}:${row.disposal.id}` : row.itemId,
    intake: row.intake ? { date: row.intake.date, kind: row.intake.kind } : null,
    // Selling a consigned article is 委託に基づく引渡し on 様式第15号, not 売却.
    disposal: row.disposal ? { date: row.disposal.date, kind: row.disposal.kind === 'sale' && row.intake?.kind === 'consignment' ? 'consignment_handover' : row.disposal.kind } : null,
    categoryLabel: row.categoryLabel,
    description: row.description,
    quantity: row.quantity,
    features: row.features,
    counterparty: pdfParty(row.intake?.counterparty ?? null),
    buyer: pdfParty(row.disposal?.counterparty ?? null),
    method: row.intake?.method ?? null,
    amended: row.amended,
  };
}

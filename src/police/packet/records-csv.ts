// data/records.csv: one row per record for spreadsheets. UTF-8 with a BOM so Excel opens the
// Japanese correctly, CRLF line ends and RFC 4180 quoting. A cell that a spreadsheet would run
// as a formula (= + - @ at the start) gets a leading apostrophe; records.json keeps exact values.
import { recordsTemplate } from '../pdf/templates.js';
import type { PacketContent, PacketRecord, Party } from './types.js';

const KEYS = [
  'recordNo', 'date', 'kind', 'category', 'description', 'quantity', 'unitPrice', 'features', 'serialNumber', 'imei', 'chassisNumber',
  'plateNumber', 'name', 'kanaName', 'address', 'occupation', 'dateOfBirth', 'age', 'method', 'documents', 'disposalDate', 'disposalKind',
  'disposalParty', 'storeName', 'createdBy', 'createdAt', 'completedBy', 'completedAt', 'amendments', 'images', 'matchedOn', 'itemId',
] as const;

function cell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function partyText(p: Party | null): string {
  return p ? [p.address, p.name, p.occupation].filter(Boolean).join(' ') : '';
}

function row(r: PacketRecord): Record<(typeof KEYS)[number], string | number | null> {
  const t = recordsTemplate();
  const cp = r.counterparty;
  return {
    recordNo: r.recordNo,
    date: r.intake.date,
    kind: t.kinds.intake[r.intake.kind],
    category: r.item.categoryLabel,
    description: r.item.description,
    quantity: r.item.quantity,
    unitPrice: r.item.unitPrice,
    features: r.item.featuresText,
    ...r.item.identifiers,
    name: cp?.name ?? null,
    kanaName: cp?.kanaName ?? null,
    address: cp?.address ?? null,
    occupation: cp?.occupation ?? null,
    dateOfBirth: cp?.dateOfBirth ?? null,
    age: cp?.age ?? null,
    method: r.verification?.ledgerLabel ?? null,
    documents: r.verification?.documents.map((d) => d.label).join('・') ?? null,
    disposalDate: r.disposal?.date ?? null,
    disposalKind: r.disposal ? t.kinds.disposal[r.disposal.kind] : null,
    disposalParty: r.disposal ? partyText(r.disposal.counterparty) : null,
    storeName: r.storeName,
    createdBy: r.staff.createdBy,
    createdAt: r.staff.createdAt,
    completedBy: r.staff.completedBy,
    completedAt: r.staff.completedAt,
    amendments: r.amendments.length,
    images: r.images.map((i) => i.file).join(' '),
    matchedOn: r.matchedOn.map((m) => t.matchedOn[m] ?? m).join('・'),
    itemId: r.itemId,
  };
}

export function recordsCsv(c: PacketContent): Buffer {
  const t = recordsTemplate();
  const lines = [KEYS.map((k) => cell(t.csvColumns[k] ?? k)).join(',')];
  for (const r of c.records) {
    const v = row(r);
    lines.push(KEYS.map((k) => cell(v[k])).join(','));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

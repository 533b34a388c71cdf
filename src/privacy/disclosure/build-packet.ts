// The disclosure packet (個人情報保護法33条; DOMAIN rule 42): an electronic copy of everything held
// about the subject, including the third-party provision records (Art. 33(5)). Pure: built from
// the loaded subject data, then scrubbed of forbidden numbers. The JSON is the electronic copy;
// the PDF renders the same object.
import { ITEM_CATEGORY_LABELS, type ItemCategory, retentionLockedUntil } from '../../tradeins/rules/index.js';
import type { SubjectData } from '../subject-data.js';
import { scrubDeep } from '../../identity/masking/scrub-export.js';

export const PACKET_FORMAT = 'daicho.privacy-disclosure/1';

const parse = <T>(s: string | null | undefined, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export function buildPacket(data: SubjectData, meta: { requestId: string; receivedDate: string; generatedAt: string }) {
  const byTradein = <T extends { tradeinId: string }>(rows: T[], id: string) => rows.filter((r) => r.tradeinId === id);
  const packet = {
    format: PACKET_FORMAT,
    request: { id: meta.requestId, receivedDate: meta.receivedDate, generatedAt: meta.generatedAt },
    customers: data.customers.map((c) => ({
      id: c.id,
      storeId: c.storeId,
      name: c.name,
      kanaName: c.kanaName,
      address: c.address,
      occupation: c.occupation,
      dateOfBirth: c.dateOfBirth,
      contact: c.contact,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      corrections: data.corrections.filter((k) => k.customerId === c.id).map((k) => ({ at: k.createdAt, fields: parse<string[]>(k.changedFields, []), before: parse<Record<string, unknown>>(k.before, {}) })),
    })),
    tradeins: data.tradeins.map((t) => {
      const v = data.verifications.find((x) => x.tradeinId === t.id);
      const documents = v ? (parse<{ documents?: Array<{ type?: string }> }>(v.input, {}).documents ?? []) : [];
      return {
        id: t.id,
        storeId: t.storeId,
        kind: t.kind,
        channel: t.channel,
        date: t.businessDate,
        status: t.status,
        counterparty: { name: t.cpName, kanaName: t.cpKanaName, address: t.cpAddress, occupation: t.cpOccupation, dateOfBirth: t.cpDateOfBirth },
        items: byTradein(data.items, t.id).map((i) => ({
          lineNo: i.lineNo,
          category: i.category,
          categoryLabel: ITEM_CATEGORY_LABELS[i.category as ItemCategory] ?? i.category,
          description: i.description,
          quantity: i.quantity,
          unitPrice: i.unitPrice,
          features: parse<Record<string, unknown>>(i.features, {}),
        })),
        total: t.total,
        // The verification as the ledger records it: category, method and document types — never
        // a document number (none is stored).
        verification: v ? { method: v.method, documentType: v.documentType, status: v.status, ledgerLabel: v.ledgerLabel, documentTypes: documents.map((d) => d.type ?? null) } : null,
        version: t.version,
        amendments: byTradein(data.versions, t.id).map((x) => ({ version: x.version, at: x.createdAt })),
        retainedUntil: t.status === 'completed' ? retentionLockedUntil(t.businessDate) : null,
      };
    }),
    disposals: data.disposals.map((d) => ({
      id: d.id,
      kind: d.kind,
      date: d.businessDate,
      price: d.price,
      buyer: { name: d.buyerName, address: d.buyerAddress, occupation: d.buyerOccupation, dateOfBirth: d.buyerDateOfBirth },
      retainedUntil: d.ledgerRequired ? retentionLockedUntil(d.businessDate) : null,
    })),
    idDocuments: data.idDocuments.map((d) => ({ id: d.id, documentType: d.documentType, side: d.side, tradeinId: d.tradeinId, createdAt: d.createdAt, imageStored: !!d.blobKey })),
    marketingConsent: data.consents.map((c) => ({ givenOn: c.givenOn, withdrawnOn: c.withdrawnOn })),
    optOuts: data.optOuts.map((o) => ({ scope: o.scope, registeredAt: o.registeredAt, revokedAt: o.revokedAt })),
    thirdPartyProvisions: data.provisions.map((p) => ({
      id: p.id,
      recipientName: p.recipientName,
      recipientAddress: p.recipientAddress,
      dataItems: parse<string[]>(p.dataItems, []),
      basis: p.basis,
      consentObtainedOn: p.consentObtainedOn,
      firstProvidedOn: p.firstProvidedOn,
      lastProvidedOn: p.lastProvidedOn,
      provisions: p.provisions,
    })),
  };
  const { value, masked } = scrubDeep(packet);
  return { packet: value, masked };
}
export type Packet = ReturnType<typeof buildPacket>['packet'];

export function sectionCounts(p: Packet): Record<string, number> {
  return {
    customers: p.customers.length,
    tradeins: p.tradeins.length,
    disposals: p.disposals.length,
    idDocuments: p.idDocuments.length,
    marketingConsent: p.marketingConsent.length,
    optOuts: p.optOuts.length,
    thirdPartyProvisions: p.thirdPartyProvisions.length,
  };
}

// Everything the business holds about a subject (their customer records): what a disclosure
// copies out (Art. 33) and what a deletion or cessation works through (Art. 35). One loader so the
// two cannot disagree about what "everything" is.
import { and, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import {
  customerCorrections,
  disposals,
  idDocuments,
  marketingConsents,
  optOuts,
  provisionRecords,
  tradeinItems,
  tradeins,
  tradeinVersions,
  verifications,
} from '../db/schema/index.js';
import { normalizeName } from '../shared/japanese.js';
import type { CustomerRow } from './internal.js';

type Q = Db | Tx;

export function loadSubjectData(db: Q, subject: CustomerRow[]) {
  const ids = subject.map((c) => c.id);
  const none = ids.length === 0;
  const trs = none ? [] : db.select().from(tradeins).where(inArray(tradeins.customerId, ids)).orderBy(tradeins.businessDate).all();
  const trIds = trs.map((t) => t.id);
  const some = trIds.length > 0;
  return {
    customers: subject,
    tradeins: trs,
    items: some ? db.select().from(tradeinItems).where(inArray(tradeinItems.tradeinId, trIds)).orderBy(tradeinItems.lineNo).all() : [],
    verifications: some ? db.select().from(verifications).where(inArray(verifications.tradeinId, trIds)).all() : [],
    versions: some ? db.select({ tradeinId: tradeinVersions.tradeinId, version: tradeinVersions.version, createdAt: tradeinVersions.createdAt }).from(tradeinVersions).where(inArray(tradeinVersions.tradeinId, trIds)).all() : [],
    disposals: none ? [] : db.select().from(disposals).where(inArray(disposals.buyerCustomerId, ids)).orderBy(disposals.businessDate).all(),
    idDocuments: [...(some ? db.select().from(idDocuments).where(and(inArray(idDocuments.tradeinId, trIds), isNull(idDocuments.anonymizedAt))).all() : []), ...unlinkedDocuments(db, subject)],
    consents: none ? [] : db.select().from(marketingConsents).where(inArray(marketingConsents.customerId, ids)).orderBy(marketingConsents.givenOn).all(),
    optOuts: none ? [] : db.select().from(optOuts).where(inArray(optOuts.customerId, ids)).orderBy(optOuts.registeredAt).all(),
    provisions: none ? [] : db.select().from(provisionRecords).where(inArray(provisionRecords.customerId, ids)).orderBy(provisionRecords.firstProvidedOn).all(),
    corrections: none ? [] : db.select().from(customerCorrections).where(inArray(customerCorrections.customerId, ids)).orderBy(customerCorrections.createdAt).all(),
  };
}
export type SubjectData = ReturnType<typeof loadSubjectData>;

/**
 * ID documents uploaded but never linked to a trade-in carry no customer id: they are the
 * subject's when the name and date of birth read from them match a subject record of that store.
 */
export function unlinkedDocuments(db: Q, subject: CustomerRow[]) {
  if (!subject.length) return [];
  const keys = new Set(subject.filter((c) => c.dateOfBirth).map((c) => `${c.storeId}|${c.nameNorm}|${c.dateOfBirth}`));
  if (!keys.size) return [];
  const docs = db
    .select()
    .from(idDocuments)
    .where(and(isNull(idDocuments.tradeinId), isNull(idDocuments.anonymizedAt), inArray(idDocuments.storeId, [...new Set(subject.map((c) => c.storeId))])))
    .all();
  return docs.filter((d) => {
    const f = (JSON.parse(d.extraction) as { fields?: { name?: { value?: unknown }; dateOfBirth?: { value?: unknown } } }).fields ?? {};
    const name = typeof f.name?.value === 'string' ? normalizeName(f.name.value) : null;
    const dob = typeof f.dateOfBirth?.value === 'string' ? f.dateOfBirth.value : null;
    return name && dob && keys.has(`${d.storeId}|${name}|${dob}`);
  });
}


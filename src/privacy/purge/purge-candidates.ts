// What the retention purge would anonymise or delete today: ids and dates only (the dry run lists
// these; the run re-checks each row inside its own transaction). Every period is the one the rest
// of the code enforces, so the purge never takes what a DELETE would still refuse:
//   trade-ins      date + 3 years, through the anniversary (古物営業法18条1項; DOMAIN rule 28)
//   ID images      with their trade-in (規則15条3項; DOMAIN rule 29)
//   sale buyers    the disposal's own date + 3 years (規則18条; the ledger entry of the sale)
//   provisions     retainUntil (PPC規則21条; DOMAIN rule 41)
//   customers      nothing retained refers to them and untouched for 3 years (Art. 22: erase what is no longer needed)
//   requests       closed 3 years ago (the proof of the answer outlives an Art. 39 suit)
//   disclosures    copies not downloaded by their expiry
import { and, eq, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { customers, disposals, idDocuments, privacyDisclosures, privacyRequests, provisionRecords, tradeins } from '../../db/schema/index.js';
import { addYears, compareIso, tokyoDate } from '../../shared/japanese.js';
import { isRetentionLocked, purgeableFrom } from '../../tradeins/rules/index.js';

type Q = Db | Tx;

export function tradeinCandidates(db: Q, today: string) {
  return db
    .select({ id: tradeins.id, date: tradeins.businessDate })
    .from(tradeins)
    .where(and(eq(tradeins.status, 'completed'), isNull(tradeins.anonymizedAt), lte(tradeins.businessDate, addYears(today, -3))))
    .all()
    .filter((t) => !isRetentionLocked(t.date, today))
    .map((t) => ({ ...t, erasableFrom: purgeableFrom(t.date) }));
}

export function documentCandidates(db: Q, tradeinIds: Set<string>) {
  return db
    .select({ id: idDocuments.id, tradeinId: idDocuments.tradeinId })
    .from(idDocuments)
    .where(and(isNotNull(idDocuments.tradeinId), isNull(idDocuments.anonymizedAt)))
    .all()
    .filter((d) => tradeinIds.has(d.tradeinId!));
}

export function disposalCandidates(db: Q, today: string) {
  return db
    .select({ id: disposals.id, date: disposals.businessDate })
    .from(disposals)
    .where(and(or(isNotNull(disposals.buyerCustomerId), isNotNull(disposals.buyerName), isNotNull(disposals.buyerAddress)), lte(disposals.businessDate, addYears(today, -3))))
    .all()
    .filter((d) => !isRetentionLocked(d.date, today))
    .map((d) => ({ ...d, erasableFrom: purgeableFrom(d.date) }));
}

export function provisionCandidates(db: Q, today: string) {
  return db.select({ id: provisionRecords.id, retainUntil: provisionRecords.retainUntil }).from(provisionRecords).where(lt(provisionRecords.retainUntil, today)).all();
}

/** Customers whose every trade-in, sale and provision record is (or is about to be) purged. */
export function customerCandidates(db: Q, today: string) {
  const c = db.select({ id: customers.id, updatedAt: customers.updatedAt }).from(customers).where(isNull(customers.anonymizedAt)).all();
  const idle = c.filter((x) => !isRetentionLocked(tokyoDate(new Date(x.updatedAt)), today));
  if (!idle.length) return [];
  const trs = db.select({ customerId: tradeins.customerId, status: tradeins.status, date: tradeins.businessDate, anonymizedAt: tradeins.anonymizedAt }).from(tradeins).where(isNotNull(tradeins.customerId)).all();
  const sales = db.select({ customerId: disposals.buyerCustomerId, date: disposals.businessDate }).from(disposals).where(isNotNull(disposals.buyerCustomerId)).all();
  const provs = db.select({ customerId: provisionRecords.customerId, retainUntil: provisionRecords.retainUntil }).from(provisionRecords).all();
  const held = new Set<string>();
  for (const t of trs) if (!t.anonymizedAt && (t.status === 'draft' || isRetentionLocked(t.date, today))) held.add(t.customerId!);
  for (const s of sales) if (isRetentionLocked(s.date, today)) held.add(s.customerId!);
  for (const p of provs) if (compareIso(p.retainUntil, today) >= 0) held.add(p.customerId);
  return idle.filter((x) => !held.has(x.id)).map((x) => ({ id: x.id }));
}

export function requestCandidates(db: Q, today: string) {
  return db
    .select({ id: privacyRequests.id, closedAt: privacyRequests.closedAt })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.status, 'closed'), isNull(privacyRequests.anonymizedAt)))
    .all()
    .filter((r) => r.closedAt && !isRetentionLocked(tokyoDate(new Date(r.closedAt)), today))
    .map((r) => ({ id: r.id }));
}

export function disclosureCandidates(db: Q, nowIso: string) {
  return db
    .select({ id: privacyDisclosures.id })
    .from(privacyDisclosures)
    .where(and(lte(privacyDisclosures.expiresAt, nowIso), or(isNotNull(privacyDisclosures.jsonBlobKey), isNotNull(privacyDisclosures.pdfBlobKey))))
    .all();
}

export function listCandidates(db: Q, today: string, nowIso: string) {
  const tr = tradeinCandidates(db, today);
  return {
    tradeins: tr,
    idDocuments: documentCandidates(db, new Set(tr.map((t) => t.id))).map((d) => ({ id: d.id, tradeinId: d.tradeinId })),
    disposals: disposalCandidates(db, today),
    provisionRecords: provisionCandidates(db, today),
    customers: customerCandidates(db, today),
    requests: requestCandidates(db, today),
    disclosureCopies: disclosureCandidates(db, nowIso),
  };
}
export type Candidates = ReturnType<typeof listCandidates>;

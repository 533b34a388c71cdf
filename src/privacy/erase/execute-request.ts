// Answers a deletion, cessation-of-use or cessation-of-third-party-provision request (個人情報保護法
// 35条; DOMAIN rule 43). Ledger data inside 古物営業法18条1項's 3 years is refused with that reason
// and the date from which it can be erased — the same request made then erases it (rule 28: not
// even an erasure request shortens the period). Data outside the ledger (marketing consent,
// contact details, ID images not kept as evidence, drafts) is erased or its use stopped at once.
// Cessation of third-party provision registers an opt-out, which recordProvision then enforces.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Tx, writeTx } from '../../db/client.js';
import { blocks, idDocuments } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { discardTradein } from '../../tradeins/discard-tradein.js';
import { eraseConsents, withdrawConsent } from '../consent/set-consent.js';
import { ANSWER_ROLES, type CustomerRow, closeRequestRow, emptyResult, getOpenRequest, type RequestRow, subjectCustomers, toRequestView, today } from '../internal.js';
import { registerOptOut } from '../opt-outs/register-opt-out.js';
import { dependentRefusal, ERASURE_TYPES, ledgerRefusal, provisionRefusal, type Refusal } from '../rules/index.js';
import type { PrivacyRequest, RequestResult } from '../schemas.js';
import { loadSubjectData } from '../subject-data.js';
import { anonymizeCustomer, anonymizeDisposal, anonymizeLedgerEntry, deleteProvisionRecord, deleteUnlinkedDocument, eraseContact } from './anonymize.js';

export const POLICE_NOTE = '法令に基づく提供（警察への回答等、個人情報保護法第27条第1項第1号）は停止の対象外です。';

export async function executeRequest({ ctx, id }: { ctx: Ctx; id: string }): Promise<PrivacyRequest> {
  requireRole(ctx.actor, ANSWER_ROLES);
  const { view, blobKeys } = writeTx(ctx.db, (tx) => {
    const row = getOpenRequest(tx, ctx.actor, id, ERASURE_TYPES);
    const subject = subjectCustomers(tx, row).filter((c) => !c.anonymizedAt);
    const result = emptyResult();
    const keys = row.type === 'cessation_of_third_party_provision' ? optOut(tx, ctx, row, subject, result) : erase(tx, ctx, row, subject, result);
    const done = result.erased.length + result.stopped.length + result.optOuts.length;
    const outcome = !result.refused.length ? 'fulfilled' : done ? 'partially_fulfilled' : 'refused';
    result.erasableFrom = result.refused.map((r) => r.erasableFrom).sort().at(-1) ?? null;
    const next = closeRequestRow(tx, ctx, row, outcome, result, result.refused.length ? 'retention_obligation' : null);
    emitAudit(tx, ctx, { action: 'privacy_request.execute', details: { type: row.type, outcome, erased: result.erased.length, refused: result.refused.length, stopped: result.stopped.length + result.optOuts.length } }, { entityType: 'privacy_request', entityId: row.id, storeId: row.storeId });
    return { view: toRequestView(next, today(ctx)), blobKeys: keys };
  });
  // After the commit: a row that no longer points at its file is harmless; the reverse is not.
  for (const key of blobKeys) {
    await ctx.blobs.delete(key).catch((err: unknown) => ctx.log.warn({ err, code: 'blob_delete_failed' }, 'privacy: a stored image could not be deleted'));
  }
  return view;
}

function optOut(tx: Tx, ctx: Ctx, row: RequestRow, subject: CustomerRow[], result: RequestResult): string[] {
  for (const c of subject) result.optOuts.push(registerOptOut(tx, ctx, { customerId: c.id, source: 'privacy_request', sourceId: row.id }).id);
  result.notes.push(POLICE_NOTE);
  return [];
}

function erase(tx: Tx, ctx: Ctx, row: RequestRow, subject: CustomerRow[], result: RequestResult): string[] {
  const day = today(ctx);
  const data = loadSubjectData(tx, subject);
  const keys: string[] = [];
  const refusedBy = new Map<string, Refusal[]>();
  const refuse = (customerId: string | null, r: Refusal) => {
    result.refused.push(r);
    if (customerId) refusedBy.set(customerId, [...(refusedBy.get(customerId) ?? []), r]);
  };
  // Non-ledger data first: it goes whatever happens to the ledger.
  for (const c of subject) {
    if (row.type === 'deletion') {
      if (eraseConsents(tx, ctx, c)) result.erased.push({ kind: 'marketing_consent', id: c.id });
    } else {
      const w = withdrawConsent(tx, ctx, c, day, 'privacy_request');
      if (w) result.stopped.push({ kind: 'marketing_consent', id: w });
    }
    if (eraseContact(tx, ctx, c)) result.erased.push({ kind: 'contact', id: c.id });
  }
  for (const d of data.idDocuments.filter((x) => !x.tradeinId)) {
    const k = deleteUnlinkedDocument(tx, ctx, d);
    if (k) keys.push(k);
    result.erased.push({ kind: 'id_document', id: d.id });
  }
  for (const t of data.tradeins.filter((x) => !x.anonymizedAt)) {
    if (t.status === 'draft') {
      // A draft is not a ledger record; one holding an open police task stays until that is settled.
      if (tx.select({ status: blocks.status }).from(blocks).where(eq(blocks.tradeinId, t.id)).all().some((b) => b.status === 'open')) {
        result.notes.push(`draft_with_open_task:${t.id}`);
        continue;
      }
      for (const d of tx.select().from(idDocuments).where(eq(idDocuments.tradeinId, t.id)).all()) {
        const k = deleteUnlinkedDocument(tx, ctx, d);
        if (k) keys.push(k);
      }
      discardTradein({ ctx, tradeinId: t.id });
      result.erased.push({ kind: 'tradein', id: t.id });
      continue;
    }
    const locked = ledgerRefusal('tradein', t.id, t.businessDate, day);
    const docs = data.idDocuments.filter((x) => x.tradeinId === t.id);
    if (locked) {
      refuse(t.customerId, locked);
      // ID images kept with the entry inherit its lock (規則15条3項; DOMAIN rule 29).
      for (const d of docs) refuse(null, { ...locked, kind: 'id_document', id: d.id });
      continue;
    }
    const a = anonymizeLedgerEntry(tx, ctx, t);
    keys.push(...a.blobKeys);
    result.erased.push({ kind: 'tradein', id: t.id }, ...a.documents.map((id) => ({ kind: 'id_document', id })));
  }
  for (const d of data.disposals) {
    const locked = d.ledgerRequired && d.buyerName ? ledgerRefusal('disposal', d.id, d.businessDate, day) : null;
    if (locked) refuse(d.buyerCustomerId, locked);
    else {
      anonymizeDisposal(tx, ctx, d);
      result.erased.push({ kind: 'disposal', id: d.id });
    }
  }
  for (const p of data.provisions) {
    const locked = provisionRefusal(p.id, p.retainUntil, day);
    if (locked) refuse(p.customerId, locked);
    else {
      deleteProvisionRecord(tx, ctx, p);
      result.erased.push({ kind: 'provision_record', id: p.id });
    }
  }
  for (const c of subject) {
    const held = dependentRefusal('customer', c.id, refusedBy.get(c.id) ?? []);
    if (held) result.refused.push(held);
    else if (result.notes.some((n) => data.tradeins.some((t) => t.customerId === c.id && n.endsWith(t.id)))) result.notes.push(`customer_kept_for_open_task:${c.id}`);
    else {
      anonymizeCustomer(tx, ctx, c);
      result.erased.push({ kind: 'customer', id: c.id });
    }
  }
  return keys;
}

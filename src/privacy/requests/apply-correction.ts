// Answers a correction request (個人情報保護法34条; DOMAIN rule 44): the customer record is
// corrected with its previous values kept in customer_corrections, and each ledger entry named as
// wrongly recorded is corrected through the ledger's own amendment (amendTradein: a new version,
// the old values kept in tradein_versions, the print marked as amended). Entries that recorded the
// facts correctly at the time (the person has since moved) are not touched: they were true.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { customerCorrections, customers } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { normalizeName } from '../../shared/japanese.js';
import { amendTradein } from '../../tradeins/amend-tradein.js';
import { ANSWER_ROLES, closeRequestRow, emptyResult, getOpenRequest, subjectCustomers, toRequestView, today } from '../internal.js';
import type { Correction, PrivacyRequest } from '../schemas.js';
import { loadSubjectData } from '../subject-data.js';

const CUSTOMER_FIELDS = ['name', 'kanaName', 'address', 'occupation', 'dateOfBirth', 'contact'] as const;
/** The ledger's counterparty facts (古物営業法16条): contact details are not among them. */
const LEDGER_FIELDS = { name: 'cpName', kanaName: 'cpKanaName', address: 'cpAddress', occupation: 'cpOccupation', dateOfBirth: 'cpDateOfBirth' } as const;

export function applyCorrection({ ctx, id, input }: { ctx: Ctx; id: string; input: Correction }): PrivacyRequest {
  requireRole(ctx.actor, ANSWER_ROLES);
  assertNoMyNumber({ reason: input.reason, customer: input.customer });
  return writeTx(ctx.db, (tx) => {
    const row = getOpenRequest(tx, ctx.actor, id, ['correction']);
    const subject = subjectCustomers(tx, row).filter((c) => !c.anonymizedAt);
    const entries = loadSubjectData(tx, subject).tradeins;
    const result = emptyResult();
    const named = input.tradeinIds.map((tid, i) => {
      const t = entries.find((e) => e.id === tid && e.status === 'completed' && !e.anonymizedAt);
      if (!t) throw new ValidationError('not_subject_record', "A listed trade-in is not one of the subject's completed ledger entries.", [{ path: `tradeinIds.${i}`, code: 'not_subject_record', message: 'not a completed entry of this subject' }]);
      return t;
    });
    const now = nowIso(ctx);
    for (const c of subject) {
      const changed = CUSTOMER_FIELDS.filter((k) => input.customer[k] !== undefined && input.customer[k] !== c[k]);
      if (!changed.length) continue;
      const set = Object.fromEntries(changed.map((k) => [k, input.customer[k]]));
      tx.insert(customerCorrections)
        .values({ id: newId(), customerId: c.id, requestId: row.id, before: JSON.stringify(Object.fromEntries(changed.map((k) => [k, c[k]]))), changedFields: JSON.stringify(changed), reason: input.reason, authorId: ctx.actor.userId, createdAt: now })
        .run();
      tx.update(customers)
        .set({ ...set, ...(set.name ? { nameNorm: normalizeName(String(set.name)) } : {}), updatedAt: now })
        .where(eq(customers.id, c.id))
        .run();
      emitAudit(tx, ctx, { action: 'customer.update', details: { fields: [...changed] } }, { entityType: 'customer', entityId: c.id, storeId: c.storeId });
      result.corrected.push({ kind: 'customer', id: c.id, fields: [...changed] });
    }
    for (const t of named) {
      const counterparty = Object.fromEntries(
        (Object.keys(LEDGER_FIELDS) as Array<keyof typeof LEDGER_FIELDS>).filter((k) => input.customer[k] !== undefined && input.customer[k] !== t[LEDGER_FIELDS[k]]).map((k) => [k, input.customer[k]]),
      );
      if (!Object.keys(counterparty).length) {
        result.notes.push(`tradein_already_correct:${t.id}`);
        continue;
      }
      // Nested in this transaction (a savepoint): the amendment and its audit row commit with the request.
      const amended = amendTradein({ ctx, tradeinId: t.id, input: { reason: input.reason, counterparty } });
      result.corrected.push({ kind: 'tradein', id: t.id, fields: Object.keys(counterparty).map((k) => `counterparty.${k}`), version: amended.version });
    }
    const next = closeRequestRow(tx, ctx, row, 'fulfilled', result);
    const fields = [...new Set(result.corrected.flatMap((c) => c.fields.map((f) => f.replace(/^counterparty\./, ''))))].sort();
    emitAudit(tx, ctx, { action: 'privacy_request.correct', details: { customers: result.corrected.filter((c) => c.kind === 'customer').length, tradeins: named.map((t) => t.id), fields } }, { entityType: 'privacy_request', entityId: row.id, storeId: row.storeId });
    return toRequestView(next, today(ctx));
  });
}

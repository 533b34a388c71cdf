// Records a provision of a customer's data to a third party in the Art. 29 register (DOMAIN rule
// 41). Exempt recipients (police, processors, successors, joint users: Art. 27(1)(1), 27(5)) are
// not recorded — the answer says why. A provision is refused while the person has an active
// opt-out, unless their consent was obtained after it (Art. 27(1)).
//
// For #5 (photo disclosures to auction members), inside the transaction that makes the disclosure:
//   const r = recordProvision(tx, ctx, { customerId, recipientType: 'third_party',
//     recipient: { name, address }, dataItems: ['車両写真（ナンバープレート）'], basis: 'consent',
//     consentObtainedOn, providedOn, recordKind: 'batch', source: { kind: 'photo_disclosure', id } });
//   r.recorded → r.record.id; a ConflictError 'provision_opted_out' means: do not disclose.
// A batch or contract-substitute record (PPC規則19条3項) is extended, not duplicated, when the same
// items go to the same recipient again.
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Tx, writeTx } from '../../db/client.js';
import { customers, provisionRecords } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { compareIso, tokyoDate } from '../../shared/japanese.js';
import { getVisibleCustomer } from '../../tradeins/internal.js';
import { activeOptOut } from '../opt-outs/register-opt-out.js';
import { provisionRecordRequired, provisionRetainUntil } from '../rules/index.js';
import { ProvisionInput, type ProvisionRecord } from './schemas.js';

export type ProvisionRow = typeof provisionRecords.$inferSelect;

const bad = (path: string, code: string, message: string) => new ValidationError(code, message, [{ path, code, message }]);

export function recordProvision(tx: Tx, ctx: Ctx, raw: ProvisionInput) {
  const input = ProvisionInput.parse(raw);
  assertNoMyNumber({ recipient: input.recipient, dataItems: input.dataItems });
  const decision = provisionRecordRequired(input.recipientType);
  if (!decision.required) return { recorded: false as const, exemption: { article: decision.article, reason: decision.reason }, record: null };
  const today = tokyoDate(ctx.clock.now());
  if (compareIso(input.providedOn, today) > 0) throw bad('providedOn', 'provided_in_future', 'The provision date is in the future.');
  if (input.basis === 'consent' && !input.consentObtainedOn) throw bad('consentObtainedOn', 'consent_date_required', 'Record when the consent was obtained (PPC規則20条).');
  if (input.consentObtainedOn && compareIso(input.consentObtainedOn, input.providedOn) > 0) throw bad('consentObtainedOn', 'consent_after_provision', 'Consent must precede the provision.');
  const customer = tx.select().from(customers).where(eq(customers.id, input.customerId)).get();
  if (!customer || customer.anonymizedAt) throw bad('customerId', 'unknown_customer', 'The customer does not exist.');
  const opt = activeOptOut(tx, customer.id);
  if (opt && !(input.basis === 'consent' && compareIso(input.consentObtainedOn!, tokyoDate(new Date(opt.registeredAt))) > 0)) {
    throw new ConflictError('provision_opted_out', 'The person has asked that their data not be given to third parties (個人情報保護法27条・35条); do not provide it.', { optOutId: opt.id, registeredAt: opt.registeredAt });
  }
  const items = JSON.stringify([...input.dataItems].sort());
  if (input.recordKind !== 'individual') {
    const same = tx
      .select()
      .from(provisionRecords)
      .where(and(eq(provisionRecords.customerId, customer.id), eq(provisionRecords.recordKind, input.recordKind), eq(provisionRecords.recipientName, input.recipient.name), eq(provisionRecords.basis, input.basis), eq(provisionRecords.dataItems, items)))
      .get();
    if (same) return { recorded: true as const, exemption: null, record: extend(tx, ctx, same, input.providedOn, customer.name) };
  }
  const row: ProvisionRow = {
    id: newId(),
    storeId: customer.storeId,
    customerId: customer.id,
    recordKind: input.recordKind,
    recipientName: input.recipient.name,
    recipientAddress: input.recipient.address ?? null,
    dataItems: items,
    basis: input.basis,
    consentObtainedOn: input.consentObtainedOn ?? null,
    firstProvidedOn: input.providedOn,
    lastProvidedOn: input.providedOn,
    provisions: 1,
    retainUntil: provisionRetainUntil(input.recordKind, today, input.providedOn),
    sourceKind: input.source.kind,
    sourceId: input.source.id ?? null,
    createdBy: ctx.actor.userId,
    createdAt: nowIso(ctx),
  };
  tx.insert(provisionRecords).values(row).run();
  emitAudit(tx, ctx, { action: 'privacy_provision.create', details: { customerId: customer.id, basis: row.basis, recordKind: row.recordKind, dataItems: input.dataItems.length, sourceKind: row.sourceKind } }, { entityType: 'provision_record', entityId: row.id, storeId: row.storeId });
  return { recorded: true as const, exemption: null, record: toProvisionView(row, customer.name) };
}

function extend(tx: Tx, ctx: Ctx, row: ProvisionRow, providedOn: string, customerName: string): ProvisionRecord {
  const last = compareIso(providedOn, row.lastProvidedOn) > 0 ? providedOn : row.lastProvidedOn;
  const next = { ...row, lastProvidedOn: last, provisions: row.provisions + 1, retainUntil: provisionRetainUntil(row.recordKind, tokyoDate(new Date(row.createdAt)), last) };
  tx.update(provisionRecords).set({ lastProvidedOn: next.lastProvidedOn, provisions: next.provisions, retainUntil: next.retainUntil }).where(eq(provisionRecords.id, row.id)).run();
  emitAudit(tx, ctx, { action: 'privacy_provision.extend', details: { customerId: row.customerId, provisions: next.provisions } }, { entityType: 'provision_record', entityId: row.id, storeId: row.storeId });
  return toProvisionView(next, customerName);
}

/** The route's verb: a provision made outside the system (e.g. on paper), recorded by staff. */
export function createProvision({ ctx, input }: { ctx: Ctx; input: ProvisionInput }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  return writeTx(ctx.db, (tx) => {
    getVisibleCustomer(tx, ctx.actor, input.customerId);
    return recordProvision(tx, ctx, input);
  });
}

export function toProvisionView(r: ProvisionRow, customerName: string | null): ProvisionRecord {
  return {
    id: r.id,
    storeId: r.storeId,
    customerId: r.customerId,
    customerName,
    recordKind: r.recordKind,
    recipientName: r.recipientName,
    recipientAddress: r.recipientAddress,
    dataItems: JSON.parse(r.dataItems) as string[],
    basis: r.basis,
    consentObtainedOn: r.consentObtainedOn,
    firstProvidedOn: r.firstProvidedOn,
    lastProvidedOn: r.lastProvidedOn,
    provisions: r.provisions,
    retainUntil: r.retainUntil,
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
    createdAt: r.createdAt,
  };
}

// Opt-outs (個人情報保護法27条2項, 35条3項・4項): a customer's instruction that their data no longer
// be given to third parties. recordProvision refuses a provision while one is active, so a
// cessation-of-third-party-provision request stops future provisions, not just records the wish.
//
// For #5 (photos, auction disclosures) and any other caller, inside its own transaction:
//   registerOptOut(tx, ctx, { customerId, source: 'dealer' | 'counter' | 'privacy_request', sourceId })
//     → { id, created }   (idempotent: an active opt-out is returned, not duplicated)
//   activeOptOut(tx, customerId) → the row or undefined; isOptedOut(tx, customerId) → boolean
// #5 widened the table: subjects other than a customer (a trade-in, 車台番号, plate, IMEI passed on
// by a member dealer) and the scope image_disclosure; those rows are written and read by
// src/images/opt-outs. The functions here keep to customer subjects (customerId set).
// Provisions to the police (法令に基づく, Art. 27(1)(1)) are not stopped by an opt-out.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Db, type Tx, writeTx } from '../../db/client.js';
import { customers, optOuts } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { getVisibleCustomer } from '../../tradeins/internal.js';

export type OptOutScope = 'third_party_provision' | 'image_disclosure';
export type OptOutSource = 'privacy_request' | 'counter' | 'dealer';
export type OptOutRow = typeof optOuts.$inferSelect;

export interface RegisterOptOut {
  customerId: string;
  scope?: OptOutScope;
  source: OptOutSource;
  /** The privacy request, dealer notice or other record it came from. */
  sourceId?: string | null;
}

export function activeOptOut(db: Db | Tx, customerId: string, scope: OptOutScope = 'third_party_provision'): OptOutRow | undefined {
  return db
    .select()
    .from(optOuts)
    .where(and(eq(optOuts.customerId, customerId), eq(optOuts.scope, scope), isNull(optOuts.revokedAt)))
    .orderBy(desc(optOuts.registeredAt))
    .get();
}

export function isOptedOut(db: Db | Tx, customerId: string, scope: OptOutScope = 'third_party_provision'): boolean {
  return !!activeOptOut(db, customerId, scope);
}

/** Registers (or finds) the active opt-out, with its audit row, inside the caller's transaction. */
export function registerOptOut(tx: Tx, ctx: Ctx, input: RegisterOptOut): { id: string; created: boolean } {
  const scope = input.scope ?? 'third_party_provision';
  const customer = tx.select().from(customers).where(eq(customers.id, input.customerId)).get();
  if (!customer) throw new ValidationError('unknown_customer', 'The customer does not exist.', [{ path: 'customerId', code: 'unknown_customer', message: 'no such customer' }]);
  const existing = activeOptOut(tx, customer.id, scope);
  if (existing) return { id: existing.id, created: false };
  const id = newId();
  tx.insert(optOuts)
    .values({ id, customerId: customer.id, storeId: customer.storeId, scope, source: input.source, sourceId: input.sourceId ?? null, registeredAt: nowIso(ctx), registeredBy: ctx.actor.userId, revokedAt: null, revokedBy: null })
    .run();
  emitAudit(tx, ctx, { action: 'opt_out.create', details: { customerId: customer.id, scope, source: input.source } }, { entityType: 'opt_out', entityId: id, storeId: customer.storeId });
  return { id, created: true };
}

/** At the counter: the customer tells staff to stop giving their data to third parties. */
export function createOptOut({ ctx, customerId }: { ctx: Ctx; customerId: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  return writeTx(ctx.db, (tx) => {
    const c = getVisibleCustomer(tx, ctx.actor, customerId);
    const r = registerOptOut(tx, ctx, { customerId: c.id, source: 'counter' });
    return toOptOutView({ ...tx.select().from(optOuts).where(eq(optOuts.id, r.id)).get()!, customerId: c.id });
  });
}

/** Privacy's view of a customer opt-out (customerId is set on those). */
export function toOptOutView(o: OptOutRow & { customerId: string }) {
  return { id: o.id, customerId: o.customerId, scope: o.scope, source: o.source, registeredAt: o.registeredAt, revokedAt: o.revokedAt };
}

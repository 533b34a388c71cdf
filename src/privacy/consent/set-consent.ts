// Marketing consent per customer (DOMAIN §2, issue #7 item 8): given on a date, withdrawn on a
// date; each period is kept so the history shows when marketing use was allowed. Withdrawal and
// erasure are also driven by cessation-of-use and deletion requests (Art. 35), through the
// helpers below, inside the request's transaction.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Db, type Tx, writeTx } from '../../db/client.js';
import { marketingConsents } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { compareIso, tokyoDate } from '../../shared/japanese.js';
import { getVisibleCustomer } from '../../tradeins/internal.js';
import { isOptedOut } from '../opt-outs/register-opt-out.js';

type Q = Db | Tx;
type Customer = { id: string; storeId: string };

function active(db: Q, customerId: string) {
  return db.select().from(marketingConsents).where(and(eq(marketingConsents.customerId, customerId), isNull(marketingConsents.withdrawnOn))).get();
}

/** Ends the active consent period, if any; returns its id. */
export function withdrawConsent(tx: Tx, ctx: Ctx, c: Customer, on: string, source: string): string | null {
  const row = active(tx, c.id);
  if (!row) return null;
  const date = compareIso(on, row.givenOn) < 0 ? row.givenOn : on;
  tx.update(marketingConsents).set({ withdrawnOn: date, withdrawnBy: ctx.actor.userId, withdrawnSource: source }).where(eq(marketingConsents.id, row.id)).run();
  emitAudit(tx, ctx, { action: 'marketing_consent.withdraw', details: { customerId: c.id, source } }, { entityType: 'marketing_consent', entityId: row.id, storeId: c.storeId });
  return row.id;
}

/** Deletes every consent period of the customer (deletion request, purge); returns how many. */
export function eraseConsents(tx: Tx, ctx: Ctx, c: Customer): number {
  const n = tx.delete(marketingConsents).where(eq(marketingConsents.customerId, c.id)).run().changes;
  if (n) emitAudit(tx, ctx, { action: 'marketing_consent.erase', details: { customerId: c.id, rows: n } }, { entityType: 'customer', entityId: c.id, storeId: c.storeId });
  return n;
}

export function setConsent({ ctx, customerId, input }: { ctx: Ctx; customerId: string; input: { given: boolean; on: string } }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  if (compareIso(input.on, tokyoDate(ctx.clock.now())) > 0) throw new ValidationError('date_in_future', 'The date is in the future.', [{ path: 'on', code: 'in_future', message: 'must not be after today' }]);
  return writeTx(ctx.db, (tx) => {
    const c = getVisibleCustomer(tx, ctx.actor, customerId);
    if (c.anonymizedAt) throw new ValidationError('customer_anonymized', 'This customer record has been anonymised.', [{ path: 'customerId', code: 'anonymized', message: 'anonymised' }]);
    if (!input.given) withdrawConsent(tx, ctx, c, input.on, 'customer');
    else if (!active(tx, c.id)) {
      const id = newId();
      tx.insert(marketingConsents).values({ id, customerId: c.id, storeId: c.storeId, givenOn: input.on, givenBy: ctx.actor.userId, withdrawnOn: null, withdrawnBy: null, withdrawnSource: null, createdAt: nowIso(ctx) }).run();
      emitAudit(tx, ctx, { action: 'marketing_consent.give', details: { customerId: c.id } }, { entityType: 'marketing_consent', entityId: id, storeId: c.storeId });
    }
    return consentView(tx, c.id);
  });
}

export function getConsent({ ctx, customerId }: { ctx: Ctx; customerId: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  return consentView(ctx.db, getVisibleCustomer(ctx.db, ctx.actor, customerId).id);
}

function consentView(db: Q, customerId: string) {
  const history = db.select().from(marketingConsents).where(eq(marketingConsents.customerId, customerId)).orderBy(asc(marketingConsents.givenOn), asc(marketingConsents.createdAt)).all();
  const current = history.find((h) => !h.withdrawnOn);
  const last = history.at(-1);
  return {
    customerId,
    marketing: current ? ('given' as const) : last ? ('withdrawn' as const) : ('none' as const),
    history: history.map((h) => ({ givenOn: h.givenOn, withdrawnOn: h.withdrawnOn })),
    thirdPartyProvisionOptOut: isOptedOut(db, customerId),
  };
}

// Customers: created with a first trade-in or directly, reused by returning customers (rule 22).
import { and, eq } from 'drizzle-orm';
import { getVisibleStore } from '../admin/internal.js';
import { writeTx } from '../db/client.js';
import { customers, tradeins, verifications } from '../db/schema/index.js';
import { type Ctx, canSeeStore, requireRole } from '../shared/context.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { normalizeName } from '../shared/japanese.js';
import { getVisibleCustomer } from './internal.js';
import { resolveCounterparty } from './resolve-counterparty.js';
import type { CreateCustomer } from './schemas.js';

type CustomerRow = typeof customers.$inferSelect;

export function createCustomer({ ctx, input }: { ctx: Ctx; input: CreateCustomer }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  assertNoMyNumber(input);
  const { storeId, ...cp } = input;
  return writeTx(ctx.db, (tx) => {
    getVisibleStore(tx, ctx.actor, storeId);
    const snap = resolveCounterparty(tx, ctx, storeId, undefined, cp);
    return view(ctx, getVisibleCustomer(tx, ctx.actor, snap.customerId!));
  });
}

export function getCustomer({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  return view(ctx, getVisibleCustomer(ctx.db, ctx.actor, id));
}

/** Find a returning customer by name and date of birth, within the stores the caller may see. */
export function findCustomers({ ctx, name, dateOfBirth }: { ctx: Ctx; name: string; dateOfBirth: string }) {
  requireRole(ctx.actor, ['staff', 'compliance']);
  return ctx.db
    .select()
    .from(customers)
    .where(and(eq(customers.nameNorm, normalizeName(name)), eq(customers.dateOfBirth, dateOfBirth)))
    .all()
    .filter((c) => canSeeStore(ctx.actor, c.storeId))
    .map((c) => view(ctx, c));
}

function view(ctx: Ctx, c: CustomerRow) {
  const verified = ctx.db
    .select({ id: tradeins.id })
    .from(tradeins)
    .innerJoin(verifications, eq(verifications.tradeinId, tradeins.id))
    .where(and(eq(tradeins.customerId, c.id), eq(tradeins.status, 'completed'), eq(verifications.status, 'verified')))
    .get();
  return { id: c.id, storeId: c.storeId, name: c.name, kanaName: c.kanaName, address: c.address, occupation: c.occupation, dateOfBirth: c.dateOfBirth, contact: c.contact, hasCompletedVerification: !!verified, createdAt: c.createdAt };
}

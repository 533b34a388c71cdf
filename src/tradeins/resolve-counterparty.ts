// Turns a trade-in's counterparty input into a customer record and a snapshot for the ledger.
// A returning customer (customerId) is reused; declared values override the snapshot (the ledger
// records the facts as at this transaction).
import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { insertRow } from '../db/prepared.js';
import { customers } from '../db/schema/index.js';
import { emitAudit } from '../audit/emit.js';
import { type Ctx, nowIso } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { normalizeName } from '../shared/japanese.js';
import { getVisibleCustomer } from './internal.js';
import type { CounterpartyInput } from './schemas.js';

export interface Snapshot {
  customerId: string | null;
  cpName: string | null;
  cpKanaName: string | null;
  cpAddress: string | null;
  cpOccupation: string | null;
  cpDateOfBirth: string | null;
  cpNameNorm: string | null;
}

export function resolveCounterparty(tx: Tx, ctx: Ctx, storeId: string, customerId: string | undefined, cp: CounterpartyInput | undefined): Snapshot {
  if (customerId) {
    const c = getVisibleCustomer(tx, ctx.actor, customerId);
    const merged = { name: cp?.name ?? c.name, kanaName: cp?.kanaName ?? c.kanaName, address: cp?.address ?? c.address, occupation: cp?.occupation ?? c.occupation, dateOfBirth: cp?.dateOfBirth ?? c.dateOfBirth };
    if (cp) {
      // Keep the customer record current; the old values stay in earlier trade-ins' snapshots.
      tx.update(customers).set({ ...merged, nameNorm: normalizeName(merged.name), contact: cp.contact ?? c.contact, updatedAt: nowIso(ctx) }).where(eq(customers.id, c.id)).run();
      emitAudit(tx, ctx, { action: 'customer.update', details: { fields: Object.keys(cp).sort() } }, { entityType: 'customer', entityId: c.id, storeId: c.storeId });
    }
    return snapshot(c.id, merged);
  }
  if (!cp) return snapshot(null, null);
  const id = newId();
  const now = nowIso(ctx);
  insertRow(tx, customers, { id, storeId, name: cp.name, kanaName: cp.kanaName ?? null, address: cp.address ?? null, occupation: cp.occupation ?? null, dateOfBirth: cp.dateOfBirth ?? null, contact: cp.contact ?? null, nameNorm: normalizeName(cp.name), createdAt: now, updatedAt: now });
  emitAudit(tx, ctx, { action: 'customer.create', details: { fields: Object.keys(cp).sort() } }, { entityType: 'customer', entityId: id, storeId });
  return snapshot(id, cp);
}

function snapshot(customerId: string | null, cp: { name: string; kanaName?: string | null; address?: string | null; occupation?: string | null; dateOfBirth?: string | null } | null): Snapshot {
  return {
    customerId,
    cpName: cp?.name ?? null,
    cpKanaName: cp?.kanaName ?? null,
    cpAddress: cp?.address ?? null,
    cpOccupation: cp?.occupation ?? null,
    cpDateOfBirth: cp?.dateOfBirth ?? null,
    cpNameNorm: cp ? normalizeName(cp.name) : null,
  };
}

/** A transaction date may not lie in the future beyond clock skew, nor before the Act existed. */
export function checkOccurredAt(ctx: Ctx, occurredAt: string, path = 'occurredAt'): Date {
  const at = new Date(occurredAt);
  if (at.getTime() > ctx.clock.now().getTime() + 10 * 60_000) {
    throw new ValidationError('occurred_in_future', 'The transaction time is in the future.', [{ path, code: 'in_future', message: 'must not be in the future' }]);
  }
  if (at.getUTCFullYear() < 1950) {
    throw new ValidationError('occurred_too_early', 'The transaction time is implausibly early.', [{ path, code: 'too_early', message: 'must be 1950 or later' }]);
  }
  return at;
}

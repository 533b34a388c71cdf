// Every audited action, as one zod discriminated union named `entity.verb`. Details hold ids,
// field names and hashes only: a value a person typed never goes in here (ARCHITECTURE rule 4).
// A domain adds its actions to this list; emit() rejects anything not in it.
import { z } from 'zod';

const fields = z.array(z.string()).describe('names of the fields written');
const id = z.string();

function action<A extends string, S extends z.ZodRawShape>(name: A, details: S) {
  return z.object({ action: z.literal(name), details: z.object(details).strict() });
}

export const AuditEvent = z.discriminatedUnion('action', [
  action('store.create', { fields }),
  action('store.update', { fields }),
  action('user.create', { role: z.string(), storeIds: z.array(id) }),
  action('user.update', { fields }),
  action('token.create', { userId: id, expiresAt: z.string() }),
  action('token.revoke', { userId: id }),
  // ledger: a bulk read of personal data (the printable 帳簿); ids, dates and a count only.
  action('ledger.print', { storeId: id, from: z.string(), to: z.string(), entries: z.number().int() }),
  // trade-ins (古物台帳)
  action('customer.create', { fields }),
  action('customer.update', { fields }),
  action('tradein.create', { items: z.number(), customerId: id.nullable(), fields }),
  action('tradein.update', { fields }),
  action('tradein.complete', { version: z.number(), identityRequired: z.boolean(), ledgerRequired: z.boolean() }),
  action('tradein.amend', { version: z.number(), fields, reasonHash: z.string() }),
  action('tradein.discard', { items: z.number() }),
  action('tradein.anonymize', { items: z.number() }),
  action('verification.record', { method: z.string(), documentType: z.string().nullable(), status: z.string() }),
  action('verification.update', { steps: z.array(z.string()), status: z.string() }),
  action('block.create', { kind: z.string(), itemId: id.nullable(), tradeinId: id.nullable() }),
  action('block.resolve', { kind: z.string(), resolution: z.string() }),
  action('disposal.create', { itemId: id, kind: z.string(), ledgerRequired: z.boolean(), buyerCustomerId: id.nullable() }),
]);

export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditAction = AuditEvent['action'];
export const AUDIT_ACTIONS = AuditEvent.options.map((o) => o.shape.action.value) as AuditAction[];

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
]);

export type AuditEvent = z.infer<typeof AuditEvent>;
export type AuditAction = AuditEvent['action'];
export const AUDIT_ACTIONS = AuditEvent.options.map((o) => o.shape.action.value) as AuditAction[];

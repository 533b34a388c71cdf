import { randomUUID } from 'node:crypto';

/** Opaque record ids. UUIDv4: no ordering or time leaks in ids that reach police and customers. */
export function newId(): string {
  return randomUUID();
}

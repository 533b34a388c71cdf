// What every verb receives: who is acting, the database, the clock and the engines. Built from
// request.actor by routes, or by the CLI / background jobs with the system actor.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { OcrEngine } from '../identity/ocr/engine.js';
import type { BlobStore } from './blob-store.js';
import { ForbiddenError } from './errors.js';

export type Role = 'staff' | 'dealer' | 'compliance' | 'admin';

export interface Actor {
  /** null for the system actor (CLI bootstrap, scheduled jobs). */
  userId: string | null;
  role: Role | 'system';
  /** Stores a staff user is bound to; other roles are not store-bound. */
  storeIds: string[];
  tokenId: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', storeIds: [], tokenId: null };

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Engines injected through buildApp so a second implementation slots in (ARCHITECTURE rule 7). */
export interface Deps {
  clock: Clock;
  blobs: BlobStore;
  ocr: OcrEngine | null;
}

export interface Ctx extends Deps {
  db: Db;
  config: Config;
  actor: Actor;
  requestId: string | null;
  log: FastifyBaseLogger;
}

/** Can this actor see records of this store? Staff only their own; compliance/admin all. */
export function canSeeStore(actor: Actor, storeId: string): boolean {
  if (actor.role === 'staff') return actor.storeIds.includes(storeId);
  return actor.role === 'compliance' || actor.role === 'admin' || actor.role === 'system';
}

export function nowIso(ctx: { clock: Clock }): string {
  return ctx.clock.now().toISOString();
}

/** Verbs check the actor themselves too: the CLI and jobs call verbs without a route in front. */
export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (actor.role === 'system') return;
  if (!roles.includes(actor.role)) throw new ForbiddenError();
}

// One retention purge at a time, across processes (the server's daily job, the API, the CLI):
// a single lock row taken inside BEGIN IMMEDIATE. A second run is refused with 409 purge_running.
// Each batch refreshes the heartbeat; a lock whose holder stopped beating for STALE_MS (a crashed
// process) is taken over, and that run is marked failed.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { privacyPurgeLock, privacyPurgeRuns } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';

const NAME = 'retention_purge';
export const STALE_MS = 30 * 60_000;

export function acquirePurgeLock(tx: Tx, ctx: Ctx, runId: string): void {
  const now = nowIso(ctx);
  const held = tx.select().from(privacyPurgeLock).where(eq(privacyPurgeLock.name, NAME)).get();
  if (held) {
    if (ctx.clock.now().getTime() - Date.parse(held.heartbeatAt) < STALE_MS) {
      throw new ConflictError('purge_running', 'A retention purge is already running; try again when it has finished.', { runId: held.runId, since: held.acquiredAt });
    }
    tx.update(privacyPurgeRuns).set({ status: 'failed', errorCode: 'stale_lock', finishedAt: now }).where(and(eq(privacyPurgeRuns.id, held.runId), eq(privacyPurgeRuns.status, 'running'))).run();
    tx.delete(privacyPurgeLock).where(eq(privacyPurgeLock.name, NAME)).run();
  }
  tx.insert(privacyPurgeLock).values({ name: NAME, runId, acquiredAt: now, heartbeatAt: now }).run();
}

/** Refreshes the heartbeat; throws if another run took the lock over (this one was presumed dead). */
export function heartbeat(tx: Tx, ctx: Ctx, runId: string): void {
  const n = tx.update(privacyPurgeLock).set({ heartbeatAt: nowIso(ctx) }).where(and(eq(privacyPurgeLock.name, NAME), eq(privacyPurgeLock.runId, runId))).run().changes;
  if (n !== 1) throw new ConflictError('purge_lock_lost', 'The purge lock was taken over by another run.');
}

export function releasePurgeLock(tx: Tx, runId: string): void {
  tx.delete(privacyPurgeLock).where(and(eq(privacyPurgeLock.name, NAME), eq(privacyPurgeLock.runId, runId))).run();
}

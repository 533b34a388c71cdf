// The daily retention purge, in process: a timer set for the next PURGE_AT (Asia/Tokyo) by the
// app's clock, re-armed after each run. Off with PURGE_ENABLED=false (tests, or when an external
// scheduler runs `npm run cli -- purge`). A run refused because another holds the lock (the CLI,
// another instance) is skipped until the next day. stop() clears the timer and waits for a
// running purge, so the database is never closed under it.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type Deps, SYSTEM_ACTOR } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';
import { runPurge } from './run-purge.js';

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000; // Japan keeps no daylight saving time.

/** Milliseconds from `now` to the next `HH:MM` in Asia/Tokyo, at least `minMs` away. */
export function nextRunDelay(now: Date, at: string, minMs = 0): number {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const local = now.getTime() + JST_OFFSET_MS;
  const dayStart = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  let next = dayStart + (h * 60 + m) * 60_000;
  while (next - local < Math.max(minMs, 1)) next += DAY_MS;
  return next - local;
}

export interface PurgeJobOptions {
  db: Db;
  config: Config;
  deps: Deps;
  log: FastifyBaseLogger;
  /** Injectable for tests of the schedule itself. */
  timers?: { set: (fn: () => void, ms: number) => { unref?: () => void }; clear: (t: unknown) => void };
}

export interface PurgeJob {
  stop(): Promise<void>;
}

export function startPurgeJob(o: PurgeJobOptions): PurgeJob {
  if (!o.config.PURGE_ENABLED) return { stop: async () => {} };
  const timers = o.timers ?? { set: (fn: () => void, ms: number) => setTimeout(fn, ms), clear: (t: unknown) => clearTimeout(t as NodeJS.Timeout) };
  const ctx = { ...o.deps, db: o.db, config: o.config, actor: SYSTEM_ACTOR, requestId: null, log: o.log };
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const arm = (minMs: number) => {
    if (stopped) return;
    const t = timers.set(fire, nextRunDelay(o.deps.clock.now(), o.config.PURGE_AT, minMs));
    // The timer must not keep the process alive on its own (a CLI or test that forgot close()).
    t.unref?.();
    timer = t;
  };
  const fire = () => {
    running = runPurge({ ctx, dryRun: false, trigger: 'schedule' })
      .then((r) => o.log.info({ runId: r.runId, counts: r.counts }, 'retention purge done'))
      .catch((err: unknown) => {
        if (err instanceof ConflictError) o.log.info({ code: err.code }, 'retention purge skipped');
        else o.log.error({ err }, 'retention purge failed');
      })
      .finally(() => {
        running = null;
        // At least a minute on: a clock that stands still (tests) must not fire again at once.
        arm(60_000);
      });
  };
  arm(0);
  return {
    async stop() {
      stopped = true;
      if (timer) timers.clear(timer);
      await running;
    },
  };
}

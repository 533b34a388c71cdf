// Packet jobs are queued here, one at a time per database, and each runs in a child process
// (run-export-process.ts): a packet streams hundreds of MB through one image at a time, and two at
// once would double the memory for no gain on two cores.
// The routes plugin waits for the queue when the app closes, so a job never writes to a closed
// database; a job cut short by a crash is marked failed at the next start (recoverExports).
import type { Db } from '../../db/client.js';

const queues = new WeakMap<Db, Promise<void>>();

export function enqueue(db: Db, job: () => Promise<void>): void {
  const prev = queues.get(db) ?? Promise.resolve();
  // A job handles its own errors (it records them on the export); the chain must never reject.
  const next = prev.then(job).catch(() => {});
  queues.set(db, next);
}

/** Resolves when every queued job of this database has finished. */
export async function drainJobs(db: Db): Promise<void> {
  let current = queues.get(db);
  while (current) {
    await current;
    const after = queues.get(db);
    if (after === current) break;
    current = after;
  }
}

// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever COMMIT
// crosses the threshold: it copies the WAL back into the database and fsyncs both, synchronously,
// on the request's thread. On the one-shot intake that was about a sixth of the event loop's time
// per request, paid in lumps that also showed in p99.
//
// Here a worker thread holds its own connection to the same file and runs PASSIVE checkpoints
// every interval. PASSIVE never blocks writers or readers (SQLite's WAL design: a checkpoint
// copies only frames no reader still needs, concurrently with new commits), so the main
// connection keeps committing meanwhile. Its own automatic checkpoint stays on at a high mark as
// a backstop: if the worker dies, the WAL is still bounded.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './client.js';

/** Pages the main connection may let the WAL reach before checkpointing itself (backstop). */
export const BACKSTOP_PAGES = 100_000;

// Plain CommonJS, evaluated in the worker: no build step, and it runs the same under tsx and dist.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
let stopped = false;
let timer = null;
const tick = () => {
  if (stopped) return;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    // SQLITE_BUSY: another checkpoint (the CLI's, the backstop) holds the lock; try next tick.
    if (err.code !== 'SQLITE_BUSY') throw err;
  }
  timer = setTimeout(tick, workerData.intervalMs);
};
parentPort.on('message', (m) => {
  if (m === 'stop') { stopped = true; clearTimeout(timer); db.close(); parentPort.close(); }
});
timer = setTimeout(tick, workerData.intervalMs);
`;

export interface Checkpointer {
  /** Checkpoints run so far (for tests and benchmarks). */
  readonly runs: number;
  stop(): Promise<void>;
}

export function startCheckpointer(db: Db, file: string, opts: { intervalMs?: number; onError?: (err: Error) => void } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, intervalMs: opts.intervalMs ?? 200 } });
  db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const state = { runs: 0, exited: false };
  worker.on('message', (m: { type: string }) => {
    if (m.type === 'checkpoint') state.runs++;
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (err) => {
    // The backstop takes over at its usual, lower threshold.
    if (db.$client.open) db.$client.pragma('wal_autocheckpoint = 10000');
    opts.onError?.(err);
  });
  // A long-lived worker must not keep a finished process (a test run, the CLI) alive.
  worker.unref();
  return {
    get runs() {
      return state.runs;
    },
    async stop() {
      if (state.exited) return;
      state.exited = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}

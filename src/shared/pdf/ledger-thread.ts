// The ledger print on a worker thread. A 3-year ledger of a busy store runs to tens of thousands
// of rows, and laying them out is seconds of pdfkit work (about 8 s for 20,000 entries here): on
// the event loop's thread that would stall every other request of the service for as long. One
// thread, started by the first print and stopped after a minute without one; prints queue on it
// in order. If it dies (out of memory), the prints waiting on it fail and the next starts a new one.
import type { Worker } from 'node:worker_threads';
import { siblingModule, startThread } from '../threads.js';
import type { LedgerPdfInput } from './ledger.js';

const ENTRY = siblingModule('ledger-worker', import.meta.url);
const IDLE_MS = 60_000;

type Reply = { id: number; pdf?: ArrayBuffer; error?: { name: string; message: string } };
type Waiting = { resolve: (pdf: Buffer) => void; reject: (err: Error) => void };

let thread: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const waiting = new Map<number, Waiting>();

function failAll(err: Error): void {
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
}

function start(): Worker {
  const w = startThread(ENTRY);
  w.on('message', (m: Reply) => {
    const job = waiting.get(m.id);
    if (!job) return;
    waiting.delete(m.id);
    if (m.pdf) job.resolve(Buffer.from(m.pdf));
    // RangeError (an invalid date) keeps its class: callers tell bad input from a failure by it.
    else job.reject(m.error?.name === 'RangeError' ? new RangeError(m.error.message) : new Error(m.error?.message ?? 'ledger print failed'));
    if (waiting.size === 0) idle(w);
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', () => {
    if (thread === w) thread = null;
    failAll(new Error('the ledger print thread stopped'));
  });
  return w;
}

function idle(w: Worker): void {
  // Waiting for nothing, the thread must not keep the process alive; after a while it goes.
  w.unref();
  idleTimer = setTimeout(() => void stopLedgerThread(), IDLE_MS);
  idleTimer.unref();
}

/** renderLedgerPdf (ledger.ts) on the print thread: the same bytes, the event loop left free. */
export function renderLedgerPdfOnThread(input: LedgerPdfInput): Promise<Buffer> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  thread ??= start();
  thread.ref();
  const id = nextId++;
  const t = thread;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    t.postMessage({ id, input });
  });
}

/** Stops the thread (idle, or at shutdown); prints still waiting fail. */
export async function stopLedgerThread(): Promise<void> {
  const w = thread;
  thread = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (w) await w.terminate();
}

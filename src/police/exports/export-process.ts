// The packet job's own process (spawned by run-export-process.ts). A packet streams hundreds of
// MB through CRC, hashing, AES and pdfkit: in the server it held the event loop in long slices
// while counter staff waited, and its memory sat on top of the OCR workers'. Here it has a
// process of its own: its own SQLite connection (full durability, no group commit to wait for),
// the same blob store and signing key under DATA_DIR, and only the modules a packet needs.
// It records success or failure on the export row itself; the parent only watches the exit.
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/client.js';
import type { Actor, Clock, Ctx } from '../../shared/context.js';
import { openBlobStore } from '../../shared/open-blob-store.js';
import { runExport } from './run-export.js';

const [exportId, actorJson, offsetMs] = process.argv.slice(2);
if (!exportId || !actorJson) {
  process.stderr.write('usage: export-process <exportId> <actor as JSON> [clock offset ms]\n');
  process.exit(2);
}
const actor = JSON.parse(actorJson) as Actor;
// The parent's clock, carried as an offset (tests run on a fixed date; production's offset is 0).
const offset = Number(offsetMs ?? 0);
const clock: Clock = { now: () => new Date(Date.now() + offset) };

// The parent's configuration (childEnv); this process opens the database itself, in full
// durability, and starts neither OCR nor the purge.
const config = loadConfig();
const db = openDatabase(config.paths.dbFile, { migrate: false, durability: 'full' });
// Failures are recorded on the export row (with a code) by runExport; the log line names the
// export and the code only, never a value from the records.
const line = (level: number) => (obj: object, msg?: string) => {
  if (level >= 50) process.stderr.write(`${JSON.stringify({ level, msg, ...pick(obj) })}\n`);
};
const pick = (o: object) => Object.fromEntries(Object.entries(o).filter(([k]) => k === 'exportId' || k === 'errorCode'));
const log = { fatal: line(60), error: line(50), warn: line(40), info: line(30), debug: line(20), trace: line(10), silent: () => {}, level: 'error', child: () => log } as unknown as Ctx['log'];
const ctx: Ctx = { db, config, clock, blobs: openBlobStore(config), ocr: null, actor, requestId: null, log };
try {
  await runExport(ctx, exportId);
} finally {
  db.$client.close();
}
// For the benchmark: this process's own peak memory, on the last line of stdout. VmHWM belongs to
// this process's address space; getrusage's maxRSS can carry the spawning parent's over exec.
process.stdout.write(`${JSON.stringify({ maxRssMiB: peakRssMiB() })}\n`);

function peakRssMiB(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

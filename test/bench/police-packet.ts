/**
 * Benchmark (issue #6): police packets and 品触れ matching. Run: npx tsx test/bench/police-packet.ts
 * 1. A packet of 100 records with 400 generated 3-megapixel JPEG images (stored encrypted, like
 *    the masked ID images), built by the real job in its own process as the server runs it:
 *    seconds, that process's peak RSS, ZIP size — and, in the same run, zipping the same 400
 *    image bytes alone through the same blob store (target: packet ≤ 2× that; RSS ≤ 250 MB).
 * 2. Registering a 100-item 品触れ against 1,000,000 held items (identifier hits through the
 *    indexes plus the brand/model/colour review scan), and one intake check (rule 34).
 * Each measured step runs in a fresh child process, so its peak RSS is its own. Prints figures;
 * never asserts on time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBlobStore } from '../../src/shared/open-blob-store.js';
import { makeConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { type Ctx, SYSTEM_ACTOR, systemClock } from '../../src/shared/context.js';
import { measureNotice, seedNoticeBench } from './police-notice-bench.js';
import { measurePacket, measureZipAlone, seedPacketBench } from './police-packet-bench.js';

export function benchCtx(dir: string): Ctx {
  const config = makeConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', OCR_ENABLED: 'false' });
  fs.mkdirSync(config.paths.dataDir, { recursive: true });
  const noop = () => {};
  const log = { info: noop, warn: noop, error: noop, debug: noop, trace: noop, fatal: noop, child: () => log, level: 'silent', silent: noop } as unknown as Ctx['log'];
  return { db: openDatabase(config.paths.dbFile), config, clock: systemClock, blobs: openBlobStore(config), ocr: null, actor: SYSTEM_ACTOR, requestId: null, log };
}

const rssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const self = fileURLToPath(import.meta.url);

/** Runs one phase in a child process; its last stdout line is a JSON object of figures. */
function phase(name: string, dir: string): Record<string, number> {
  const r = spawnSync(process.execPath, [...process.execArgv, self, name, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${name} failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

export async function benchPolicePacket(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-police-'));
  try {
    const packetDir = path.join(root, 'packet');
    const seeded = phase('seed-packet', packetDir);
    const packet = phase('packet', packetDir);
    const zip = phase('zip', packetDir);
    console.log('\n== police packet: 100 records, 400 × 3 MP JPEG ==');
    console.log(`  images: ${seeded.images} files, ${(seeded.imageBytes / 2 ** 20).toFixed(0)} MiB (generated in ${seeded.seconds.toFixed(1)} s)`);
    const mem = (p: Record<string, number>) => `peak RSS ${p.rss} MiB (process before the step ${p.base} MiB)`;
    console.log(`  packet:             ${packet.seconds.toFixed(2)} s (its own process, start-up included), peak RSS of that process ${packet.childRss} MiB, ZIP ${(packet.size / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  images alone (zip): ${zip.seconds.toFixed(2)} s, ${mem(zip)}, ZIP ${(zip.size / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  ratio packet / images alone: ${(packet.seconds / zip.seconds).toFixed(2)} (target ≤ 2; RSS target ≤ 250 MiB)`);
    console.log('  (the bag holds each image twice, as a file and inside records.pdf, so about 2 is the floor)');
    const noticeDir = path.join(root, 'notice');
    const s = phase('seed-notice', noticeDir);
    const n = phase('notice', noticeDir);
    console.log('\n== 品触れ: a 100-item notice against 1,000,000 held items ==');
    console.log(`  seeded ${s.items} items in ${s.seconds.toFixed(1)} s`);
    console.log(`  register (50 identifiers + 50 brand/model/colour, in one transaction): ${n.registerMs.toFixed(0)} ms, ${n.matches} match tasks`);
    console.log(`  register, 100 identifiers only: ${n.identifiersMs.toFixed(0)} ms; 100 descriptions only: ${n.descriptionsMs.toFixed(0)} ms`);
    console.log(`  one intake checked against the active notices (rule 34): ${n.intakeMs.toFixed(2)} ms`);
    console.log(`  peak RSS ${n.rss} MiB (process before the step ${n.base} MiB)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const [, , step, dir] = process.argv;
if (step && dir) {
  const run: Record<string, () => Promise<Record<string, number>>> = {
    'seed-packet': () => seedPacketBench(benchCtx(dir)),
    packet: () => measurePacket(benchCtx(dir)),
    zip: () => measureZipAlone(benchCtx(dir)),
    'seed-notice': () => seedNoticeBench(benchCtx(dir)),
    notice: () => measureNotice(benchCtx(dir)),
  };
  // The process before any work (tsx, the app's modules, the database): peak RSS minus this is
  // what the step itself needed.
  const base = rssMiB();
  const figures = await run[step]!();
  process.stdout.write(`${JSON.stringify({ ...figures, rss: rssMiB(), base })}\n`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await benchPolicePacket();
}

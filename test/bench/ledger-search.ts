/**
 * Benchmark: identifier search (GET /ledger/search?identifier=…) on a ledger of 1,000,000 items,
 * over HTTP against the built server. Run: npx tsx test/bench/ledger-search.ts [items]
 *
 * The database is seeded before the server starts (openDatabase migrates it; the server then
 * opens a ready file). Queries are a sequential loop of distinct identifiers, 80% existing items
 * and 20% misses, each written the way staff type them (hyphens, spaces, full width, lower case),
 * so every request goes through normalisation and the four-index UNION. Target: p99 < 5 ms.
 * Benchmarks print figures; they never assert on time.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { identifiersOf, LedgerSeeder, seedLedger } from '../helpers/seed-ledger.js';
import { build, startServer } from './lib/server.js';

export interface SeededBenchDb {
  dataDir: string;
  storeIds: string[];
  seconds: number;
  tradeins: number;
  bytes: number;
}

/** A DATA_DIR holding a migrated database with `items` generated ledger items over 3 years. */
export function seedBenchDatabase(items: number, stores = 5): SeededBenchDb {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-ledger-'));
  const file = path.join(dataDir, 'daicho.sqlite');
  const db = openDatabase(file);
  const c = db.$client;
  // A bigger page cache while building the indexes of a million rows; the server sets its own.
  c.pragma('cache_size = -262144');
  const seeder = new LedgerSeeder(c);
  const storeIds = c.transaction(() => Array.from({ length: stores }, (_, k) => seeder.store(`リユース堂 ${k + 1}号店`, `3010123456${String(k).padStart(2, '0')}`)))();
  const start = process.hrtime.bigint();
  const r = seedLedger(c, { storeIds, items, from: '2023-06-01', days: 1095 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
  return { dataDir, storeIds, seconds, tradeins: r.tradeins, bytes: fs.statSync(file).size };
}

const FULL_WIDTH = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** Item i's identifier in one of the forms staff actually type. */
function typed(i: number, variant: number): string | null {
  const ids = Object.values(identifiersOf(i)).filter((v): v is string => typeof v === 'string');
  const id = ids[variant % Math.max(ids.length, 1)];
  if (!id) return null;
  switch (variant % 4) {
    case 0: return id;
    case 1: return FULL_WIDTH(id);
    case 2: return id.replace(/-/g, ' ').toLowerCase();
    default: return id.replace(/[-\s]/g, '');
  }
}

// node:http with one keep-alive socket: measured a steadier tail than fetch (undici) on this box.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const WARM_UP = 1_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function benchLedgerSearch(opts: { items?: number; requests?: number } = {}) {
  const items = opts.items ?? 1_000_000;
  const requests = opts.requests ?? 5_000;
  const seeded = seedBenchDatabase(items);
  const server = await startServer({ DATA_DIR: seeded.dataDir });
  const headers = { authorization: `Bearer ${server.adminToken}` };
  const queries: { q: string; hit: boolean }[] = [];
  for (let k = 0; queries.length < requests + WARM_UP; k++) {
    // A multiplicative hash spreads the picks over the whole table (and so the whole index).
    const hit = k % 5 !== 0;
    const i = hit ? (k * 2_654_435_761) % items : items + k;
    const q = typed(i, k);
    if (q) queries.push({ q, hit });
  }
  const times: number[] = [];
  let found = 0;
  let errors = 0;
  try {
    for (const [n, { q, hit }] of queries.entries()) {
      const t0 = performance.now();
      const res = await get(`${server.url}/ledger/search?identifier=${encodeURIComponent(q)}`, headers);
      const ms = performance.now() - t0;
      if (res.status !== 200) errors++;
      // The first requests warm the connection, the JIT and the page cache; they are not counted.
      if (n < WARM_UP) continue;
      times.push(ms);
      if (hit && ((JSON.parse(res.body) as { items?: unknown[] }).items?.length ?? 0) > 0) found++;
    }
  } finally {
    await server.stop();
    fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((s, x) => s + x, 0);
  const hits = queries.slice(WARM_UP).filter((x) => x.hit).length;
  const fig = { items, p50: percentile(times, 50), p90: percentile(times, 90), p99: percentile(times, 99), max: times[times.length - 1]!, rps: (times.length / total) * 1000 };
  console.log(`\n== ledger search: ${items.toLocaleString('en')} items (${seeded.tradeins.toLocaleString('en')} trade-ins, ${seeded.storeIds.length} stores), DB ${(seeded.bytes / 2 ** 20).toFixed(0)} MiB, seeded in ${seeded.seconds.toFixed(1)} s ==`);
  console.log(`  GET /ledger/search?identifier=… sequential over HTTP, ${times.length} distinct queries (${hits} existing items, rest misses; mixed widths/hyphens/case)`);
  console.log(`  p50 ${fig.p50.toFixed(2)} ms  p90 ${fig.p90.toFixed(2)} ms  p99 ${fig.p99.toFixed(2)} ms  max ${fig.max.toFixed(2)} ms  (${fig.rps.toFixed(0)} req/s on one keep-alive connection; target p99 < 5 ms)`);
  console.log(`  found a ledger row for ${found} of ${hits} existing items (the rest were in trade-ins below the recording threshold); non-2xx: ${errors}`);
  return fig;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildTolerant();
  await benchLedgerSearch({ items: process.argv[2] ? Number(process.argv[2]) : undefined });
}

/** tsc emits even when another file has a type error; benchmark what was emitted, and say so. */
export function buildTolerant(): void {
  try {
    build();
  } catch {
    console.warn('bench: tsc reported errors (above); benchmarking the JavaScript it emitted to dist/');
  }
}

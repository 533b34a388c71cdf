/**
 * Benchmark: GET /ledger/print for a month holding 1,000 ledger entries, over HTTP against the
 * built server, with 50,000 other items in the database. Prints the first (cold: fonts load)
 * request, the median of the next 5, and the server's resident memory before and at its peak
 * (VmHWM from /proc). Target: < 1 s. Run: npx tsx test/bench/ledger-print.ts
 * Benchmarks print figures; they never assert on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { loadPeriodRows } from '../../src/tradeins/list-ledger.js';
import { generatedItem, LedgerSeeder, personFor, type SeedTradein, seedLedger, seedTradeins } from '../helpers/seed-ledger.js';
import { buildTolerant } from './ledger-search.js';
import { startServer } from './lib/server.js';

const PERIOD = { from: '2026-04-01', to: '2026-04-30' };

function seedPrintDatabase(entries: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-print-'));
  const db = openDatabase(path.join(dataDir, 'daicho.sqlite'));
  const c = db.$client;
  const seeder = new LedgerSeeder(c);
  const [storeId, other] = c.transaction(() => [seeder.store('リユース堂 新宿店', '301012345678'), seeder.store('リユース堂 池袋店', '301012345679')])();
  // Background: earlier years in both stores, so the period query works on a realistic table.
  seedLedger(c, { storeIds: [storeId!, other!], items: 50_000, from: '2023-06-01', days: 850, firstIndex: 2_000_000 });
  // The printed month: every trade-in recorded, 1-3 items each; every 5th item sold in the month.
  const specs: SeedTradein[] = [];
  let state = 7;
  // Park-Miller: deterministic prices, so runs compare.
  const next = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  for (let i = 0; i < entries; ) {
    const n = Math.min(entries - i, 1 + (i % 3));
    const date = `2026-04-${String(1 + (i % 29)).padStart(2, '0')}`;
    const person = personFor(i);
    const items = Array.from({ length: n }, (_, k) => {
      const it = generatedItem(i + k, date, next, person);
      const sold = (i + k) % 5 === 0;
      return { ...it, disposal: sold ? { date: '2026-04-30', price: it.unitPrice + 5_000, ledgerRequired: true, buyer: personFor(i + k + 7) } : undefined };
    });
    specs.push({ storeId: storeId!, date, counterparty: person, items, ledgerRequired: true, version: i % 50 === 0 ? 2 : 1 });
    i += n;
  }
  seedTradeins(c, specs);
  const inPeriod = loadPeriodRows(db, { storeId: storeId!, ...PERIOD, limit: null }).length;
  c.pragma('wal_checkpoint(TRUNCATE)');
  c.close();
  return { dataDir, storeId: storeId!, inPeriod };
}

function memory(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

export async function benchLedgerPrint(opts: { entries?: number } = {}) {
  const seeded = seedPrintDatabase(opts.entries ?? 1_000);
  const server = await startServer({ DATA_DIR: seeded.dataDir });
  const url = `${server.url}/ledger/print?storeId=${seeded.storeId}&from=${PERIOD.from}&to=${PERIOD.to}`;
  const headers = { authorization: `Bearer ${server.adminToken}` };
  const before = memory(server.pid);
  const timed = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const pdf = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`print answered ${res.status}: ${pdf.toString('utf8').slice(0, 200)}`);
    return { seconds: (performance.now() - t0) / 1000, pdf };
  };
  try {
    const cold = await timed();
    // The renderer's wrapping and fontkit code needs a few runs before V8 has optimised it.
    const warm: { seconds: number }[] = [];
    for (let n = 0; n < 5; n++) warm.push(await timed());
    const median = warm.map((r) => r.seconds).sort((a, b) => a - b)[2]!;
    const after = memory(server.pid);
    const pages = (cold.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    console.log(`\n== ledger print: ${seeded.inPeriod} entries (${PERIOD.from} … ${PERIOD.to}), ${pages} pages, ${(cold.pdf.length / 1024).toFixed(0)} KiB; 50,000 other items in the DB ==`);
    console.log(`  GET /ledger/print over HTTP: first ${cold.seconds.toFixed(3)} s (loads fonts), then median of 5 ${median.toFixed(3)} s (${warm.map((r) => r.seconds.toFixed(3)).join(', ')}); target < 1 s`);
    console.log(`  server RSS: ${before.rss.toFixed(0)} MiB before, peak (VmHWM) ${after.hwm.toFixed(0)} MiB`);
    return { entries: seeded.inPeriod, pages, coldSeconds: cold.seconds, warmSeconds: median, rssBeforeMiB: before.rss, peakRssMiB: after.hwm };
  } finally {
    await server.stop();
    fs.rmSync(seeded.dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildTolerant();
  await benchLedgerPrint();
}

// Issue #2 benchmark: GET /health against an authenticated, audited write (POST /stores) on the
// built server, at 10 and 50 connections, in the same run, for both durability modes: 'group'
// (default: responses await a shared WAL fsync) and 'full' (SQLite fsyncs inside every commit).
// Every 2xx is on disk in both. Prints figures; never fails on time.
import { type LoadResult, load, printTable } from './lib/load.js';
import { build, startServer } from './lib/server.js';

export async function benchFoundation(opts: { seconds?: number } = {}) {
  const rows: LoadResult[] = [];
  const body = JSON.stringify({ name: 'ベンチ店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都千代田区1-1' });
  for (const DURABILITY of ['group', 'full'] as const) {
    const server = await startServer({ DURABILITY });
    const headers = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
    try {
      for (const connections of [10, 50]) {
        if (DURABILITY === 'group') rows.push(await load({ name: 'GET /health', url: `${server.url}/health`, connections, seconds: opts.seconds }));
        rows.push(await load({ name: `POST /stores (audited, ${DURABILITY})`, url: `${server.url}/stores`, method: 'POST', headers, body, connections, seconds: opts.seconds }));
      }
    } finally {
      await server.stop();
    }
  }
  console.log('\n== foundation: health vs audited write, group commit vs per-commit FULL ==');
  printTable(rows);
  for (const c of [10, 50]) {
    const at = rows.filter((r) => r.connections === c);
    const h = at.find((r) => r.name === 'GET /health')!;
    const g = at.find((r) => r.name.includes('group'))!;
    const f = at.find((r) => r.name.includes('full'))!;
    console.log(`at ${c} connections: write/health ${(g.rps / h.rps).toFixed(3)} (group), ${(f.rps / h.rps).toFixed(3)} (full); group/full ${(g.rps / f.rps).toFixed(2)}x`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build();
  await benchFoundation();
}

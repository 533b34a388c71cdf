// Issue #2 benchmark: GET /health against an authenticated, audited write (POST /stores) on the
// built server, durable writes (DURABILITY default), at 10 and 50 connections, in the same run. Prints figures.
import { type LoadResult, load, printTable } from './lib/load.js';
import { build, startServer } from './lib/server.js';

export async function benchFoundation(opts: { seconds?: number } = {}) {
  const server = await startServer();
  const rows: LoadResult[] = [];
  const headers = { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'ベンチ店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都千代田区1-1' });
  try {
    for (const connections of [10, 50]) {
      rows.push(await load({ name: 'GET /health', url: `${server.url}/health`, connections, seconds: opts.seconds }));
      rows.push(await load({ name: 'POST /stores (auth+audit, durable)', url: `${server.url}/stores`, method: 'POST', headers, body, connections, seconds: opts.seconds }));
    }
  } finally {
    await server.stop();
  }
  console.log('\n== foundation: health vs audited write ==');
  printTable(rows);
  for (const c of [10, 50]) {
    const [h, w] = rows.filter((r) => r.connections === c);
    console.log(`ratio write/health at ${c} connections: ${(w!.rps / h!.rps).toFixed(3)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build();
  await benchFoundation();
}

// Issue #3 benchmark: create-and-complete of a 2-item trade-in (one-shot intake: record, verify,
// complete, with customer, audit rows; durable before each 2xx) over HTTP at 10 and 50 connections, beside
// GET /health in the same run. Prints figures; never fails on time.
import { type LoadResult, load, printTable } from './lib/load.js';
import { build, startServer } from './lib/server.js';

async function api(url: string, token: string, path: string, body: unknown) {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<Record<string, string>>;
}

export async function benchTradeins(opts: { seconds?: number } = {}) {
  const server = await startServer();
  const rows: LoadResult[] = [];
  try {
    const store = await api(server.url, server.adminToken, '/stores', { name: 'ベンチ店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都千代田区1-1' });
    const user = await api(server.url, server.adminToken, '/users', { name: 'bench staff', role: 'staff', storeIds: [store.id] });
    const { token } = await api(server.url, server.adminToken, `/users/${user.id}/tokens`, { name: 'bench' });
    const body = JSON.stringify({
      storeId: store.id,
      kind: 'purchase',
      channel: 'in_person',
      occurredAt: new Date().toISOString(),
      counterparty: { name: '山田 太郎', kanaName: 'ヤマダ タロウ', address: '東京都千代田区神田須田町1-2-3', occupation: '会社員', dateOfBirth: '1985-04-12' },
      items: [
        { category: 'MACHINE_TOOL', description: 'スマートフォン', quantity: 1, unitPrice: 45000, isPhone: true, features: { brand: 'Apple', model: 'iPhone 13', imei: '356938035643809' } },
        { category: 'CLOTHING', description: 'ジャケット', quantity: 1, unitPrice: 3000, features: { colour: '黒' } },
      ],
      verification: { method: 'ACT15_1_1', documents: [{ type: 'DRIVERS_LICENSE', expiryDate: '2030-05-12' }] },
      complete: true,
    });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const connections of [10, 50]) {
      rows.push(await load({ name: 'GET /health', url: `${server.url}/health`, connections, seconds: opts.seconds }));
      rows.push(await load({ name: 'POST /tradeins create+complete', url: `${server.url}/tradeins`, method: 'POST', headers, body, connections, seconds: opts.seconds }));
    }
  } finally {
    await server.stop();
  }
  console.log('\n== trade-ins: one-shot create+verify+complete (2 items) vs health ==');
  printTable(rows);
  for (const c of [10, 50]) {
    const [h, w] = rows.filter((r) => r.connections === c);
    console.log(`ratio tradein/health at ${c} connections: ${(w!.rps / h!.rps).toFixed(3)}  (target ≥ 1000/s, p99 < 50 ms at 10)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build();
  await benchTradeins();
}

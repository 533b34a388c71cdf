// A separate process that writes audited stores into the same SQLite file, to prove that
// concurrent writers (server + CLI, or several processes) keep one unbroken chain.
import { createStore } from '../../src/admin/create-store.js';
import { makeConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { type Ctx, SYSTEM_ACTOR, systemClock } from '../../src/shared/context.js';

const [file, count, tag] = process.argv.slice(2);
const db = openDatabase(file!);
const ctx = { db, actor: SYSTEM_ACTOR, clock: systemClock, requestId: tag ?? null, config: makeConfig({}) } as unknown as Ctx;
for (let i = 0; i < Number(count); i++) {
  createStore({ ctx, input: { name: `p${tag}-${i}`, permitNumber: '301234567890', commission: 'x', prefecture: '東京都', address: 'a', minorPolicy: 'allow_with_guardian', isSignatureVerifier: false } });
}
db.$client.close();

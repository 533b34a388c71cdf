// Phases of the 品触れ benchmark (run by police-packet.ts): seed 1,000,000 items straight into
// SQLite with prepared statements (the shared ledger seeder), then register 100-item notices
// through the real verb and time them, and time the rule 34 intake check.
import { writeTx } from '../../src/db/client.js';
import { checkIntakeAgainstNotices } from '../../src/police/notices/check-intake.js';
import { registerNotice } from '../../src/police/notices/register-notice.js';
import type { Ctx } from '../../src/shared/context.js';
import { tokyoDate } from '../../src/shared/japanese.js';
import { identifiersOf, LedgerSeeder, seedLedger } from '../helpers/seed-ledger.js';

const ITEMS = 1_000_000;

export async function seedNoticeBench(ctx: Ctx): Promise<Record<string, number>> {
  const t0 = performance.now();
  const storeId = ctx.db.$client.transaction(() => new LedgerSeeder(ctx.db.$client).store('リユース堂 本店'))();
  // All of it before today, so everything not sold is in scope of a notice arriving today.
  seedLedger(ctx.db.$client, { storeIds: [storeId], items: ITEMS, from: '2024-01-01', days: 600 });
  ctx.db.$client.pragma('optimize');
  return { items: ITEMS, seconds: (performance.now() - t0) / 1000 };
}

/** Identifier items: 45 of item i's identifiers as written in a notice, and 5 unknown ones. */
function identifierItems(n: number, offset: number) {
  return Array.from({ length: n }, (_, k) => {
    if (k % 10 === 9) return { description: '不明品', serialNumber: `NOPE-${offset}-${k}` };
    const ids = identifiersOf((k * 19_997 + offset) % ITEMS);
    return { description: '被害品', imei: ids.imei, serialNumber: ids.serial, chassisNumber: ids.chassis, plateNumber: ids.plate };
  });
}

/** Description items: brand + model + colour that no held item has (the scan still reads them all). */
function descriptionItems(n: number) {
  return Array.from({ length: n }, (_, k) => ({ description: '被害品', brand: 'Sony', model: `α7 IV-${k}`, colour: '黒' }));
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

export async function measureNotice(ctx: Ctx): Promise<Record<string, number>> {
  const arrivalDate = tokyoDate(new Date());
  const register = (items: object[], no: string) => registerNotice({ ctx, input: { issuingAgency: '警視庁', noticeNumber: no, kind: 'stolen', arrivalDate, items: items as never } });
  const [mixed, registerMs] = timed(() => register([...identifierItems(50, 1), ...descriptionItems(50)], 'BENCH-1'));
  const [, identifiersMs] = timed(() => register(identifierItems(100, 2), 'BENCH-2'));
  const [, descriptionsMs] = timed(() => register(descriptionItems(100), 'BENCH-3'));
  // Rule 34: a new item checked against every active notice, inside its intake transaction.
  const item = ctx.db.$client.prepare('SELECT id, tradein_id AS tradeinId, store_id AS storeId, features FROM tradein_items LIMIT 1').get() as { id: string; tradeinId: string; storeId: string; features: string };
  const checks = 1000;
  const [, totalMs] = timed(() =>
    writeTx(ctx.db, (tx) => {
      for (let k = 0; k < checks; k++) checkIntakeAgainstNotices(tx, ctx, [{ ...item, serialNorm: `NEW${k}`, imeiNorm: null, chassisNorm: null, plateNorm: null }]);
    }),
  );
  return { registerMs, identifiersMs, descriptionsMs, matches: mixed.matches.length, intakeMs: totalMs / checks };
}

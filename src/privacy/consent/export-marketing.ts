// The marketing (analytics) export (DOMAIN rule 46): only customers whose marketing consent is
// active, pseudonymised — a keyed HMAC of the customer id instead of any identifier, an age band
// instead of the date of birth, no name, address, contact or document details. It is a download
// for compliance only: the API offers no target to push it to, because pseudonymised data may not
// be given to a third party (Art. 41(6)).
import { createHmac } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { customers, marketingConsents, tradeinItems, tradeins } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { ageOn, tokyoDate } from '../../shared/japanese.js';
import { pseudonymKey } from './pseudonym-key.js';

export function ageBand(dateOfBirth: string | null, on: string): string | null {
  if (!dateOfBirth) return null;
  const lo = Math.floor(ageOn(dateOfBirth, on) / 10) * 10;
  return lo >= 80 ? '80+' : `${lo}-${lo + 9}`;
}

// Node 20 has no Map.groupBy.
function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export async function exportMarketing({ ctx }: { ctx: Ctx }) {
  requireRole(ctx.actor, ['compliance']);
  const { key, fingerprint } = await pseudonymKey(ctx);
  const today = tokyoDate(ctx.clock.now());
  const consenting = ctx.db
    .select({ id: customers.id, storeId: customers.storeId, dateOfBirth: customers.dateOfBirth })
    .from(customers)
    .innerJoin(marketingConsents, and(eq(marketingConsents.customerId, customers.id), isNull(marketingConsents.withdrawnOn)))
    .where(isNull(customers.anonymizedAt))
    .orderBy(customers.id)
    .all();
  const ids = consenting.map((c) => c.id);
  const trs = ids.length ? ctx.db.select({ id: tradeins.id, customerId: tradeins.customerId, total: tradeins.total, date: tradeins.businessDate }).from(tradeins).where(and(inArray(tradeins.customerId, ids), eq(tradeins.status, 'completed'))).all() : [];
  const cats = trs.length ? ctx.db.select({ tradeinId: tradeinItems.tradeinId, category: tradeinItems.category }).from(tradeinItems).where(inArray(tradeinItems.tradeinId, trs.map((t) => t.id))).all() : [];
  const pseudonym = (id: string) => createHmac('sha256', key).update(`customer:${id}`).digest('hex').slice(0, 32);
  const byCustomer = groupBy(trs, (t) => t.customerId ?? '');
  const byTradein = groupBy(cats, (x) => x.tradeinId);
  const records = consenting
    .map((c) => {
      const mine = byCustomer.get(c.id) ?? [];
      const last = mine.map((t) => t.date).sort().at(-1) ?? null;
      return {
        pseudonym: pseudonym(c.id),
        storeId: c.storeId,
        ageBand: ageBand(c.dateOfBirth, today),
        tradeins: mine.length,
        totalYen: mine.reduce((s, t) => s + t.total, 0),
        lastTradeMonth: last ? last.slice(0, 7) : null,
        categories: [...new Set(mine.flatMap((t) => (byTradein.get(t.id) ?? []).map((x) => x.category)))].sort(),
      };
    })
    // Ordered by pseudonym, not by customer id: the order must not leak the id either.
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  const generatedAt = nowIso(ctx);
  writeTx(ctx.db, (tx) => {
    emitAudit(tx, ctx, { action: 'marketing_export.create', details: { records: records.length, keyFingerprint: fingerprint } }, { entityType: 'marketing_export', entityId: newId() });
  });
  return { format: 'daicho.marketing-export/1', generatedAt, pseudonymisation: { method: 'HMAC-SHA256', keyFingerprint: fingerprint }, records };
}

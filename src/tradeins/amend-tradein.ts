// Corrects a completed entry (DOMAIN rule 44). The entry is never edited in place without trace:
// the values before the change are kept as a version with reason and author, the version number
// goes up and the ledger marks the entry as amended. The corrected entry must still be complete.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { tradeinItems, tradeinVersions, tradeins } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { checkIntakeAgainstNotices } from '../police/notices/check-intake.js';
import { ConflictError, IncompleteError, ValidationError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { sha256Hex } from '../shared/hash.js';
import { newId } from '../shared/ids.js';
import { normalizeName } from '../shared/japanese.js';
import { COUNTER_ROLES } from './internal.js';
import { completionIssues, getStore, getVisibleTradein, identifierColumns, loadParts, toView } from './internal.js';
import type { Amend, Tradein } from './schemas.js';

const CP_COLUMNS = { name: 'cpName', kanaName: 'cpKanaName', address: 'cpAddress', occupation: 'cpOccupation', dateOfBirth: 'cpDateOfBirth' } as const;

export function amendTradein({ ctx, tradeinId, input }: { ctx: Ctx; tradeinId: string; input: Amend }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input);
  if (!input.counterparty && !input.items?.length) {
    throw new ValidationError('nothing_to_amend', 'An amendment must change the counterparty or an item.', [{ path: 'body', code: 'empty', message: 'no changes' }]);
  }
  return writeTx(ctx.db, (tx) => {
    const row = getVisibleTradein(ctx.db, ctx.actor, tradeinId);
    if (row.status !== 'completed') throw new ConflictError('tradein_draft', 'A draft is edited directly; amendments are for completed entries.');
    if (row.anonymizedAt) throw new ConflictError('tradein_anonymized', 'This entry has been anonymised.');
    const store = getStore(ctx.db, row.storeId);
    const before = loadParts(ctx.db, row.id);
    const changed: string[] = [];
    const next = { ...row, version: row.version + 1, updatedAt: nowIso(ctx) };
    for (const [k, col] of Object.entries(CP_COLUMNS) as [keyof typeof CP_COLUMNS, (typeof CP_COLUMNS)[keyof typeof CP_COLUMNS]][]) {
      const v = input.counterparty?.[k];
      if (v !== undefined && v !== row[col]) {
        next[col] = v;
        changed.push(`counterparty.${k}`);
      }
    }
    if (next.cpName) next.cpNameNorm = normalizeName(next.cpName);
    const items = before.items.map((it) => ({ ...it }));
    for (const change of input.items ?? []) {
      const it = items.find((i) => i.id === change.id);
      if (!it) throw new ValidationError('unknown_item', 'An amended item is not part of this trade-in.', [{ path: 'body.items', code: 'unknown_item', message: 'no such item in this trade-in' }]);
      const { id: _id, features, ...scalars } = change;
      for (const [k, v] of Object.entries(scalars)) {
        if (v !== undefined && (it as Record<string, unknown>)[k] !== v) {
          (it as Record<string, unknown>)[k] = v;
          changed.push(`items.${it.lineNo}.${k}`);
        }
      }
      if (features) {
        it.features = JSON.stringify(features);
        Object.assign(it, identifierColumns(features));
        changed.push(`items.${it.lineNo}.features`);
      }
    }
    if (!changed.length) throw new ValidationError('nothing_to_amend', 'The amendment changes nothing.', [{ path: 'body', code: 'no_change', message: 'values equal the current ones' }]);
    const issues = completionIssues(tx, { ...next, status: 'draft' }, { ...before, items }, store);
    if (issues.length) throw new IncompleteError('amendment_incomplete', 'The corrected entry would miss required fields.', issues);
    tx.insert(tradeinVersions)
      .values({ id: newId(), tradeinId: row.id, version: row.version, snapshot: JSON.stringify({ tradein: row, items: before.items }), changedFields: JSON.stringify(changed), reason: input.reason, authorId: ctx.actor.userId, createdAt: nowIso(ctx) })
      .run();
    tx.update(tradeins).set(next).where(eq(tradeins.id, row.id)).run();
    for (const it of items) tx.update(tradeinItems).set(it).where(eq(tradeinItems.id, it.id)).run();
    // A corrected serial, IMEI, 車台番号 or plate is checked against active 品触れ like a new intake (rule 34).
    const reidentified = items.filter((it) => input.items?.some((c) => c.id === it.id && c.features));
    if (reidentified.length) checkIntakeAgainstNotices(tx, ctx, reidentified);
    emitAudit(tx, ctx, { action: 'tradein.amend', details: { version: next.version, fields: changed, reasonHash: sha256Hex(input.reason) } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(ctx.db, next, store);
  });
}

export function listVersions({ ctx, tradeinId }: { ctx: Ctx; tradeinId: string }) {
  requireRole(ctx.actor, ['staff', 'compliance', 'admin']);
  const row = getVisibleTradein(ctx.db, ctx.actor, tradeinId);
  return ctx.db
    .select()
    .from(tradeinVersions)
    .where(eq(tradeinVersions.tradeinId, row.id))
    .orderBy(tradeinVersions.version)
    .all()
    .map((v) => ({ version: v.version, changedFields: JSON.parse(v.changedFields), reason: v.reason, authorId: v.authorId, createdAt: v.createdAt, snapshot: JSON.parse(v.snapshot) }));
}

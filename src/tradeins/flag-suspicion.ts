// Staff suspect the goods are 不正品: the law requires an immediate report to a police officer
// (古物営業法15条3項). This opens a report task that blocks completion and disposal until it is
// completed (reported) or justified (DOMAIN rule 36).
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { blocks } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { newId } from '../shared/ids.js';
import { COUNTER_ROLES } from './internal.js';
import { getStore, getVisibleTradein, toView } from './internal.js';
import type { Tradein } from './schemas.js';

export function flagSuspicion({ ctx, tradeinId, reason }: { ctx: Ctx; tradeinId: string; reason: string }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(reason, 'reason');
  return writeTx(ctx.db, (tx) => {
    const row = getVisibleTradein(ctx.db, ctx.actor, tradeinId);
    const id = newId();
    tx.insert(blocks)
      .values({ id, storeId: row.storeId, tradeinId: row.id, itemId: null, kind: 'suspicion_report', blocksCompletion: true, blocksDisposal: true, status: 'open', reason, sourceId: null, activeUntil: null, resolution: null, resolutionNote: null, createdBy: ctx.actor.userId, createdAt: nowIso(ctx), resolvedBy: null, resolvedAt: null })
      .run();
    emitAudit(tx, ctx, { action: 'block.create', details: { kind: 'suspicion_report', itemId: null, tradeinId: row.id } }, { entityType: 'block', entityId: id, storeId: row.storeId });
    return toView(ctx.db, row, getStore(ctx.db, row.storeId));
  });
}

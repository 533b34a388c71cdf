// Staff suspect the goods are 不正品: the law requires an immediate report to a police officer
// (古物営業法15条3項). This opens a report task that blocks completion and disposal until it is
// completed (reported) or justified (DOMAIN rule 36).
import { writeTx } from '../db/client.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { COUNTER_ROLES, getStore, getVisibleTradein, toView } from './internal.js';
import { openBlock } from './open-block.js';
import type { Tradein } from './schemas.js';

export function flagSuspicion({ ctx, tradeinId, reason }: { ctx: Ctx; tradeinId: string; reason: string }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(reason, 'reason');
  return writeTx(ctx.db, (tx) => {
    const row = getVisibleTradein(ctx.db, ctx.actor, tradeinId);
    openBlock(tx, ctx, { storeId: row.storeId, tradeinId: row.id, itemId: null, kind: 'suspicion_report', blocksCompletion: true, blocksDisposal: true, reason });
    return toView(ctx.db, row, getStore(ctx.db, row.storeId));
  });
}

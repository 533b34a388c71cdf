// Records a 差止め (古物営業法21条; DOMAIN rule 35): the police order the dealer to keep an item for
// a period they set, of at most 30 days. The end date must fall within 30 days of the order date;
// a longer hold is refused, because the Act has no extension: a further period is a new order,
// entered as a new hold. While it runs, the item's hold_order block stops sale, return and
// disposal (create-disposal → openDisposalBlocks).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeHolds, tradeins } from '../../db/schema/index.js';
import { openBlock } from '../../tradeins/open-block.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { addDays } from '../../shared/japanese.js';
import { getVisibleItem } from '../../tradeins/internal.js';
import { COMPLIANCE, todayTokyo } from '../internal.js';
import { type HoldRow, holdViews } from './hold-view.js';
import type { CreateHold, Hold } from './schemas.js';

export const MAX_HOLD_DAYS = 30;

export function holdPeriodIssues(orderDate: string, endDate: string, today: string) {
  const bad = (path: string, code: string, message: string) => [{ path: `body.${path}`, code, message }];
  if (orderDate > today) return { code: 'order_in_future', message: 'The order date is in the future.', issues: bad('orderDate', 'in_future', 'not after today') };
  if (endDate < orderDate) return { code: 'hold_ends_before_order', message: 'The end date is before the order date.', issues: bad('endDate', 'before_order', 'not before orderDate') };
  if (endDate > addDays(orderDate, MAX_HOLD_DAYS)) {
    return {
      code: 'hold_too_long',
      message: `古物営業法第21条: a hold order runs at most ${MAX_HOLD_DAYS} days (until ${addDays(orderDate, MAX_HOLD_DAYS)}). A longer hold is a new order: record it as a new hold.`,
      issues: bad('endDate', 'too_late', `at most ${MAX_HOLD_DAYS} days after orderDate`),
    };
  }
  if (endDate < today) return { code: 'hold_already_ended', message: 'This hold ended before today; there is nothing left to enforce.', issues: bad('endDate', 'in_past', 'not before today') };
  return null;
}

export function createHold({ ctx, input }: { ctx: Ctx; input: CreateHold }): Hold {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  const today = todayTokyo(ctx);
  const bad = holdPeriodIssues(input.orderDate, input.endDate, today);
  if (bad) throw new ValidationError(bad.code, bad.message, bad.issues, { maxEndDate: addDays(input.orderDate, MAX_HOLD_DAYS) });
  return writeTx(ctx.db, (tx) => {
    const item = getVisibleItem(tx, ctx.actor, input.itemId);
    if (item.status !== 'held') throw new ConflictError('item_not_held', 'This item has already been disposed of; the dealer no longer holds it.');
    const tradein = tx.select({ id: tradeins.id }).from(tradeins).where(eq(tradeins.id, item.tradeinId)).get()!;
    const at = nowIso(ctx);
    const row: HoldRow = {
      id: newId(),
      itemId: item.id,
      tradeinId: tradein.id,
      storeId: item.storeId,
      blockId: newId(),
      orderDate: input.orderDate,
      endDate: input.endDate,
      station: input.station,
      officerName: input.officerName,
      referenceNumber: input.referenceNumber ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actor.userId,
      createdAt: at,
    };
    tx.insert(policeHolds).values(row).run();
    openBlock(tx, ctx, {
      id: row.blockId,
      storeId: row.storeId,
      tradeinId: row.tradeinId,
      itemId: row.itemId,
      kind: 'hold_order',
      blocksCompletion: false,
      blocksDisposal: true,
      reason: `差止め（古物営業法21条） ${row.orderDate}〜${row.endDate}`,
      sourceId: row.id,
      activeUntil: row.endDate,
    });
    emitAudit(tx, ctx, { action: 'police_hold.create', details: { itemId: row.itemId, orderDate: row.orderDate, endDate: row.endDate } }, { entityType: 'police_hold', entityId: row.id, storeId: row.storeId });
    return holdViews(tx, [row], today)[0]!;
  });
}

// Opens a block — the one mechanism behind everything that stops a trade-in's completion or an
// item's disposal (suspicion report tasks, 差止め holds, 品触れ matches) — with its audit row,
// inside the caller's transaction. The reason describes the goods and the order, never a person.
import { emitAudit } from '../audit/emit.js';
import type { Tx } from '../db/client.js';
import { blocks } from '../db/schema/index.js';
import { type Ctx, nowIso } from '../shared/context.js';
import { newId } from '../shared/ids.js';

export interface OpenBlock {
  id?: string;
  storeId: string;
  tradeinId: string | null;
  itemId: string | null;
  kind: 'suspicion_report' | 'hold_order' | 'notice_match';
  blocksCompletion: boolean;
  blocksDisposal: boolean;
  reason: string;
  /** The police record behind it (hold, notice match), if any. */
  sourceId?: string | null;
  /** Last day it binds (Asia/Tokyo); null binds until resolved. */
  activeUntil?: string | null;
}

export function openBlock(tx: Tx, ctx: Ctx, b: OpenBlock): string {
  const id = b.id ?? newId();
  tx.insert(blocks)
    .values({
      id,
      storeId: b.storeId,
      tradeinId: b.tradeinId,
      itemId: b.itemId,
      kind: b.kind,
      blocksCompletion: b.blocksCompletion,
      blocksDisposal: b.blocksDisposal,
      status: 'open',
      reason: b.reason,
      sourceId: b.sourceId ?? null,
      activeUntil: b.activeUntil ?? null,
      resolution: null,
      resolutionNote: null,
      createdBy: ctx.actor.userId,
      createdAt: nowIso(ctx),
      resolvedBy: null,
      resolvedAt: null,
    })
    .run();
  emitAudit(tx, ctx, { action: 'block.create', details: { kind: b.kind, itemId: b.itemId, tradeinId: b.tradeinId } }, { entityType: 'block', entityId: id, storeId: b.storeId });
  return id;
}

// Edits a draft: the given parts replace what was there (items as a whole list).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { tradeinItems, tradeins } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { checkIntakeAgainstNotices } from '../police/notices/check-intake.js';
import { ConflictError, ValidationError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { newId } from '../shared/ids.js';
import { tokyoDate } from '../shared/japanese.js';
import { COUNTER_ROLES } from './internal.js';
import { assessRow, getStore, itemRows, loadParts, toView } from './internal.js';
import { draftOf } from './record-verification.js';
import { checkOccurredAt, resolveCounterparty } from './resolve-counterparty.js';
import type { Tradein, UpdateDraft } from './schemas.js';

export function updateDraft({ ctx, tradeinId, input }: { ctx: Ctx; tradeinId: string; input: UpdateDraft }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input);
  const at = input.occurredAt ? checkOccurredAt(ctx, input.occurredAt) : null;
  return writeTx(ctx.db, (tx) => {
    const row = draftOf(ctx, tradeinId);
    const store = getStore(ctx.db, row.storeId);
    const next = { ...row, updatedAt: nowIso(ctx) };
    if (input.kind) next.kind = input.kind;
    if (input.channel) next.channel = input.channel;
    if (at) Object.assign(next, { occurredAt: at.toISOString(), businessDate: tokyoDate(at) });
    if (input.customerId || input.counterparty) Object.assign(next, resolveCounterparty(tx, ctx, row.storeId, input.customerId ?? row.customerId ?? undefined, input.counterparty));
    if (input.guardian) next.guardian = JSON.stringify(input.guardian);
    if (input.buybackOfDisposalId) next.buybackOfDisposalId = input.buybackOfDisposalId;
    if (input.notes !== undefined) next.notes = input.notes;
    const parts = loadParts(ctx.db, row.id);
    let items = parts.items;
    if (input.items) {
      // An item under a 品触れ match or hold is evidence for the police: it cannot be swapped out.
      if (parts.blocks.some((b) => b.itemId !== null)) {
        throw new ConflictError('items_blocked', 'Items under a 品触れ match or hold cannot be replaced; amend the other fields or resolve the block first.');
      }
      items = itemRows(input.items, row.id, row.storeId, newId);
      tx.delete(tradeinItems).where(eq(tradeinItems.tradeinId, row.id)).run();
      for (const it of items) tx.insert(tradeinItems).values(it).run();
      checkIntakeAgainstNotices(tx, ctx, items); // the new items face active 品触れ too (rule 34)
    }
    const { intake } = assessRow(tx, next, items, store);
    if (intake.issues.length) throw new ValidationError('inconsistent_items', 'Some items contradict their category.', intake.issues);
    Object.assign(next, { total: intake.total, identityRequired: intake.identityCheck.required, ledgerRequired: intake.ledgerEntry.required });
    tx.update(tradeins).set(next).where(eq(tradeins.id, row.id)).run();
    emitAudit(tx, ctx, { action: 'tradein.update', details: { fields: Object.keys(input).sort() } }, { entityType: 'tradein', entityId: row.id, storeId: row.storeId });
    return toView(ctx.db, next, store);
  });
}

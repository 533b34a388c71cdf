// 払出し: sale, return of a consignment, or return of an item. Refused while any block on the item
// or its trade-in is open (差止め hold, unresolved 品触れ match, open suspicion report). No identity
// check is forced on a sale (DOMAIN rule 11); the sale ledger entry and whether it must hold the
// buyer's details follow Rule Art. 18 (DOMAIN rules 26-27: car sales without the buyer's identity).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { disposals, tradeinItems, tradeins } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ConflictError, IncompleteError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { newId } from '../shared/ids.js';
import { tokyoDate } from '../shared/japanese.js';
import { COUNTER_ROLES } from './internal.js';
import { openDisposalBlocks } from './disposal-blocks.js';
import { getVisibleItem } from './internal.js';
import { checkOccurredAt, resolveCounterparty } from './resolve-counterparty.js';
import { assessSale, counterpartyIssues, type ItemCategory, type ItemDesignation } from './rules/index.js';
import type { CreateDisposal } from './schemas.js';

export function createDisposal({ ctx, itemId, input }: { ctx: Ctx; itemId: string; input: CreateDisposal }) {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input);
  const at = checkOccurredAt(ctx, input.occurredAt);
  const date = tokyoDate(at);
  return writeTx(ctx.db, (tx) => {
    const item = getVisibleItem(tx, ctx.actor, itemId);
    const tradein = tx.select().from(tradeins).where(eq(tradeins.id, item.tradeinId)).get()!;
    if (tradein.status !== 'completed') throw new ConflictError('tradein_not_completed', 'Complete the trade-in before disposing of its items.');
    if (item.status !== 'held') throw new ConflictError('item_not_held', 'This item has already been disposed of.');
    const open = openDisposalBlocks(ctx.db, { itemId: item.id, tradeinId: tradein.id, today: date });
    if (open.length) {
      throw new ConflictError('item_blocked', 'This item is blocked from sale, return and disposal.', { blocks: open });
    }
    const sale = assessSale({ kind: input.kind, date, items: [{ category: item.category as ItemCategory, designation: item.designation as ItemDesignation, quantity: item.quantity, unitPrice: input.price }] });
    const buyer = input.buyerCustomerId || input.buyer ? resolveCounterparty(tx, ctx, item.storeId, input.buyerCustomerId, input.buyer) : null;
    if (sale.ledgerEntry.buyerDetailsRequired) {
      const cp = buyer ? { name: buyer.cpName ?? undefined, address: buyer.cpAddress ?? undefined, occupation: buyer.cpOccupation ?? undefined, dateOfBirth: buyer.cpDateOfBirth ?? undefined } : null;
      const issues = counterpartyIssues(cp, date, { pathPrefix: 'buyer' });
      if (issues.length) throw new IncompleteError('buyer_details_required', "This sale's ledger entry must record the buyer's address, name, occupation and age.", issues);
    }
    const row = {
      id: newId(),
      storeId: item.storeId,
      itemId: item.id,
      kind: input.kind,
      businessDate: date,
      price: input.price,
      ledgerRequired: sale.ledgerEntry.required,
      buyerCustomerId: buyer?.customerId ?? null,
      // A car sale's entry is kept without the buyer's identity (Art. 16 proviso; DOMAIN rule 26).
      buyerName: sale.ledgerEntry.buyerDetailsRequired ? (buyer?.cpName ?? null) : null,
      buyerAddress: sale.ledgerEntry.buyerDetailsRequired ? (buyer?.cpAddress ?? null) : null,
      buyerOccupation: sale.ledgerEntry.buyerDetailsRequired ? (buyer?.cpOccupation ?? null) : null,
      buyerDateOfBirth: sale.ledgerEntry.buyerDetailsRequired ? (buyer?.cpDateOfBirth ?? null) : null,
      createdBy: ctx.actor.userId,
      createdAt: nowIso(ctx),
    };
    tx.insert(disposals).values(row).run();
    tx.update(tradeinItems).set({ status: 'disposed' }).where(eq(tradeinItems.id, item.id)).run();
    emitAudit(tx, ctx, { action: 'disposal.create', details: { itemId: item.id, kind: input.kind, ledgerRequired: row.ledgerRequired, buyerCustomerId: row.buyerCustomerId } }, { entityType: 'disposal', entityId: row.id, storeId: item.storeId });
    return { id: row.id, itemId: item.id, kind: row.kind, businessDate: date, price: row.price, ledgerRequired: row.ledgerRequired, buyerDetailsRequired: sale.ledgerEntry.buyerDetailsRequired, reasons: sale.ledgerEntry.reasons };
  });
}

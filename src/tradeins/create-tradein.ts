// Records a trade-in (買受け・交換・委託) as a draft and answers with what the law requires for it
// and what is still missing before it can be completed.
import { emitAudit } from '../audit/emit.js';
import { getVisibleStore } from '../admin/internal.js';
import { writeTx } from '../db/client.js';
import { insertRow } from '../db/prepared.js';
import { tradeinItems, tradeins } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { assertNoMyNumber } from '../shared/forbidden-numbers.js';
import { newId } from '../shared/ids.js';
import { tokyoDate } from '../shared/japanese.js';
import { checkIntakeAgainstNotices } from '../police/notices/check-intake.js';
import { finishCompletion } from './complete-tradein.js';
import { assessRow, COUNTER_ROLES, itemRows, type TradeinRow, toView } from './internal.js';
import { checkOccurredAt, resolveCounterparty } from './resolve-counterparty.js';
import { linkEvidence, saveVerification } from './save-verification.js';
import type { CreateTradein, Tradein } from './schemas.js';

export function createTradein({ ctx, input }: { ctx: Ctx; input: CreateTradein }): Tradein {
  requireRole(ctx.actor, COUNTER_ROLES);
  assertNoMyNumber(input); // DOMAIN rule 48: before anything is written
  const at = checkOccurredAt(ctx, input.occurredAt);
  const now = nowIso(ctx);
  return writeTx(ctx.db, (tx) => {
    const store = getVisibleStore(tx, ctx.actor, input.storeId);
    const snap = resolveCounterparty(tx, ctx, store.id, input.customerId, input.counterparty);
    const id = newId();
    const items = itemRows(input.items, id, store.id, newId);
    const row: TradeinRow = {
      id,
      storeId: store.id,
      kind: input.kind,
      channel: input.channel,
      occurredAt: at.toISOString(),
      businessDate: tokyoDate(at),
      status: 'draft',
      ...snap,
      guardian: input.guardian ? JSON.stringify(input.guardian) : null,
      buybackOfDisposalId: input.buybackOfDisposalId ?? null,
      total: 0,
      identityRequired: false,
      ledgerRequired: false,
      notes: input.notes ?? null,
      version: 1,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      completedBy: null,
      anonymizedAt: null,
    };
    const { intake } = assessRow(tx, row, items, store);
    if (intake.issues.length) throw new ValidationError('inconsistent_items', 'Some items contradict their category.', intake.issues);
    Object.assign(row, { total: intake.total, identityRequired: intake.identityCheck.required, ledgerRequired: intake.ledgerEntry.required });
    insertRow(tx, tradeins, row);
    for (const item of items) insertRow(tx, tradeinItems, item);
    emitAudit(tx, ctx, { action: 'tradein.create', details: { items: items.length, customerId: snap.customerId, fields: Object.keys(input).sort() } }, { entityType: 'tradein', entityId: id, storeId: store.id });
    checkIntakeAgainstNotices(tx, ctx, items); // 古物営業法19条3項 (DOMAIN rule 34): active 品触れ → task + block
    if (input.verification) {
      linkEvidence(tx, row, input.verification);
      const a = saveVerification(tx, ctx, row, input.verification);
      emitAudit(tx, ctx, { action: 'verification.record', details: { method: input.verification.method, documentType: a.ledgerMethod.documentType, status: a.status } }, { entityType: 'tradein', entityId: id, storeId: store.id });
    }
    if (!input.complete) return toView(ctx.db, row, store);
    const done = finishCompletion(tx, ctx, row, store);
    return toView(ctx.db, done.row, store, done.parts, done.assessed);
  });
}

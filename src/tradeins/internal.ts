// Fetch-or-404 helpers and the one place that decides what a trade-in still needs
// (completionIssues): the intake response and the completion check both use it.
import { and, eq } from 'drizzle-orm';
import type { Store } from '../admin/schemas.js';
import type { Db, Tx } from '../db/client.js';
import { customers, disposals, tradeinItems, type tradeins } from '../db/schema/index.js';
import { queries } from './queries.js';
import { type Actor, canSeeStore } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { normalizeIdentifier } from '../shared/japanese.js';
import {
  assessIntake,
  assessMinor,
  counterpartyIssues,
  ITEM_CATEGORY_LABELS,
  type ItemCategory,
  type ItemFeatures,
  missingLedgerFields,
  type RuleIssue,
  retentionLockedUntil,
} from './rules/index.js';
import type { ItemInput, Tradein } from './schemas.js';

type Q = Db | Tx;

/** Who works the counter: record, verify, complete, amend, dispose. */
export const COUNTER_ROLES = ['staff', 'compliance'] as const;
export type TradeinRow = typeof tradeins.$inferSelect;
export type ItemRow = typeof tradeinItems.$inferSelect;

/** A trade-in the actor may see, or 404 (another store's record is not revealed). */
export function getVisibleTradein(db: Db, actor: Actor, id: string): TradeinRow {
  const row = queries(db).tradein.get({ id });
  if (!row || !canSeeStore(actor, row.storeId)) throw new NotFoundError('Trade-in');
  return row;
}

export function getVisibleItem(db: Q, actor: Actor, id: string): ItemRow {
  const row = db.select().from(tradeinItems).where(eq(tradeinItems.id, id)).get();
  if (!row || !canSeeStore(actor, row.storeId)) throw new NotFoundError('Item');
  return row;
}

export function getVisibleCustomer(db: Q, actor: Actor, id: string) {
  const row = db.select().from(customers).where(eq(customers.id, id)).get();
  if (!row || !canSeeStore(actor, row.storeId)) throw new NotFoundError('Customer');
  return row;
}

/** Item rows as stored: identifiers normalised beside the text as entered, for search and 品触れ. */
export function itemRows(items: ItemInput[], tradeinId: string, storeId: string, newId: () => string): ItemRow[] {
  return items.map((it, i) => ({
    id: newId(),
    tradeinId,
    storeId,
    lineNo: i + 1,
    category: it.category,
    designation: it.designation,
    description: it.description,
    quantity: it.quantity,
    unitPrice: it.unitPrice,
    isPhone: it.isPhone,
    features: JSON.stringify(it.features),
    featuresSource: it.featuresSource ?? null,
    ...identifierColumns(it.features),
    status: 'held' as const,
  }));
}

export function identifierColumns(f: ItemFeatures) {
  const norm = (s: string | undefined) => (s ? normalizeIdentifier(s) || null : null);
  return { serialNorm: norm(f.serialNumber), imeiNorm: norm(f.imei), chassisNorm: norm(f.chassisNumber), plateNorm: norm(f.plateNumber) };
}

/** Items, verification, blocks and ID documents of a trade-in (prepared: this is on every write). */
export function loadParts(db: Db, tradeinId: string) {
  const q = queries(db);
  return {
    items: q.items.all({ id: tradeinId }),
    verification: q.verification.get({ id: tradeinId }) ?? null,
    blocks: q.blocks.all({ id: tradeinId }),
    idDocuments: q.idDocuments.all({ id: tradeinId }),
  };
}
export type Parts = ReturnType<typeof loadParts>;

export function getStore(db: Db, storeId: string): Store {
  return queries(db).store.get({ id: storeId })!;
}

/** The buyback exemption needs the original sale's buyer to be this counterparty (DOMAIN rule 9). */
function buybackFacts(db: Q, row: TradeinRow) {
  if (!row.buybackOfDisposalId) return null;
  const sale = db.select().from(disposals).where(and(eq(disposals.id, row.buybackOfDisposalId), eq(disposals.kind, 'sale'))).get();
  return { originalSaleId: row.buybackOfDisposalId, sameCounterparty: !!sale && !!row.customerId && sale.buyerCustomerId === row.customerId };
}

export function assessRow(db: Q, row: TradeinRow, items: ItemRow[], store: Store) {
  const intake = assessIntake({
    kind: row.kind,
    date: row.businessDate,
    items: items.map((i) => ({ category: i.category as ItemCategory, designation: i.designation as never, quantity: i.quantity, unitPrice: i.unitPrice })),
    buyback: buybackFacts(db, row),
  });
  const minor = assessMinor({
    transactionDate: row.businessDate,
    kind: row.kind,
    dateOfBirth: row.cpDateOfBirth,
    prefecture: store.prefecture,
    storePolicy: store.minorPolicy,
    guardian: row.guardian ? JSON.parse(row.guardian) : null,
  });
  return { intake, minor };
}

export type Assessed = ReturnType<typeof assessRow>;

export function counterpartyOf(row: TradeinRow) {
  return { name: row.cpName, kanaName: row.cpKanaName, address: row.cpAddress, occupation: row.cpOccupation, dateOfBirth: row.cpDateOfBirth };
}

/**
 * Exactly what is missing before completion: ledger fields (rules 24-25, 61), the counterparty's
 * four facts (rule 14), a verified identity check (rules 13-23), the minors rule (39-40), and open
 * blocks such as a suspicion report task (rule 36).
 */
export function completionIssues(db: Q, row: TradeinRow, parts: Parts, store: Store, assessed: Assessed = assessRow(db, row, parts.items, store)): RuleIssue[] {
  const { intake, minor } = assessed;
  const issues: RuleIssue[] = [];
  const cp = counterpartyOf(row);
  const identity = intake.identityCheck.required;
  if (intake.ledgerEntry.required || identity) {
    issues.push(
      ...missingLedgerFields(
        {
          date: row.businessDate,
          items: parts.items.map((i) => ({ ...i, features: JSON.parse(i.features), featuresSource: i.featuresSource ?? undefined })) as never,
          counterparty: identity ? Object.fromEntries(Object.entries(cp).filter(([, v]) => v != null)) : null,
          method: parts.verification ? { category: parts.verification.method as never, documentType: parts.verification.documentType as never } : null,
        },
        { counterpartyRequired: identity, methodRequired: identity },
      ),
    );
  }
  if (identity) {
    for (const i of counterpartyIssues(Object.fromEntries(Object.entries(cp).filter(([, v]) => v != null)), row.businessDate)) {
      if (!issues.some((x) => x.path === i.path)) issues.push(i);
    }
    const v = parts.verification;
    const art = '古物営業法15条1項';
    if (!v) issues.push({ path: 'verification', code: 'verification_required', message: 'An identity check (相手方の確認) is required for this trade-in.', rule: 2, article: art });
    else if (v.status === 'pending') issues.push({ path: 'verification', code: 'verification_pending', message: 'The identity check has steps still pending.', rule: 18, article: art });
    else if (v.status === 'rejected') issues.push({ path: 'verification', code: 'verification_rejected', message: 'The identity check as recorded is not a lawful method.', rule: 15, article: art });
  }
  // Only a seller known to be under 18 is refused here: when a check is required, rule 14 already
  // demands the date of birth; an exempt small purchase with no declared age is not judged.
  if (minor.minor && !minor.allowed) {
    const r = minor.reasons[0];
    issues.push({ path: 'guardian', code: 'minor_not_allowed', message: r?.message ?? 'The seller is under 18.', rule: r?.rule ?? 39, article: r?.article ?? '青少年健全育成条例' });
  }
  // What the ID says differs from what was declared: staff must look and acknowledge (issue #4).
  for (const d of parts.idDocuments) {
    if (!d.acknowledgedAt && (JSON.parse(d.crossCheck) as unknown[]).length > 0) {
      issues.push({ path: `idDocuments.${d.id}`, code: 'id_mismatch_unacknowledged', message: 'The ID document differs from the declared details: check and acknowledge it.', rule: 14, article: '古物営業法15条1項' });
    }
  }
  for (const b of parts.blocks) {
    if (b.status === 'open' && b.blocksCompletion) {
      issues.push({ path: `blocks.${b.id}`, code: `open_${b.kind}`, message: 'An open task blocks completion: complete or justify it first.', rule: 36, article: '古物営業法15条3項' });
    }
  }
  return issues;
}

/** `loaded` and `assessed` let a verb that has just read and judged the record skip doing it again. */
export function toView(db: Db, row: TradeinRow, store: Store, loaded?: Parts, assessed?: Assessed): Tradein {
  const parts = loaded ?? loadParts(db, row.id);
  const { intake, minor } = assessed ?? assessRow(db, row, parts.items, store);
  const v = parts.verification;
  const assessment = v ? JSON.parse(v.assessment) : null;
  const input = v ? JSON.parse(v.input) : null;
  return {
    id: row.id,
    storeId: row.storeId,
    kind: row.kind,
    channel: row.channel,
    occurredAt: row.occurredAt,
    businessDate: row.businessDate,
    status: row.status,
    version: row.version,
    amended: row.version > 1,
    customerId: row.customerId,
    counterparty: counterpartyOf(row),
    guardian: row.guardian ? JSON.parse(row.guardian) : null,
    buybackOfDisposalId: row.buybackOfDisposalId,
    total: intake.total,
    requirements: { identityCheck: intake.identityCheck, ledgerEntry: intake.ledgerEntry, minor },
    items: parts.items.map((i) => ({
      id: i.id,
      lineNo: i.lineNo,
      category: i.category,
      categoryLabel: ITEM_CATEGORY_LABELS[i.category as ItemCategory] ?? i.category,
      designation: i.designation,
      description: i.description,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
      isPhone: i.isPhone,
      features: JSON.parse(i.features),
      featuresSource: i.featuresSource,
      status: i.status,
    })),
    verification: v
      ? {
          method: v.method,
          documentType: v.documentType,
          status: v.status,
          ledgerLabel: v.ledgerLabel,
          issues: assessment.issues,
          pendingSteps: assessment.pendingSteps,
          warnings: assessment.warnings,
          steps: input.steps ?? {},
          documents: input.documents ?? [],
          updatedAt: v.updatedAt,
        }
      : null,
    blocks: parts.blocks.map(({ storeId: _s, sourceId: _src, activeUntil: _a, createdBy: _c, resolvedBy: _r, ...b }) => b),
    missing: row.status === 'completed' ? [] : completionIssues(db, row, parts, store, { intake, minor }),
    retainedUntil: row.status === 'completed' ? retentionLockedUntil(row.businessDate) : null,
    notes: row.notes,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
  };
}

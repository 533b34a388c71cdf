// Registers a 品触れ (古物営業法19条; DOMAIN rules 32-33). The arrival date is required (the Act
// makes the dealer write it on the notice); the notice is kept and active until arrival + 6
// months; at registration, everything held on the arrival date or taken in since is matched and
// each match becomes a "notify the police immediately" task — in the same transaction.
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Tx, writeTx } from '../../db/client.js';
import { policeNoticeItems, policeNotices } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { addMonths, normalizeIdentifier } from '../../shared/japanese.js';
import { COMPLIANCE, todayTokyo } from '../internal.js';
import { matchHoldings } from './match-holdings.js';
import { descKey, identifierNorms, identifierValues } from './notice-keys.js';
import { type NoticeRow, toNoticeView } from './notice-view.js';
import { mergeCandidates, recordMatch } from './record-match.js';
import type { Notice, RegisterNotice } from './schemas.js';

/** 六月間 from the arrival date (19条); a day missing in the target month clamps to its end. */
export const NOTICE_MONTHS = 6;

/** Checks that need no database; `path` prefixes issue paths (body, or a CSV row). */
export function noticeIssues(input: RegisterNotice, today: string, path = 'body') {
  const issues = [];
  if (input.arrivalDate > today) issues.push({ path: `${path}.arrivalDate`, code: 'arrival_in_future', message: 'the arrival date cannot be after today' });
  return issues;
}

export function registerNotice({ ctx, input }: { ctx: Ctx; input: RegisterNotice }): Notice {
  requireRole(ctx.actor, COMPLIANCE);
  assertNoMyNumber(input);
  const today = todayTokyo(ctx);
  const issues = noticeIssues(input, today);
  if (issues.length) throw new ValidationError('arrival_in_future', 'The arrival date is in the future.', issues);
  return writeTx(ctx.db, (tx) => {
    const row = insertNotice(tx, ctx, input, 'api');
    return toNoticeView(tx, row, today);
  });
}

/** Inside the caller's transaction (also used by the CSV import): notice, items, matches, audit. */
export function insertNotice(tx: Tx, ctx: Ctx, input: RegisterNotice, source: 'api' | 'csv'): NoticeRow {
  const dup = tx
    .select({ id: policeNotices.id })
    .from(policeNotices)
    .where(and(eq(policeNotices.issuingAgency, input.issuingAgency), eq(policeNotices.noticeNumber, input.noticeNumber)))
    .get();
  if (dup) throw new ConflictError('notice_exists', 'This notice (agency and number) is already registered.', { noticeId: dup.id });
  const activeUntil = addMonths(input.arrivalDate, NOTICE_MONTHS);
  const row: NoticeRow = {
    id: newId(),
    issuingAgency: input.issuingAgency,
    noticeNumber: input.noticeNumber,
    kind: input.kind,
    arrivalDate: input.arrivalDate,
    activeUntil,
    notes: input.notes ?? null,
    source,
    createdBy: ctx.actor.userId,
    createdAt: nowIso(ctx),
  };
  tx.insert(policeNotices).values(row).run();
  const keys = input.items.map((it, i) => {
    const norms = identifierNorms(it);
    const item = {
      id: newId(),
      noticeId: row.id,
      lineNo: i + 1,
      description: it.description,
      category: it.category ?? null,
      brand: it.brand ?? null,
      model: it.model ?? null,
      colour: it.colour ?? null,
      serialNumber: it.serialNumber ?? null,
      imei: it.imei ?? null,
      chassisNumber: it.chassisNumber ?? null,
      plateNumber: it.plateNumber ?? null,
      ...norms,
      descKey: descKey(it),
      notes: it.notes ?? null,
      activeUntil,
    };
    tx.insert(policeNoticeItems).values(item).run();
    const descModel = item.descKey && it.model ? normalizeIdentifier(it.model) : null;
    return { noticeId: row.id, noticeItemId: item.id, noticeNumber: row.noticeNumber, issuingAgency: row.issuingAgency, values: identifierValues(norms), descKey: item.descKey, descModel };
  });
  const matches = mergeCandidates(matchHoldings(ctx.db, { arrivalDate: row.arrivalDate, items: keys })).map((c) => recordMatch(tx, ctx, c, 'holding'));
  emitAudit(
    tx,
    ctx,
    { action: 'police_notice.create', details: { items: keys.length, matches: matches.length, source, activeUntil } },
    { entityType: 'police_notice', entityId: row.id },
  );
  return row;
}

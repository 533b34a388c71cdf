// The notice as the API shows it: items, what each can be matched on, and its match tasks with
// their state (taken from the block, which is what actually stops a sale).
import { eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { blocks, policeNoticeItems, policeNoticeMatches, type policeNotices } from '../../db/schema/index.js';
import { addDays } from '../../shared/japanese.js';
import type { Notice, NoticeMatch } from './schemas.js';

type Q = Db | Tx;
export type NoticeRow = typeof policeNotices.$inferSelect;
type MatchRow = typeof policeNoticeMatches.$inferSelect;
type NoticeItemRow = typeof policeNoticeItems.$inferSelect;

export function matchViews(db: Q, rows: MatchRow[]): NoticeMatch[] {
  if (!rows.length) return [];
  const bs = db.select().from(blocks).where(inArray(blocks.id, rows.map((r) => r.blockId))).all();
  const byId = new Map(bs.map((b) => [b.id, b]));
  return rows.map((m) => {
    const b = byId.get(m.blockId);
    const status = !b || b.status === 'open' ? 'open' : b.resolution === 'reported' || b.resolution === 'false_positive' ? b.resolution : 'resolved';
    return {
      id: m.id,
      noticeId: m.noticeId,
      noticeNumber: m.noticeNumber,
      noticeItemId: m.noticeItemId,
      itemId: m.itemId,
      tradeinId: m.tradeinId,
      storeId: m.storeId,
      blockId: m.blockId,
      confidence: m.confidence,
      matchedOn: JSON.parse(m.matchedOn) as string[],
      phase: m.phase,
      status,
      reportedAt: m.reportedAt,
      reportedStation: m.reportedStation,
      reportedOfficer: m.reportedOfficer,
      falsePositiveReason: m.falsePositiveReason,
      createdAt: m.createdAt,
      resolvedAt: b?.resolvedAt ?? null,
    };
  });
}

function matchable(i: NoticeItemRow): 'identifier' | 'description' | 'none' {
  if (i.serialNorm || i.imeiNorm || i.chassisNorm || i.plateNorm) return 'identifier';
  return i.descKey ? 'description' : 'none';
}

/** Kept for 6 months from arrival (19条): deletable from the day after activeUntil. */
export function deletableFrom(row: NoticeRow): string {
  return addDays(row.activeUntil, 1);
}

export function toNoticeView(db: Q, row: NoticeRow, today: string): Notice {
  const items = db.select().from(policeNoticeItems).where(eq(policeNoticeItems.noticeId, row.id)).orderBy(policeNoticeItems.lineNo).all();
  const matches = db.select().from(policeNoticeMatches).where(eq(policeNoticeMatches.noticeId, row.id)).orderBy(policeNoticeMatches.createdAt, policeNoticeMatches.id).all();
  return {
    id: row.id,
    issuingAgency: row.issuingAgency,
    noticeNumber: row.noticeNumber,
    kind: row.kind,
    arrivalDate: row.arrivalDate,
    activeUntil: row.activeUntil,
    active: today <= row.activeUntil,
    deletableFrom: deletableFrom(row),
    source: row.source,
    notes: row.notes,
    createdAt: row.createdAt,
    items: items.map((i) => ({
      id: i.id,
      lineNo: i.lineNo,
      description: i.description,
      category: i.category,
      brand: i.brand,
      model: i.model,
      colour: i.colour,
      serialNumber: i.serialNumber,
      imei: i.imei,
      chassisNumber: i.chassisNumber,
      plateNumber: i.plateNumber,
      notes: i.notes,
      matchable: matchable(i),
    })),
    matches: matchViews(db, matches),
  };
}

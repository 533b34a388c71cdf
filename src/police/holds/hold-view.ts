// A hold as the API shows it. Its state comes from its block (released = resolved by order) and
// from the calendar: the hold binds through its end date and lapses the day after (21条).
import { inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { blocks, type policeHolds } from '../../db/schema/index.js';
import { daysBetween } from '../internal.js';
import type { Hold } from './schemas.js';

export type HoldRow = typeof policeHolds.$inferSelect;

export function holdViews(db: Db | Tx, rows: HoldRow[], today: string): Hold[] {
  if (!rows.length) return [];
  const bs = db.select().from(blocks).where(inArray(blocks.id, rows.map((r) => r.blockId))).all();
  const byId = new Map(bs.map((b) => [b.id, b]));
  return rows.map((h) => {
    const b = byId.get(h.blockId);
    const released = !!b && b.status === 'resolved';
    const status = released ? 'released' : today > h.endDate ? 'expired' : 'active';
    return {
      id: h.id,
      itemId: h.itemId,
      tradeinId: h.tradeinId,
      storeId: h.storeId,
      blockId: h.blockId,
      orderDate: h.orderDate,
      endDate: h.endDate,
      station: h.station,
      officerName: h.officerName,
      referenceNumber: h.referenceNumber,
      notes: h.notes,
      status,
      daysLeft: status === 'active' ? daysBetween(today, h.endDate) + 1 : 0,
      releasedAt: released ? (b?.resolvedAt ?? null) : null,
      releaseNote: released ? (b?.resolutionNote ?? null) : null,
      createdAt: h.createdAt,
    };
  });
}

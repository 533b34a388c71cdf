// The listing feed for member dealers and buyers' systems (issue #5 §6): photos of items for sale
// (a completed trade-in, the item still held) that pass the disclosure gate right now. Opt-outs
// and regions are read fresh on every request, so an opt-out recorded after publication removes
// the photos at once. Entries carry ids, the item category and rendition URLs: no names, no
// identifiers, no free text staff typed. Listing is not itself a disclosure; fetching an image is.
import { and, asc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { photoRegions, photos, tradeinItems, tradeins } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { ITEM_CATEGORY_LABELS, type ItemCategory } from '../../tradeins/rules/index.js';
import type { RegionRow } from '../internal.js';
import { activeOptOutMatcher } from '../opt-outs/match-opt-outs.js';
import type { FeedEntry as FeedEntrySchema } from '../schemas.js';
import { gateFor } from '../view.js';

type FeedEntry = z.infer<typeof FeedEntrySchema>;

export function listFeed({ ctx, query }: { ctx: Ctx; query: { limit: number; after?: string } }) {
  requireRole(ctx.actor, ['dealer']);
  let cursor: [string, string] | null = null;
  if (query.after) {
    const m = /^(.{10,40})\|([\w-]{1,64})$/.exec(query.after);
    if (!m) throw new ValidationError('validation_failed', 'Unknown cursor.', [{ path: 'after', code: 'invalid_cursor', message: 'use next from the previous page' }]);
    cursor = [m[1]!, m[2]!];
  }
  const matcher = activeOptOutMatcher(ctx.db);
  const out: FeedEntry[] = [];
  const batchSize = query.limit * 2;
  let pos = cursor;
  let exhausted = false;
  for (let batch = 0; batch < 20 && out.length < query.limit && !exhausted; batch++) {
    const rows = ctx.db
      .select({ p: photos, i: tradeinItems, customerId: tradeins.customerId })
      .from(photos)
      .innerJoin(tradeinItems, eq(tradeinItems.id, photos.itemId))
      .innerJoin(tradeins, eq(tradeins.id, photos.tradeinId))
      .where(and(isNull(photos.anonymizedAt), eq(photos.proposalStatus, 'done'), eq(tradeinItems.status, 'held'), eq(tradeins.status, 'completed'), pos ? or(gt(photos.createdAt, pos[0]), and(eq(photos.createdAt, pos[0]), gt(photos.id, pos[1]))) : undefined))
      .orderBy(asc(photos.createdAt), asc(photos.id))
      .limit(batchSize)
      .all();
    const regions = new Map<string, RegionRow[]>();
    if (rows.length) for (const r of ctx.db.select().from(photoRegions).where(inArray(photoRegions.photoId, rows.map((x) => x.p.id))).all()) regions.set(r.photoId, [...(regions.get(r.photoId) ?? []), r]);
    let k = 0;
    for (; k < rows.length && out.length < query.limit; k++) {
      const { p, i, customerId } = rows[k]!;
      pos = [p.createdAt, p.id];
      const optedOut = matcher({ customerId, tradeinId: p.tradeinId, chassisNorm: i.chassisNorm, plateNorm: i.plateNorm, imeiNorm: i.imeiNorm });
      if (!gateFor(p, regions.get(p.id) ?? [], optedOut).disclosable) continue;
      out.push({
        photoId: p.id,
        itemId: p.itemId,
        tradeinId: p.tradeinId,
        category: i.category,
        categoryLabel: ITEM_CATEGORY_LABELS[i.category as ItemCategory] ?? i.category,
        width: p.width,
        height: p.height,
        renditions: { redacted: `/photo-feed/${p.id}/redacted`, thumbnail: `/photo-feed/${p.id}/thumbnail` },
      });
    }
    exhausted = rows.length < batchSize && k === rows.length;
  }
  return { photos: out, next: exhausted || !pos ? null : `${pos[0]}|${pos[1]}` };
}

// Reading photos in a store: one photo with its regions, or the photos of an item.
import { asc, eq } from 'drizzle-orm';
import { photoRegions, photos } from '../db/schema/index.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { getVisibleItem } from '../tradeins/internal.js';
import { getVisiblePhoto, PHOTO_ROLES, type RegionRow, regionsOf } from './internal.js';
import { activeOptOutMatcher } from './opt-outs/match-opt-outs.js';
import { toPhotoView } from './view.js';

export function getPhoto({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, PHOTO_ROLES);
  const photo = getVisiblePhoto(ctx.db, ctx.actor, id);
  return toPhotoView(ctx.db, photo, regionsOf(ctx.db, id));
}

export function listItemPhotos({ ctx, itemId }: { ctx: Ctx; itemId: string }) {
  requireRole(ctx.actor, PHOTO_ROLES);
  const item = getVisibleItem(ctx.db, ctx.actor, itemId);
  const rows = ctx.db.select().from(photos).where(eq(photos.itemId, item.id)).orderBy(asc(photos.createdAt), asc(photos.id)).all();
  const regions = new Map<string, RegionRow[]>();
  for (const r of ctx.db.select().from(photoRegions).innerJoin(photos, eq(photos.id, photoRegions.photoId)).where(eq(photos.itemId, item.id)).orderBy(asc(photoRegions.createdAt), asc(photoRegions.id)).all()) {
    regions.set(r.photo_regions.photoId, [...(regions.get(r.photo_regions.photoId) ?? []), r.photo_regions]);
  }
  const matcher = activeOptOutMatcher(ctx.db);
  return { photos: rows.map((p) => toPhotoView(ctx.db, p, regions.get(p.id) ?? [], matcher)) };
}

// Fetch-or-404 helpers of the photos domain, the photo's subject, and the hash that ties a
// rendition to the region set it was burned from.
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { photoRegions, photos } from '../db/schema/index.js';
import { type Actor, canSeeStore } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { sha256Hex } from '../shared/hash.js';
import type { PhotoSubject } from './detect/propose.js';

export type PhotoRow = typeof photos.$inferSelect;
export type RegionRow = typeof photoRegions.$inferSelect;
type Q = Db | Tx;

/** Who works with photos in a store: upload, regions, renditions. Originals: compliance only. */
export const PHOTO_ROLES = ['staff', 'compliance'] as const;

export function getVisiblePhoto(db: Q, actor: Actor, id: string): PhotoRow {
  const row = db.select().from(photos).where(eq(photos.id, id)).get();
  if (!row || !canSeeStore(actor, row.storeId)) throw new NotFoundError('Photo');
  return row;
}

export function regionsOf(db: Q, photoId: string): RegionRow[] {
  return db.select().from(photoRegions).where(eq(photoRegions.photoId, photoId)).orderBy(asc(photoRegions.createdAt), asc(photoRegions.id)).all();
}

/** Regions burned into the renditions: all but the dismissed ones (an unreviewed proposal too). */
export function burnedRegions(regions: RegionRow[]): RegionRow[] {
  return regions.filter((r) => r.status !== 'dismissed');
}

/** Identifies the burned set; a rendition made from another set is stale and never disclosed. */
export function regionsHash(regions: RegionRow[]): string {
  const parts = burnedRegions(regions)
    .map((r) => `${r.id}:${r.x},${r.y},${r.width},${r.height}`)
    .sort();
  return sha256Hex(parts.join('|'));
}

/** 自動車 and 自動二輪車 are vehicles (plates: rule 59); a phone is a device (screens: rule 60). */
export function subjectOf(item: { category: string; isPhone: boolean }): PhotoSubject {
  if (item.category === 'AUTOMOBILE' || item.category === 'MOTORCYCLE') return 'vehicle';
  return item.isPhone ? 'device' : 'other';
}

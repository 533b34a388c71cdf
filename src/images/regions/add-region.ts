// Staff draw a region the detectors missed (a face, a name on a parking permit). It is confirmed
// at once (staff drew it deliberately) and burned into the renditions after the commit.
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { photoRegions } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { getVisiblePhoto, PHOTO_ROLES, type PhotoRow, regionsOf } from '../internal.js';
import { refreshRenditions } from '../render/refresh-renditions.js';
import { RegionInput } from '../schemas.js';
import { toPhotoView } from '../view.js';

export function assertInside(photo: Pick<PhotoRow, 'width' | 'height'>, r: { x: number; y: number; width: number; height: number }): void {
  if (r.x + r.width > photo.width || r.y + r.height > photo.height) {
    throw new ValidationError('region_outside_image', 'The region lies outside the image.', [{ path: 'x', code: 'region_outside_image', message: `the image is ${photo.width}×${photo.height} (after EXIF orientation)` }]);
  }
}

export async function addRegion({ ctx, photoId, input }: { ctx: Ctx; photoId: string; input: RegionInput }) {
  requireRole(ctx.actor, PHOTO_ROLES);
  const r = RegionInput.parse(input);
  writeTx(ctx.db, (tx) => {
    const photo = getVisiblePhoto(tx, ctx.actor, photoId);
    if (photo.anonymizedAt) throw new ConflictError('photo_anonymized', 'This photo has been anonymised.');
    assertInside(photo, r);
    const id = newId();
    const now = nowIso(ctx);
    tx.insert(photoRegions).values({ id, photoId, kind: r.kind, source: 'staff', detector: null, confidence: null, x: r.x, y: r.y, width: r.width, height: r.height, status: 'confirmed', dismissReason: null, neverPublish: r.neverPublish, createdBy: ctx.actor.userId, createdAt: now, decidedBy: ctx.actor.userId, decidedAt: now }).run();
    emitAudit(tx, ctx, { action: 'photo_region.create', details: { photoId, kind: r.kind, source: 'staff' } }, { entityType: 'photo_region', entityId: id, storeId: photo.storeId });
  });
  await refreshRenditions(ctx, photoId);
  const photo = getVisiblePhoto(ctx.db, ctx.actor, photoId);
  return toPhotoView(ctx.db, photo, regionsOf(ctx.db, photoId));
}

// Confirm or dismiss a region. Confirmed regions are burned into the renditions; a dismissal needs
// a reason and records who decided and when — for a licence plate on a vehicle photo this is the
// explicit decision rule 59 requires before the plate may be published unmasked. Documents stay
// never-publish whatever is decided about them short of a dismissal (rule 60).
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { photoRegions } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { sha256Hex } from '../../shared/hash.js';
import { getVisiblePhoto, PHOTO_ROLES, regionsOf } from '../internal.js';
import { refreshRenditions } from '../render/refresh-renditions.js';
import { RegionDecision } from '../schemas.js';
import { toPhotoView } from '../view.js';

export async function decideRegion({ ctx, photoId, regionId, input }: { ctx: Ctx; photoId: string; regionId: string; input: RegionDecision }) {
  requireRole(ctx.actor, PHOTO_ROLES);
  const d = RegionDecision.parse(input);
  if (d.status === 'dismissed') assertNoMyNumber({ reason: d.reason });
  writeTx(ctx.db, (tx) => {
    const photo = getVisiblePhoto(tx, ctx.actor, photoId);
    if (photo.anonymizedAt) throw new ConflictError('photo_anonymized', 'This photo has been anonymised.');
    const region = tx.select().from(photoRegions).where(and(eq(photoRegions.id, regionId), eq(photoRegions.photoId, photoId))).get();
    if (!region) throw new NotFoundError('Region');
    const neverPublish = d.status === 'confirmed' ? (d.neverPublish ?? region.neverPublish) : region.neverPublish;
    const dismissReason = d.status === 'dismissed' ? d.reason : null;
    tx.update(photoRegions).set({ status: d.status, dismissReason, neverPublish, decidedBy: ctx.actor.userId, decidedAt: nowIso(ctx) }).where(eq(photoRegions.id, regionId)).run();
    emitAudit(
      tx,
      ctx,
      { action: 'photo_region.decide', details: { photoId, kind: region.kind, from: region.status, to: d.status, neverPublish, reasonHash: dismissReason ? sha256Hex(dismissReason) : null } },
      { entityType: 'photo_region', entityId: regionId, storeId: photo.storeId },
    );
  });
  await refreshRenditions(ctx, photoId);
  return toPhotoView(ctx.db, getVisiblePhoto(ctx.db, ctx.actor, photoId), regionsOf(ctx.db, photoId));
}

// Image bytes for the store: the redacted rendition or its thumbnail (staff and compliance of the
// store; metadata-free, regions burned), and the original as received (compliance only, for the
// police: every view is audited in the transaction that authorises it, fail-closed).
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { type Ctx, requireRole } from '../shared/context.js';
import { NotFoundError } from '../shared/errors.js';
import { getVisiblePhoto, PHOTO_ROLES } from './internal.js';

export interface ImageBytes {
  bytes: Buffer;
  contentType: string;
}

export async function viewRendition({ ctx, id, rendition }: { ctx: Ctx; id: string; rendition: 'redacted' | 'thumbnail' }): Promise<ImageBytes> {
  requireRole(ctx.actor, PHOTO_ROLES);
  const photo = getVisiblePhoto(ctx.db, ctx.actor, id);
  const key = rendition === 'redacted' ? photo.redactedBlobKey : photo.thumbBlobKey;
  if (!key) throw new NotFoundError('Rendition');
  return { bytes: await ctx.blobs.get(key), contentType: 'image/jpeg' };
}

export async function viewOriginal({ ctx, id }: { ctx: Ctx; id: string }): Promise<ImageBytes> {
  requireRole(ctx.actor, ['compliance']);
  const photo = writeTx(ctx.db, (tx) => {
    const p = getVisiblePhoto(tx, ctx.actor, id);
    if (!p.originalBlobKey) throw new NotFoundError('Original photo');
    emitAudit(tx, ctx, { action: 'photo.view_original', details: { itemId: p.itemId, sha256: p.originalSha256 } }, { entityType: 'photo', entityId: p.id, storeId: p.storeId });
    return p;
  });
  return { bytes: await ctx.blobs.get(photo.originalBlobKey!), contentType: `image/${photo.format}` };
}

// Re-burns a photo's renditions after its regions changed (a proposal job, a staff decision).
// Image work happens before the transaction; the transaction swaps the keys only if the region
// set is still the one that was burned (a concurrent change makes this render stale, and the
// later change renders again), with its audit row; files are published after the commit and the
// old renditions deleted. The disclosure gate refuses a photo whose rendition is stale, so a crash
// anywhere in between can delay a publication but never expose an unburned region.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { photos } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { burnedRegions, regionsHash, regionsOf } from '../internal.js';
import { renderRenditions } from './renditions.js';

export async function refreshRenditions(ctx: Ctx, photoId: string): Promise<boolean> {
  const photo = ctx.db.select().from(photos).where(eq(photos.id, photoId)).get();
  if (!photo?.originalBlobKey || photo.anonymizedAt) return false;
  const regions = regionsOf(ctx.db, photoId);
  const hash = regionsHash(regions);
  if (photo.renditionRegionsHash === hash && photo.redactedBlobKey && photo.thumbBlobKey) return false;
  const original = await ctx.blobs.get(photo.originalBlobKey);
  const burned = burnedRegions(regions);
  const r = await renderRenditions(original, burned, { width: photo.width, height: photo.height }, ctx.config.MAX_IMAGE_PIXELS);
  const redacted = await ctx.blobs.stage(r.redacted);
  const thumb = await ctx.blobs.stage(r.thumbnail);
  let old: Array<string | null> | null = null;
  try {
    old = writeTx(ctx.db, (tx) => {
      const now = tx.select().from(photos).where(eq(photos.id, photoId)).get();
      if (!now || now.anonymizedAt || now.renditionRegionsHash === hash || regionsHash(regionsOf(tx, photoId)) !== hash) return null;
      tx.update(photos).set({ redactedBlobKey: redacted.key, redactedSha256: redacted.sha256, thumbBlobKey: thumb.key, thumbSha256: thumb.sha256, renditionRegionsHash: hash, renderedAt: nowIso(ctx) }).where(eq(photos.id, photoId)).run();
      emitAudit(tx, ctx, { action: 'photo.render', details: { regionsHash: hash, redactedSha256: redacted.sha256, thumbSha256: thumb.sha256, burned: burned.length } }, { entityType: 'photo', entityId: photoId, storeId: now.storeId });
      return [now.redactedBlobKey, now.thumbBlobKey];
    });
  } finally {
    if (!old) {
      await redacted.discard();
      await thumb.discard();
    }
  }
  if (!old) return false;
  await redacted.publish();
  await thumb.publish();
  for (const key of old) if (key) await ctx.blobs.delete(key);
  return true;
}

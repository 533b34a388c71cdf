// One proposal job: read the original, run the detectors (detect/propose.ts), then in one
// transaction replace the photo's still-undecided automatic proposals with the new ones, mark the
// job done and audit it (counts and kinds only: the text read never leaves memory). Regions staff
// drew or already decided are kept. An OCR pool that is full or shutting down makes the job wait
// and retry; any other failure marks it failed with a code (staff can re-queue it).
import { and, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { photoRegions, photos } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { DomainError, UnavailableError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import type { FaceDetector } from '../detect/faces.js';
import { proposeRegions } from '../detect/propose.js';
import { refreshRenditions } from '../render/refresh-renditions.js';
import { renderMaskedOriginal } from '../render/renditions.js';
import type { JobOutcome } from './photo-jobs.js';

const MAX_ATTEMPTS = 5;

export async function runPhotoProposals(ctx: Ctx, photoId: string, faces: FaceDetector | null): Promise<JobOutcome> {
  const photo = ctx.db.select().from(photos).where(eq(photos.id, photoId)).get();
  if (!photo?.originalBlobKey || photo.anonymizedAt || photo.proposalStatus === 'done' || photo.proposalStatus === 'failed') return 'done';
  const attempts = photo.proposalAttempts + 1;
  const mark = (status: 'queued' | 'running' | 'failed', error: string | null) =>
    writeTx(ctx.db, (tx) => {
      tx.update(photos).set({ proposalStatus: status, proposalAttempts: attempts, proposalError: error, proposalUpdatedAt: nowIso(ctx) }).where(eq(photos.id, photoId)).run();
      if (status === 'failed') emitAudit(tx, ctx, { action: 'photo.propose', details: { status, attempts, regions: 0, kinds: {} } }, { entityType: 'photo', entityId: photoId, storeId: photo.storeId });
    });
  mark('running', null);
  let result: Awaited<ReturnType<typeof proposeRegions>>;
  let original: Buffer;
  try {
    original = await ctx.blobs.get(photo.originalBlobKey);
    result = await proposeRegions({ image: original, size: { width: photo.width, height: photo.height }, subject: photo.subject, ocr: ctx.ocr, faces, maxPixels: ctx.config.MAX_IMAGE_PIXELS });
  } catch (err) {
    const code = err instanceof DomainError ? err.code : 'proposal_failed';
    if (err instanceof UnavailableError && attempts < MAX_ATTEMPTS) {
      mark('queued', code);
      return 'retry';
    }
    ctx.log.warn({ photoId, code }, 'photo proposals failed');
    mark('failed', code);
    return 'done';
  }
  const { proposals, summary } = result;
  // 番号法 19-20条 (DOMAIN §3): a My Number may not be kept even inside evidence. When one is found,
  // the original itself is replaced by a copy with the number burned out (JAFIC: mask it so it
  // cannot be recovered before keeping the copy with the records); the old file goes after commit.
  const myNumbers = proposals.filter((p) => p.detector === 'my_number').map((p) => p.rect);
  const maskedOriginal = myNumbers.length ? await ctx.blobs.stage(await renderMaskedOriginal(original, myNumbers, { width: photo.width, height: photo.height }, ctx.config.MAX_IMAGE_PIXELS)) : null;
  try {
    writeTx(ctx.db, (tx) => {
      if (maskedOriginal) {
        tx.update(photos).set({ originalBlobKey: maskedOriginal.key, originalSha256: maskedOriginal.sha256, originalSize: maskedOriginal.size }).where(eq(photos.id, photoId)).run();
        emitAudit(tx, ctx, { action: 'photo.mask_original', details: { regions: myNumbers.length, sha256: maskedOriginal.sha256 } }, { entityType: 'photo', entityId: photoId, storeId: photo.storeId });
      }
      tx.delete(photoRegions).where(and(eq(photoRegions.photoId, photoId), eq(photoRegions.source, 'auto'), eq(photoRegions.status, 'proposed'))).run();
      const now = nowIso(ctx);
      for (const p of proposals) {
        tx.insert(photoRegions)
          .values({ id: newId(), photoId, kind: p.kind, source: 'auto', detector: p.detector, confidence: Math.round(p.confidence * 1000) / 1000, ...p.rect, status: 'proposed', dismissReason: null, neverPublish: p.neverPublish, createdBy: null, createdAt: now, decidedBy: null, decidedAt: null })
          .run();
      }
      tx.update(photos).set({ proposalStatus: 'done', proposalAttempts: attempts, proposalError: null, proposalSummary: JSON.stringify(summary), proposalUpdatedAt: now }).where(eq(photos.id, photoId)).run();
      emitAudit(tx, ctx, { action: 'photo.propose', details: { status: 'done', attempts, regions: proposals.length, kinds: summary.counts as Record<string, number> } }, { entityType: 'photo', entityId: photoId, storeId: photo.storeId });
    });
  } catch (err) {
    await maskedOriginal?.discard();
    throw err;
  }
  if (maskedOriginal) {
    await maskedOriginal.publish();
    await ctx.blobs.delete(photo.originalBlobKey);
  }
  await refreshRenditions(ctx, photoId);
  return 'done';
}

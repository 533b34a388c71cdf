// Upload of one photo of a trade-in item (issue #5 §1). The bytes pass the image gate (type by
// content, pixel ceiling, truncation) and the photo checks (one still image, no polyglot trailer)
// in memory; the first renditions (oriented, metadata stripped, nothing burned yet) are made before
// the transaction; original and renditions are staged encrypted, the row and its audit entry
// commit together, then the files are published. A refused upload stores nothing. The automatic
// PII proposals run afterwards on the in-process job queue (not blocking the upload).
// The original is ledger evidence (規則15条3項; DOMAIN §1.4): kept as received, encrypted, for the
// trade-in's retention; only compliance can view it (audited per view).
import { emitAudit } from '../audit/emit.js';
import { writeTx } from '../db/client.js';
import { photos } from '../db/schema/index.js';
import type { StagedBlob } from '../shared/blob-store.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { getVisibleItem } from '../tradeins/internal.js';
import { PHOTO_ROLES, type PhotoRow, regionsHash, subjectOf } from './internal.js';
import { photoJobsFor } from './jobs/photo-jobs.js';
import { renderRenditions } from './render/renditions.js';
import { validatePhoto } from './validate-upload.js';
import { type PhotoView, toPhotoView } from './view.js';

export async function uploadPhoto({ ctx, input }: { ctx: Ctx; input: { itemId: string; image: Buffer } }): Promise<PhotoView> {
  requireRole(ctx.actor, PHOTO_ROLES);
  const item = getVisibleItem(ctx.db, ctx.actor, input.itemId);
  const info = await validatePhoto(input.image, ctx.config.MAX_IMAGE_PIXELS);
  const size = { width: info.orientedWidth, height: info.orientedHeight };
  const renditions = await renderRenditions(input.image, [], size, ctx.config.MAX_IMAGE_PIXELS);
  const staged: StagedBlob[] = [];
  try {
    for (const b of [input.image, renditions.redacted, renditions.thumbnail]) staged.push(await ctx.blobs.stage(b));
    const [original, redacted, thumb] = staged as [StagedBlob, StagedBlob, StagedBlob];
    const now = nowIso(ctx);
    const row: PhotoRow = {
      id: newId(),
      storeId: item.storeId,
      tradeinId: item.tradeinId,
      itemId: item.id,
      subject: subjectOf(item),
      format: info.format,
      width: size.width,
      height: size.height,
      originalBlobKey: original.key,
      originalSha256: original.sha256,
      originalSize: original.size,
      redactedBlobKey: redacted.key,
      redactedSha256: redacted.sha256,
      thumbBlobKey: thumb.key,
      thumbSha256: thumb.sha256,
      // Burned from the empty region set: current until the first region lands.
      renditionRegionsHash: regionsHash([]),
      renderedAt: now,
      proposalStatus: 'queued',
      proposalAttempts: 0,
      proposalError: null,
      proposalSummary: null,
      proposalUpdatedAt: now,
      createdBy: ctx.actor.userId,
      createdAt: now,
      anonymizedAt: null,
    };
    const view = writeTx(ctx.db, (tx) => {
      tx.insert(photos).values(row).run();
      emitAudit(tx, ctx, { action: 'photo.create', details: { itemId: item.id, subject: row.subject, format: row.format, sha256: original.sha256, width: row.width, height: row.height } }, { entityType: 'photo', entityId: row.id, storeId: row.storeId });
      return toPhotoView(tx, row, []);
    });
    for (const s of staged) await s.publish();
    photoJobsFor(ctx.db)?.enqueue(row.id);
    return view;
  } catch (err) {
    for (const s of staged) await s.discard().catch(() => {});
    throw err;
  }
}

// Runs the automatic proposals again (after a failure, or once OCR is back): undecided automatic
// proposals are replaced when the job finishes; decided and staff-drawn regions stay.
import { eq } from 'drizzle-orm';
import { writeTx } from '../../db/client.js';
import { photos } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError } from '../../shared/errors.js';
import { getVisiblePhoto, PHOTO_ROLES, regionsOf } from '../internal.js';
import { toPhotoView } from '../view.js';
import { photoJobsFor } from './photo-jobs.js';

export function requeueProposals({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx.actor, PHOTO_ROLES);
  const photo = writeTx(ctx.db, (tx) => {
    const p = getVisiblePhoto(tx, ctx.actor, id);
    if (p.anonymizedAt) throw new ConflictError('photo_anonymized', 'This photo has been anonymised.');
    if (p.proposalStatus === 'queued' || p.proposalStatus === 'running') return p;
    // Job bookkeeping only (no personal data changes): the job's outcome is audited.
    const next = { ...p, proposalStatus: 'queued' as const, proposalAttempts: 0, proposalError: null, proposalUpdatedAt: nowIso(ctx) };
    tx.update(photos).set({ proposalStatus: 'queued', proposalAttempts: 0, proposalError: null, proposalUpdatedAt: next.proposalUpdatedAt }).where(eq(photos.id, id)).run();
    return next;
  });
  photoJobsFor(ctx.db)?.enqueue(id);
  return toPhotoView(ctx.db, photo, regionsOf(ctx.db, id));
}

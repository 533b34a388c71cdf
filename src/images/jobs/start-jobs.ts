// Wires the proposal job queue into the app: a system context for the jobs, recovery of the jobs
// a stop or crash left unfinished (status running → queued, then every queued photo again), and a
// clean stop before the database and the OCR pool close (preClose runs before onClose hooks).
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { photos } from '../../db/schema/index.js';
import { type Ctx, SYSTEM_ACTOR } from '../../shared/context.js';
import type { FaceDetector } from '../detect/faces.js';
import { PhotoJobs, registerPhotoJobs } from './photo-jobs.js';
import { runPhotoProposals } from './run-proposals.js';

export function startPhotoJobs(app: FastifyInstance, faces: FaceDetector | null): PhotoJobs {
  const { db, config, deps } = app.daicho;
  const sys: Ctx = { ...deps, db, config, actor: SYSTEM_ACTOR, requestId: null, log: app.log };
  const jobs = new PhotoJobs({ run: (id) => runPhotoProposals(sys, id, faces), log: app.log });
  registerPhotoJobs(db, jobs);
  // Bookkeeping only (no personal data changes): the job's outcome is what gets audited.
  db.update(photos).set({ proposalStatus: 'queued' }).where(eq(photos.proposalStatus, 'running')).run();
  const unfinished = db.select({ id: photos.id }).from(photos).where(inArray(photos.proposalStatus, ['queued'])).all();
  app.addHook('onReady', async () => {
    for (const p of unfinished) jobs.enqueue(p.id);
  });
  app.addHook('preClose', async () => {
    await jobs.stop();
  });
  return jobs;
}

// Photo routes (issue #5). Staff and compliance of a store: upload (multipart, one part `file`),
// read, regions, renditions; compliance alone: originals (audited). Member dealers: the feed and
// their opt-outs (feed-routes.ts). This plugin also owns the proposal job queue and the face
// detector (engines behind interfaces; `faces: null` switches face detection off).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { ValidationError } from '../shared/errors.js';
import { type FaceDetector, HumanFaceDetector } from './detect/faces.js';
import { feedRoutes } from './feed-routes.js';
import { getPhoto, listItemPhotos } from './get-photo.js';
import { startPhotoJobs } from './jobs/start-jobs.js';
import { requeueProposals } from './jobs/requeue-proposals.js';
import { addRegion } from './regions/add-region.js';
import { decideRegion } from './regions/decide-region.js';
import { IdParams, Photo, RegionDecision, RegionInput, RegionParams, RenditionParams } from './schemas.js';
import { uploadPhoto } from './upload-photo.js';
import { viewOriginal, viewRendition } from './view-photo-image.js';

const roles = ['staff', 'compliance'] as const;

export async function imagesRoutes(app: FastifyInstance, opts: { faces?: FaceDetector | null } = {}) {
  startPhotoJobs(app, opts.faces === undefined ? new HumanFaceDetector() : opts.faces);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['photos'];

  r.post('/items/:id/photos', { config: { access: roles }, schema: { tags, summary: 'Upload a photo of a trade-in item (multipart: file). PII regions are proposed in the background.', params: IdParams, consumes: ['multipart/form-data'], response: { 201: Photo } } }, async (req, reply) => {
    if (!req.isMultipart()) throw new ValidationError('multipart_required', 'Send the photo as multipart/form-data.', [{ path: 'body', code: 'multipart_required', message: 'multipart/form-data' }]);
    let image: Buffer | null = null;
    for await (const part of req.parts()) {
      if (part.type !== 'file') throw new ValidationError('validation_failed', 'Unknown form field.', [{ path: part.fieldname, code: 'unrecognized_keys', message: 'only the file part' }]);
      if (part.fieldname !== 'file' || image) throw new ValidationError('unexpected_file', 'Send exactly one file part named "file".', [{ path: part.fieldname, code: 'unexpected', message: 'one part named file' }]);
      image = await part.toBuffer();
    }
    if (!image) throw new ValidationError('file_required', 'The image file is missing.', [{ path: 'file', code: 'required', message: 'required' }]);
    return reply.code(201).send(await uploadPhoto({ ctx: ctxOf(req), input: { itemId: req.params.id, image } }));
  });
  r.get('/items/:id/photos', { config: { access: roles }, schema: { tags, summary: 'Photos of an item, with regions and disclosure state', params: IdParams, response: { 200: z.object({ photos: z.array(Photo) }) } } }, async (req) => listItemPhotos({ ctx: ctxOf(req), itemId: req.params.id }));
  r.get('/photos/:id', { config: { access: roles }, schema: { tags, summary: 'A photo: regions, proposal job, redaction (rule 59), never-publish (rule 60), gate', params: IdParams, response: { 200: Photo } } }, async (req) => getPhoto({ ctx: ctxOf(req), id: req.params.id }));
  r.get('/photos/:id/renditions/:rendition', { config: { access: roles }, schema: { tags, summary: 'The redacted rendition or its thumbnail (JPEG, no metadata)', params: RenditionParams } }, async (req, reply) => {
    const img = await viewRendition({ ctx: ctxOf(req), id: req.params.id, rendition: req.params.rendition });
    return reply.type(img.contentType).header('cache-control', 'no-store').send(img.bytes);
  });
  r.get('/photos/:id/original', { config: { access: ['compliance'] }, schema: { tags, summary: 'The original as received (evidence; every view is audited)', params: IdParams } }, async (req, reply) => {
    const img = await viewOriginal({ ctx: ctxOf(req), id: req.params.id });
    return reply.type(img.contentType).header('cache-control', 'no-store').send(img.bytes);
  });
  r.post('/photos/:id/regions', { config: { access: roles }, schema: { tags, summary: 'Draw a region (confirmed at once and burned in)', params: IdParams, body: RegionInput, response: { 201: Photo } } }, async (req, reply) => reply.code(201).send(await addRegion({ ctx: ctxOf(req), photoId: req.params.id, input: req.body })));
  r.patch('/photos/:id/regions/:regionId', { config: { access: roles }, schema: { tags, summary: 'Confirm a region, or dismiss it with a reason (for a plate: the rule 59 decision)', params: RegionParams, body: RegionDecision, response: { 200: Photo } } }, async (req) => decideRegion({ ctx: ctxOf(req), photoId: req.params.id, regionId: req.params.regionId, input: req.body }));
  r.post('/photos/:id/proposals', { config: { access: roles }, schema: { tags, summary: 'Run the automatic proposals again', params: IdParams, response: { 202: Photo } } }, async (req, reply) => reply.code(202).send(requeueProposals({ ctx: ctxOf(req), id: req.params.id })));

  await app.register(feedRoutes);
}

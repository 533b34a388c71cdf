// Member dealers' routes (issue #5 §5-7): the listing feed and its images (each fetch a logged
// disclosure and an APPI Art. 29 provision record), and the opt-outs they pass on (compliance may
// record and withdraw them too).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { disclosePhoto } from './gate/disclose-photo.js';
import { listFeed } from './gate/list-feed.js';
import { listPhotoOptOuts } from './opt-outs/list-opt-outs.js';
import { recordPhotoOptOut } from './opt-outs/record-opt-out.js';
import { withdrawPhotoOptOut } from './opt-outs/withdraw-opt-out.js';
import { Feed, FeedQuery, IdParams, OptOutInput, OptOutQuery, PhotoOptOut, RenditionParams, WithdrawInput } from './schemas.js';

const optOutRoles = ['dealer', 'compliance'] as const;

export async function feedRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['photo-feed'];
  r.get('/photo-feed', { config: { access: ['dealer'] }, schema: { tags, summary: 'Photos that may be disclosed now (regions resolved and burned in, no never-publish region, no opt-out)', querystring: FeedQuery, response: { 200: Feed } } }, async (req) => listFeed({ ctx: ctxOf(req), query: req.query }));
  r.get('/photo-feed/:id/:rendition', { config: { access: ['dealer'] }, schema: { tags, summary: 'A disclosable rendition (logged as a disclosure; a provision record is written)', params: RenditionParams } }, async (req, reply) => {
    const img = await disclosePhoto({ ctx: ctxOf(req), id: req.params.id, rendition: req.params.rendition });
    return reply.type(img.contentType).header('cache-control', 'no-store').send(img.bytes);
  });
  r.post('/photo-opt-outs', { config: { access: optOutRoles }, schema: { tags, summary: 'Record an opt-out passed on by a dealer (subject, scopes, date received, note)', body: OptOutInput, response: { 201: z.object({ optOuts: z.array(PhotoOptOut) }) } } }, async (req, reply) => reply.code(201).send(recordPhotoOptOut({ ctx: ctxOf(req), input: req.body })));
  r.get('/photo-opt-outs', { config: { access: optOutRoles }, schema: { tags, summary: 'Opt-outs with their history (a dealer sees their own)', querystring: OptOutQuery, response: { 200: z.object({ optOuts: z.array(PhotoOptOut) }) } } }, async (req) => listPhotoOptOuts({ ctx: ctxOf(req), query: req.query }));
  r.post('/photo-opt-outs/:id/withdraw', { config: { access: optOutRoles }, schema: { tags, summary: 'Record that the person withdrew the opt-out (history kept)', params: IdParams, body: WithdrawInput, response: { 200: PhotoOptOut } } }, async (req) => withdrawPhotoOptOut({ ctx: ctxOf(req), id: req.params.id, input: req.body }));
}

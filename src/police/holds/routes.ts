// 差止め routes: thin adapters.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../plugins/context.js';
import { COMPLIANCE, COMPLIANCE_READERS } from '../internal.js';
import { createHold } from './create-hold.js';
import { listHolds } from './list-holds.js';
import { releaseHold } from './release-hold.js';
import * as S from './schemas.js';

const params = z.strictObject({ id: z.string().min(1).max(64) });

export async function holdRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['police'];
  r.post('/police/holds', { config: { access: COMPLIANCE }, schema: { tags, summary: 'Record a 差止め (≤ 30 days; a longer one is a new order): blocks sale, return and disposal', body: S.CreateHold, response: { 201: S.Hold } } }, async (req, reply) =>
    reply.code(201).send(createHold({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/police/holds', { config: { access: COMPLIANCE_READERS }, schema: { tags, summary: 'Holds (default: in force today)', querystring: S.HoldQuery, response: { 200: z.object({ items: z.array(S.Hold) }) } } }, async (req) => ({
    items: listHolds({ ctx: ctxOf(req), status: req.query.status }),
  }));
  r.post('/police/holds/:id/release', { config: { access: COMPLIANCE }, schema: { tags, summary: 'Record that the police lifted a hold', params, body: S.ReleaseHold, response: { 200: S.Hold } } }, async (req) =>
    releaseHold({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );
}

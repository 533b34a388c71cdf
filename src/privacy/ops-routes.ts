// Leak incidents and the retention purge.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { createIncident, getIncident, listIncidents } from './incidents/create-incident.js';
import * as I from './incidents/schemas.js';
import { listPurgeRuns } from './purge/list-runs.js';
import { PURGE_ROLES, runPurge } from './purge/run-purge.js';
import * as U from './purge/schemas.js';
import * as S from './schemas.js';

const compliance = ['compliance'] as const;

export async function opsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];

  r.post('/privacy/incidents', { config: { access: compliance }, schema: { tags, summary: 'Record a leak incident; answers whether it must be reported to the PPC and by when (APPI Art. 26)', body: I.CreateIncident, response: { 201: I.Incident } } }, async (req, reply) =>
    reply.code(201).send(createIncident({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/privacy/incidents', { config: { access: compliance }, schema: { tags, summary: 'Leak incidents', response: { 200: z.object({ items: z.array(I.Incident) }) } } }, async (req) => ({ items: listIncidents({ ctx: ctxOf(req) }) }));
  r.get('/privacy/incidents/:id', { config: { access: compliance }, schema: { tags, summary: 'One leak incident with its triage', params: S.IdParams, response: { 200: I.Incident } } }, async (req) => getIncident({ ctx: ctxOf(req), id: req.params.id }));
  r.post('/privacy/purge', { config: { access: PURGE_ROLES }, schema: { tags, summary: 'Run the retention purge now, or list what it would take (dryRun); 409 while another run holds the lock', body: U.RunPurge, response: { 200: U.PurgeReport } } }, async (req) =>
    runPurge({ ctx: ctxOf(req), dryRun: req.body.dryRun, trigger: 'api' }),
  );
  r.get('/privacy/purge/runs', { config: { access: PURGE_ROLES }, schema: { tags, summary: 'Retention purge runs (counts only)', response: { 200: z.object({ items: z.array(U.PurgeRun) }) } } }, async (req) => ({ items: listPurgeRuns({ ctx: ctxOf(req) }) }));
}

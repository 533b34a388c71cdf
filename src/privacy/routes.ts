// Privacy (APPI) routes: thin adapters — validate, build ctx, call one verb. Requests are taken by
// staff at the counter or by compliance; only compliance answers them. The register, consent and
// operations routes live in their own plugins, registered from here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { downloadDisclosure } from './disclosure/download-disclosure.js';
import { grantDisclosure } from './disclosure/grant-disclosure.js';
import { executeRequest } from './erase/execute-request.js';
import { ANSWER_ROLES, INTAKE_ROLES } from './internal.js';
import { opsRoutes } from './ops-routes.js';
import { registerRoutes } from './register-routes.js';
import { applyCorrection } from './requests/apply-correction.js';
import { closeRequest } from './requests/close-request.js';
import { createRequest } from './requests/create-request.js';
import { getRequest, listRequests } from './requests/list-requests.js';
import * as S from './schemas.js';

export async function privacyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];
  const id = { params: S.IdParams };

  r.post('/privacy/requests', { config: { access: INTAKE_ROLES }, schema: { tags, summary: 'Receive a data-subject request (APPI Arts. 32-35): identity confirmation required, due in 14 days; the answer never says whether the person is a customer', body: S.CreateRequest, response: { 201: S.PrivacyRequest } } }, async (req, reply) =>
    reply.code(201).send(createRequest({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/privacy/requests', { config: { access: INTAKE_ROLES }, schema: { tags, summary: 'List requests; overdue=true lists open requests past their due date', querystring: S.ListRequests, response: { 200: z.object({ items: z.array(S.PrivacyRequest) }) } } }, async (req) => ({
    items: listRequests({ ctx: ctxOf(req), query: req.query }),
  }));
  r.get('/privacy/requests/:id', { config: { access: INTAKE_ROLES }, schema: { tags, summary: 'Get a request: state, due date, outcome', ...id, response: { 200: S.PrivacyRequest } } }, async (req) => getRequest({ ctx: ctxOf(req), id: req.params.id }));
  r.post('/privacy/requests/:id/disclosures', { config: { access: ANSWER_ROLES }, schema: { tags, summary: 'Grant a disclosure: packet (JSON + Japanese PDF) of everything held, incl. third-party provision records; answers the request', ...id, response: { 201: S.Disclosure } } }, async (req, reply) =>
    reply.code(201).send(await grantDisclosure({ ctx: ctxOf(req), requestId: req.params.id })),
  );
  r.get('/privacy/disclosures/:id/download', { config: { access: ANSWER_ROLES }, schema: { tags, summary: 'Download one copy of a disclosure (json or pdf), once per grant (audited)', ...id, querystring: S.DownloadQuery } }, async (req, reply) => {
    const f = await downloadDisclosure({ ctx: ctxOf(req), id: req.params.id, format: req.query.format });
    return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.bytes);
  });
  r.post('/privacy/requests/:id/corrections', { config: { access: ANSWER_ROLES }, schema: { tags, summary: 'Answer a correction request: the customer record and the named ledger entries are corrected, history kept', ...id, body: S.Correction, response: { 200: S.PrivacyRequest } } }, async (req) =>
    applyCorrection({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/privacy/requests/:id/execute', { config: { access: ANSWER_ROLES }, schema: { tags, summary: 'Answer a deletion / cessation request: erase or stop what the law allows, refuse ledger data inside retention with the date it can go, register an opt-out', ...id, response: { 200: S.PrivacyRequest } } }, async (req) =>
    executeRequest({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.post('/privacy/requests/:id/close', { config: { access: ANSWER_ROLES }, schema: { tags, summary: 'Close a request: purpose notice given, refused with a reason, or withdrawn', ...id, body: S.CloseRequest, response: { 200: S.PrivacyRequest } } }, async (req) =>
    closeRequest({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );

  await app.register(registerRoutes);
  await app.register(opsRoutes);
}

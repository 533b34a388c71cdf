// The third-party provision register, opt-outs, marketing consent and the marketing export.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { exportMarketing } from './consent/export-marketing.js';
import { getConsent, setConsent } from './consent/set-consent.js';
import { createOptOut } from './opt-outs/register-opt-out.js';
import { revokeOptOut } from './opt-outs/revoke-opt-out.js';
import { exportProvisions } from './provisions/export-provisions.js';
import { listProvisions } from './provisions/list-provisions.js';
import { createProvision } from './provisions/record-provision.js';
import * as P from './provisions/schemas.js';
import * as S from './schemas.js';

const counter = ['staff', 'compliance'] as const;
const compliance = ['compliance'] as const;

export async function registerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];
  const id = { params: S.IdParams };

  r.post('/privacy/provisions', { config: { access: counter }, schema: { tags, summary: 'Record a provision of personal data to a third party (APPI Art. 29); exempt recipients (police, processors, successors) are not recorded', body: P.ProvisionInput, response: { 200: P.ProvisionOutcome, 201: P.ProvisionOutcome } } }, async (req, reply) => {
    const out = createProvision({ ctx: ctxOf(req), input: req.body });
    return reply.code(out.recorded ? 201 : 200).send(out);
  });
  r.get('/privacy/provisions', { config: { access: compliance }, schema: { tags, summary: 'The third-party provision register (police provisions are not in it)', querystring: P.ListProvisions, response: { 200: z.object({ items: z.array(P.ProvisionRecord) }) } } }, async (req) => ({
    items: listProvisions({ ctx: ctxOf(req), query: req.query }),
  }));
  r.get('/privacy/provisions/export', { config: { access: compliance }, schema: { tags, summary: 'Export the register as CSV or JSON (audited)', querystring: P.ExportProvisions } }, async (req, reply) => {
    const f = exportProvisions({ ctx: ctxOf(req), query: req.query });
    return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.filename}"`).header('cache-control', 'no-store').send(f.body);
  });
  r.post('/privacy/customers/:id/opt-outs', { config: { access: counter }, schema: { tags, summary: 'Register that the customer opts out of third-party provision', ...id, response: { 201: S.OptOut } } }, async (req, reply) =>
    reply.code(201).send(createOptOut({ ctx: ctxOf(req), customerId: req.params.id })),
  );
  r.post('/privacy/opt-outs/:id/revoke', { config: { access: compliance }, schema: { tags, summary: 'Revoke an opt-out the person has withdrawn', ...id, response: { 200: S.OptOut } } }, async (req) => revokeOptOut({ ctx: ctxOf(req), id: req.params.id }));
  r.get('/privacy/customers/:id/marketing-consent', { config: { access: counter }, schema: { tags, summary: "A customer's marketing consent history and opt-out state", ...id, response: { 200: S.Consent } } }, async (req) =>
    getConsent({ ctx: ctxOf(req), customerId: req.params.id }),
  );
  r.put('/privacy/customers/:id/marketing-consent', { config: { access: counter }, schema: { tags, summary: 'Record marketing consent given or withdrawn on a date', ...id, body: S.SetConsent, response: { 200: S.Consent } } }, async (req) =>
    setConsent({ ctx: ctxOf(req), customerId: req.params.id, input: req.body }),
  );
  r.get('/privacy/marketing-export', { config: { access: compliance }, schema: { tags, summary: 'Pseudonymised marketing export of consenting customers (download only; no third-party target)', querystring: S.MarketingExportQuery, response: { 200: S.MarketingExport } } }, async (req, reply) => {
    const body = await exportMarketing({ ctx: ctxOf(req) });
    return reply.header('content-disposition', 'attachment; filename="marketing-export.json"').header('cache-control', 'no-store').send(body);
  });
}

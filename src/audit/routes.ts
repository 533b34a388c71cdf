import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../plugins/context.js';
import { requireRole } from '../shared/context.js';
import { listAuditEntries } from './list-entries.js';
import { AuditPage, AuditQuery, VerifyResult } from './schemas.js';
import { verifyAuditChain } from './verify.js';

const access = ['compliance', 'admin'] as const;

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/audit', { config: { access }, schema: { tags: ['audit'], summary: 'List audit entries (newest first, cursor pages)', querystring: AuditQuery, response: { 200: AuditPage } } }, async (req) =>
    listAuditEntries({ ctx: ctxOf(req), query: req.query }),
  );
  r.get('/audit/verify', { config: { access }, schema: { tags: ['audit'], summary: 'Verify the whole hash chain; names the first broken entry', response: { 200: VerifyResult } } }, async (req) => {
    const ctx = ctxOf(req);
    requireRole(ctx.actor, access);
    return verifyAuditChain(ctx.db);
  });
}

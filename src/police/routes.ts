// Police work (DOMAIN §1.5, §2.2; rules 32-38): inquiries and packets, 品触れ, 差止め, 不正品
// reports, the dashboard and the packet signing key. Registered once in app.ts. At start, packet
// jobs cut short by a previous stop are marked failed; on close, running jobs are awaited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES } from '../plugins/auth.js';
import { ctxOf } from '../plugins/context.js';
import { SYSTEM_ACTOR } from '../shared/context.js';
import { Dashboard, getDashboard } from './dashboard.js';
import { drainJobs } from './exports/jobs.js';
import { recoverExports } from './exports/recover-exports.js';
import { holdRoutes } from './holds/routes.js';
import { inquiryRoutes } from './inquiries/routes.js';
import { COMPLIANCE_READERS } from './internal.js';
import { noticeRoutes } from './notices/routes.js';
import { getSigningKey } from './packet/use-signing-key.js';
import { reportRoutes } from './reports/routes.js';

export async function policeRoutes(app: FastifyInstance) {
  const { db, config, deps } = app.daicho;
  recoverExports({ ...deps, db, config, actor: SYSTEM_ACTOR, requestId: null, log: app.log });
  // preClose runs before any onClose hook, in particular before app.ts closes the database.
  app.addHook('preClose', async () => drainJobs(db));

  await app.register(inquiryRoutes);
  await app.register(noticeRoutes);
  await app.register(holdRoutes);
  await app.register(reportRoutes);

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['police'];
  r.get('/police/dashboard', { config: { access: COMPLIANCE_READERS }, schema: { tags, summary: 'Open 品触れ matches, holds, report tasks and inquiries with their ages', response: { 200: Dashboard } } }, async (req) =>
    getDashboard({ ctx: ctxOf(req) }),
  );
  r.get(
    '/police/signing-key',
    {
      config: { access: ALL_ROLES },
      schema: {
        tags,
        summary: "The dealer's Ed25519 public key that signs police packets",
        response: { 200: z.object({ algorithm: z.literal('Ed25519'), publicKeyPem: z.string(), fingerprint: z.string(), signs: z.string() }) },
      },
    },
    async (req) => getSigningKey({ ctx: ctxOf(req) }),
  );
}

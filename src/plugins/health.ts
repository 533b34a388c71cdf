// /health: the process is alive. /ready: the database is open and migrated and, when OCR is on,
// the workers are warm. Load balancers route traffic on /ready.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMigrated } from '../db/client.js';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({ status: z.enum(['ready', 'not_ready']), checks: z.record(z.string(), z.boolean()) });

export async function healthRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    { config: { access: 'public' }, schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['ops'], summary: 'Readiness', response: { 200: Ready, 503: Ready } },
    },
    async (_req, reply) => {
      const { db, deps, config } = app.daicho;
      const checks: Record<string, boolean> = { database: isMigrated(db) };
      if (config.OCR_ENABLED) checks.ocr = deps.ocr?.isReady() ?? false;
      const ok = Object.values(checks).every(Boolean);
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
    },
  );
}

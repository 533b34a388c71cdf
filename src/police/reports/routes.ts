// 不正品申告 routes: thin adapters.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../plugins/context.js';
import { REPORTERS } from '../internal.js';
import { completeReport } from './complete-report.js';
import { readReport } from './get-report.js';
import { printReport } from './print-report.js';
import * as S from './schemas.js';

const params = z.strictObject({ id: z.string().min(1).max(64) });
const Pdf = z.unknown().meta({ type: 'string', format: 'binary', description: 'PDF bytes' });

export async function reportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['police'];
  r.post('/police/suspicion-reports', { config: { access: REPORTERS }, schema: { tags, summary: 'Complete a 不正品 report task (Act 15(3)): when, whom, how, what', body: S.CompleteReport, response: { 201: S.SuspicionReport } } }, async (req, reply) =>
    reply.code(201).send(completeReport({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/police/suspicion-reports/:id', { config: { access: ['staff', 'compliance', 'admin'] }, schema: { tags, summary: 'A suspicion report', params, response: { 200: S.SuspicionReport } } }, async (req) =>
    readReport({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.get(
    '/police/suspicion-reports/:id/pdf',
    { config: { access: REPORTERS }, schema: { tags, summary: 'Printable 不正品申告記録 (audited)', params, response: { 200: { description: 'The report as a PDF', content: { 'application/pdf': { schema: Pdf } } } } } },
    async (req, reply) => {
      const out = await printReport({ ctx: ctxOf(req), id: req.params.id });
      return reply.header('content-disposition', `attachment; filename="${out.filename}"`).type('application/pdf').send(out.pdf);
    },
  );
}

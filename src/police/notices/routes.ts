// 品触れ routes: thin adapters. The CSV import takes the file as the body (text/csv, UTF-8).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../plugins/context.js';
import { COMPLIANCE, COMPLIANCE_READERS } from '../internal.js';
import { deleteNotice } from './delete-notice.js';
import { importNotices } from './import-notices.js';
import { getNotice, listNotices } from './list-notices.js';
import { registerNotice } from './register-notice.js';
import { resolveMatch } from './resolve-match.js';
import * as S from './schemas.js';

const params = z.strictObject({ id: z.string().min(1).max(64) });

export async function noticeRoutes(app: FastifyInstance) {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['police'];

  r.post('/police/notices', { config: { access: COMPLIANCE }, schema: { tags, summary: 'Register a 品触れ (arrival date required); matches current holdings at once', body: S.RegisterNotice, response: { 201: S.Notice } } }, async (req, reply) =>
    reply.code(201).send(registerNotice({ ctx: ctxOf(req), input: req.body })),
  );
  r.post(
    '/police/notices/import',
    {
      config: { access: COMPLIANCE },
      schema: { tags, summary: 'Import 品触れ from CSV (all or nothing; layout in src/police/notices/NOTICE-CSV.md)', consumes: ['text/csv'], body: z.string().min(1), response: { 201: S.ImportResult } },
    },
    async (req, reply) => reply.code(201).send(importNotices({ ctx: ctxOf(req), csv: req.body })),
  );
  r.get('/police/notices', { config: { access: COMPLIANCE_READERS }, schema: { tags, summary: 'List 品触れ', querystring: S.NoticeQuery, response: { 200: z.object({ items: z.array(S.NoticeSummary) }) } } }, async (req) => ({
    items: listNotices({ ctx: ctxOf(req), active: req.query.active === undefined ? undefined : req.query.active === 'true' }),
  }));
  r.get('/police/notices/:id', { config: { access: COMPLIANCE_READERS }, schema: { tags, summary: 'A 品触れ with its items and match tasks', params, response: { 200: S.Notice } } }, async (req) =>
    getNotice({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.delete('/police/notices/:id', { config: { access: COMPLIANCE }, schema: { tags, summary: 'Delete a 品触れ after its 6 months (409 before)', params, response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }) } } }, async (req) =>
    deleteNotice({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.post('/police/notice-matches/:id/resolve', { config: { access: COMPLIANCE }, schema: { tags, summary: 'Resolve a match: reported (when, station, officer) or false_positive (reason)', params, body: S.ResolveMatch, response: { 200: S.NoticeMatch } } }, async (req) =>
    resolveMatch({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );
}

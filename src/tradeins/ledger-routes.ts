// Ledger read routes (古物台帳: list, search, print). Thin adapters: validate, build ctx, call one verb.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../plugins/context.js';
import * as S from './ledger-schemas.js';
import { LEDGER_READERS, listLedger } from './list-ledger.js';
import { printLedger } from './print-ledger.js';
import { searchLedger } from './search-ledger.js';

export async function ledgerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ledger'];
  const access = LEDGER_READERS;

  r.get(
    '/ledger',
    { config: { access }, schema: { tags, summary: "A store's ledger for a period (one row per item; cursor pages)", querystring: S.LedgerListQuery, response: { 200: S.LedgerPage } } },
    async (req) => listLedger({ ctx: ctxOf(req), query: req.query }),
  );

  r.get(
    '/ledger/search',
    {
      config: { access },
      schema: { tags, summary: 'Find ledger rows by identifier, or by name and date of birth', querystring: S.LedgerSearchQuery, response: { 200: S.LedgerSearchResult } },
    },
    async (req) => searchLedger({ ctx: ctxOf(req), query: req.query }),
  );

  r.get(
    '/ledger/print',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Printable ledger (PDF, 別記様式第15号) for up to 3 years; audited',
        querystring: S.LedgerPrintQuery,
        response: { 200: { description: 'The ledger as a PDF attachment', content: { 'application/pdf': { schema: S.LedgerPdf } } } },
      },
    },
    async (req, reply) => {
      const out = await printLedger({ ctx: ctxOf(req), query: req.query });
      // A Buffer payload is sent as is: Fastify does not run the response serializer on it.
      return reply.header('content-disposition', `attachment; filename="${out.filename}"`).type('application/pdf').send(out.pdf);
    },
  );
}

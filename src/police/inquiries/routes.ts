// Inquiry and packet routes: thin adapters — validate, build ctx, call one verb.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../plugins/context.js';
import { createExport } from '../exports/create-export.js';
import { downloadExport } from '../exports/download-export.js';
import { getExport, listProvisions } from '../exports/get-export.js';
import { COMPLIANCE, COMPLIANCE_READERS } from '../internal.js';
import { approveInquiry } from './approve-inquiry.js';
import { closeInquiry } from './close-inquiry.js';
import { createInquiry } from './create-inquiry.js';
import { getInquiryView, listInquiries } from './list-inquiries.js';
import * as S from './schemas.js';
import { searchInquiry } from './search-inquiry.js';
import { selectMatches } from './select-matches.js';
import { updateInquiry } from './update-inquiry.js';

const params = z.strictObject({ id: z.string().min(1).max(64) });
const Zip = z.unknown().meta({ type: 'string', format: 'binary', description: 'ZIP bytes (BagIt)' });
const Provision = z.object({
  id: z.string(),
  inquiryId: z.string(),
  exportId: z.string(),
  agency: z.string(),
  station: z.string(),
  officerName: z.string(),
  referenceNumber: z.string(),
  legalBasis: z.string(),
  legalBasisText: z.string().nullable(),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  providedBy: z.string().nullable(),
  providedAt: z.string(),
  dataItems: z.array(z.string()),
  records: z.array(z.string()),
  packetSha256: z.string(),
});

export async function inquiryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['police'];
  const access = COMPLIANCE;

  r.post('/police/inquiries', { config: { access }, schema: { tags, summary: 'Record a police inquiry (legal basis, requester, criteria)', body: S.CreateInquiry, response: { 201: S.Inquiry } } }, async (req, reply) =>
    reply.code(201).send(createInquiry({ ctx: ctxOf(req), input: req.body })),
  );
  r.get('/police/inquiries', { config: { access }, schema: { tags, summary: 'List inquiries', querystring: S.InquiryQuery, response: { 200: z.object({ items: z.array(S.InquirySummary) }) } } }, async (req) => ({
    items: listInquiries({ ctx: ctxOf(req), status: req.query.status }),
  }));
  r.get('/police/inquiries/:id', { config: { access }, schema: { tags, summary: 'An inquiry with its matches and packets', params, response: { 200: S.Inquiry } } }, async (req) =>
    getInquiryView({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.patch('/police/inquiries/:id', { config: { access }, schema: { tags, summary: 'Correct an inquiry before approval (drops its matches)', params, body: S.UpdateInquiry, response: { 200: S.Inquiry } } }, async (req) =>
    updateInquiry({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/police/inquiries/:id/search', { config: { access }, schema: { tags, summary: 'Match the criteria against the ledger; 422 when nothing matches', params, response: { 200: S.Inquiry } } }, async (req) =>
    searchInquiry({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.put('/police/inquiries/:id/selection', { config: { access }, schema: { tags, summary: 'Choose the matches that go into the answer', params, body: S.Selection, response: { 200: S.Inquiry } } }, async (req) =>
    selectMatches({ ctx: ctxOf(req), id: req.params.id, itemIds: req.body.itemIds }),
  );
  r.post('/police/inquiries/:id/approve', { config: { access }, schema: { tags, summary: 'Approve the disclosure (four eyes: not the person who recorded the inquiry)', params, response: { 200: S.Inquiry } } }, async (req) =>
    approveInquiry({ ctx: ctxOf(req), id: req.params.id }),
  );
  r.post('/police/inquiries/:id/close', { config: { access }, schema: { tags, summary: 'Close an inquiry (answered, no_records, withdrawn, declined)', params, body: S.CloseInquiry, response: { 200: S.Inquiry } } }, async (req) =>
    closeInquiry({ ctx: ctxOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/police/inquiries/:id/exports', { config: { access }, schema: { tags, summary: 'Generate the signed packet of an approved inquiry (a job; poll the export)', params, response: { 202: S.Export } } }, async (req, reply) =>
    reply.code(202).send(createExport({ ctx: ctxOf(req), inquiryId: req.params.id })),
  );
  r.get('/police/exports/:id', { config: { access }, schema: { tags, summary: 'Packet job state and progress', params, response: { 200: S.Export } } }, async (req) => getExport({ ctx: ctxOf(req), id: req.params.id }));
  r.get(
    '/police/exports/:id/download',
    {
      config: { access },
      schema: { tags, summary: 'Download the packet (audited; the first download is entered in the police provision log)', params, response: { 200: { description: 'The packet', content: { 'application/zip': { schema: Zip } } } } },
    },
    async (req, reply) => {
      const out = await downloadExport({ ctx: ctxOf(req), id: req.params.id });
      return reply.header('content-disposition', `attachment; filename="${out.filename}"`).header('x-content-sha256', out.sha256).header('content-length', out.size).type('application/zip').send(out.stream);
    },
  );
  r.get('/police/provisions', { config: { access: COMPLIANCE_READERS }, schema: { tags, summary: 'Internal police provision log (rule 38; not the APPI register)', response: { 200: z.object({ items: z.array(Provision) }) } } }, async (req) => ({
    items: listProvisions({ ctx: ctxOf(req) }),
  }));
}

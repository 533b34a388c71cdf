// ID document routes. Upload is multipart: one image part `file` plus optional text fields
// (storeId, tradeinId, type, side). The image is read into memory (bounded by UPLOAD_LIMIT): the
// unmasked original never touches the disk.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../plugins/context.js';
import { ValidationError } from '../shared/errors.js';
import { acknowledgeMismatches, deleteIdDocument, getIdDocument, viewIdDocumentImage } from './document-access.js';
import { DOCUMENT_TYPES, type DocumentSide, type DocumentType } from './ocr/fields.js';
import { uploadIdDocument } from './upload-document.js';

const roles = ['staff', 'compliance'] as const;
const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
const Field = z.object({ value: z.unknown(), confidence: z.number(), source: z.string() });
export const IdDocument = z.object({
  id: z.string(),
  storeId: z.string(),
  tradeinId: z.string().nullable(),
  documentType: z.string(),
  side: z.string(),
  fields: z.record(z.string(), Field),
  validations: z.array(z.object({ code: z.string(), ok: z.boolean(), message: z.string() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  maskedRegions: z.array(z.object({ kind: z.string(), bbox: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }) })),
  crossCheck: z.object({ mismatches: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })), acknowledgementRequired: z.boolean(), acknowledgedAt: z.string().nullable() }),
  imageStored: z.boolean(),
  createdAt: z.string(),
});

const TEXT_FIELDS = new Set(['storeId', 'tradeinId', 'type', 'side']);

export async function identityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['id-documents'];

  r.post('/id-documents', { config: { access: roles }, schema: { tags, summary: 'Upload one side of an ID document (multipart: file + storeId|tradeinId, optional type and side); answers the fields, validations, warnings and the regions masked', consumes: ['multipart/form-data'], response: { 201: IdDocument } } }, async (req, reply) => {
    if (!req.isMultipart()) throw new ValidationError('multipart_required', 'Send the image as multipart/form-data.', [{ path: 'body', code: 'multipart_required', message: 'multipart/form-data' }]);
    const fields: Record<string, string> = {};
    let image: Buffer | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || image) throw new ValidationError('unexpected_file', 'Send exactly one file part named "file".', [{ path: part.fieldname, code: 'unexpected', message: 'one part named file' }]);
        image = await part.toBuffer();
      } else {
        if (!TEXT_FIELDS.has(part.fieldname)) throw new ValidationError('validation_failed', 'Unknown form field.', [{ path: part.fieldname, code: 'unrecognized_keys', message: 'unknown field' }]);
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!image) throw new ValidationError('file_required', 'The image file is missing.', [{ path: 'file', code: 'required', message: 'required' }]);
    const type = fields.type as DocumentType | undefined;
    if (type && !DOCUMENT_TYPES.includes(type)) throw new ValidationError('validation_failed', 'Unknown document type.', [{ path: 'type', code: 'invalid_value', message: `one of ${DOCUMENT_TYPES.join(', ')}` }]);
    const side = fields.side as DocumentSide | undefined;
    if (side && !['front', 'back'].includes(side)) throw new ValidationError('validation_failed', 'Unknown side.', [{ path: 'side', code: 'invalid_value', message: 'front or back' }]);
    const view = await uploadIdDocument({ ctx: ctxOf(req), input: { image, storeId: fields.storeId, tradeinId: fields.tradeinId, typeHint: type, side } });
    return reply.code(201).send(view);
  });
  r.get('/id-documents/:id', { config: { access: roles }, schema: { tags, summary: 'Extracted fields and checks of a stored ID document', params: IdParams, response: { 200: IdDocument } } }, async (req) => getIdDocument({ ctx: ctxOf(req), id: req.params.id }));
  r.get('/id-documents/:id/image', { config: { access: roles }, schema: { tags, summary: 'The masked image (every view is audited)', params: IdParams } }, async (req, reply) => {
    const { bytes, contentType } = await viewIdDocumentImage({ ctx: ctxOf(req), id: req.params.id });
    return reply.type(contentType).header('cache-control', 'no-store').send(bytes);
  });
  r.post('/id-documents/:id/acknowledge', { config: { access: roles }, schema: { tags, summary: 'Acknowledge mismatches between the document and the declared counterparty', params: IdParams, response: { 200: IdDocument } } }, async (req) => acknowledgeMismatches({ ctx: ctxOf(req), id: req.params.id }));
  r.delete('/id-documents/:id', { config: { access: roles }, schema: { tags, summary: 'Delete an ID document (refused while it is retained evidence)', params: IdParams, response: { 200: z.object({ id: z.string(), deleted: z.boolean() }) } } }, async (req) => deleteIdDocument({ ctx: ctxOf(req), id: req.params.id }));
}

// Reads one side of an ID document: OCR, document type, fields, validations, then masking of what
// the law forbids storing — all in memory. Only the masked image is written (encrypted), after the
// row and its audit entry commit. A refused upload (a My Number card back, an unreadable image)
// stores nothing.
import { emitAudit } from '../audit/emit.js';
import { getVisibleStore } from '../admin/internal.js';
import { writeTx } from '../db/client.js';
import { idDocuments } from '../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../shared/context.js';
import { UnavailableError, ValidationError } from '../shared/errors.js';
import { myNumberFields } from '../shared/forbidden-numbers.js';
import { newId } from '../shared/ids.js';
import { inspectImage } from '../shared/images.js';
import { tokyoDate } from '../shared/japanese.js';
import { getVisibleTradein } from '../tradeins/internal.js';
import { crossCheck, type Declared } from './cross-check.js';
import { extractDocument } from './ocr/extract.js';
import type { DocumentSide, DocumentType } from './ocr/fields.js';
import { type IdDocumentView, toIdDocumentView } from './view.js';

export interface UploadInput {
  image: Buffer;
  storeId?: string;
  tradeinId?: string;
  typeHint?: DocumentType;
  side?: DocumentSide;
}

export async function uploadIdDocument({ ctx, input }: { ctx: Ctx; input: UploadInput }): Promise<IdDocumentView> {
  requireRole(ctx.actor, ['staff', 'compliance']);
  const tradein = input.tradeinId ? getVisibleTradein(ctx.db, ctx.actor, input.tradeinId) : null;
  const storeId = tradein?.storeId ?? input.storeId;
  if (!storeId) throw new ValidationError('store_required', 'Give the trade-in or the store the document belongs to.', [{ path: 'storeId', code: 'required', message: 'storeId or tradeinId' }]);
  getVisibleStore(ctx.db, ctx.actor, storeId);
  const info = await inspectImage(input.image, { maxPixels: ctx.config.MAX_IMAGE_PIXELS });
  if (!ctx.ocr) throw new UnavailableError('ocr_unavailable', 'OCR is not running on this server.');
  const transactionDate = tradein?.businessDate ?? tokyoDate(ctx.clock.now());
  const result = await extractDocument({ engine: ctx.ocr, image: input.image, hint: { type: input.typeHint, side: input.side }, transactionDate });
  if (result.refused) {
    // 番号法: the back of a My Number card is never stored, not even masked (DOMAIN rule 47).
    throw new ValidationError(result.refused.code, 'This document side may not be stored: it carries a number the law forbids keeping.', [{ path: 'file', code: result.refused.code, message: 'refused before storage' }]);
  }
  if (!result.maskedImage) throw new ValidationError('no_document_found', 'No ID document could be read in the image.', [{ path: 'file', code: 'no_document_found', message: 'nothing readable' }]);
  // Belt and braces: extraction scrubs numbers already; a survivor means a bug, and we refuse.
  if (myNumberFields(result.document.fields, 'fields').length) throw new ValidationError('my_number_forbidden', 'A My Number was found in the extracted fields.');
  const declared: Declared | null = tradein ? { name: tradein.cpName, address: tradein.cpAddress, dateOfBirth: tradein.cpDateOfBirth } : null;
  const mismatches = crossCheck(result.document, declared);
  const staged = await ctx.blobs.stage(result.maskedImage);
  const row = {
    id: newId(),
    storeId,
    tradeinId: tradein?.id ?? null,
    documentType: result.document.type,
    side: result.document.side,
    blobKey: staged.key,
    sha256: staged.sha256,
    width: info.width,
    height: info.height,
    extraction: JSON.stringify(result.document),
    crossCheck: JSON.stringify(mismatches),
    acknowledgedAt: null,
    acknowledgedBy: null,
    createdBy: ctx.actor.userId,
    createdAt: nowIso(ctx),
    anonymizedAt: null,
  };
  try {
    writeTx(ctx.db, (tx) => {
      tx.insert(idDocuments).values(row).run();
      emitAudit(
        tx,
        ctx,
        { action: 'id_document.create', details: { documentType: row.documentType, side: row.side, tradeinId: row.tradeinId, maskedRegions: result.document.maskedRegions.length, sha256: staged.sha256, fields: Object.keys(result.document.fields).sort() } },
        { entityType: 'id_document', entityId: row.id, storeId },
      );
    });
  } catch (err) {
    await staged.discard();
    throw err;
  }
  await staged.publish();
  return toIdDocumentView(row);
}

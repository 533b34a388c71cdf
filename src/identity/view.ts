import type { idDocuments } from '../db/schema/index.js';
import type { Mismatch } from './cross-check.js';
import type { ExtractedDocument, ExtractedField } from './ocr/fields.js';

export type IdDocumentRow = typeof idDocuments.$inferSelect;

export function toIdDocumentView(row: IdDocumentRow) {
  const ex = JSON.parse(row.extraction) as ExtractedDocument;
  const mismatches = JSON.parse(row.crossCheck) as Mismatch[];
  return {
    id: row.id,
    storeId: row.storeId,
    tradeinId: row.tradeinId,
    documentType: row.documentType,
    side: row.side,
    fields: (ex.fields ?? {}) as Record<string, ExtractedField<unknown>>,
    validations: ex.validations ?? [],
    warnings: ex.warnings ?? [],
    maskedRegions: ex.maskedRegions ?? [],
    crossCheck: { mismatches, acknowledgementRequired: mismatches.length > 0 && !row.acknowledgedAt, acknowledgedAt: row.acknowledgedAt },
    imageStored: !!row.blobKey,
    createdAt: row.createdAt,
  };
}
export type IdDocumentView = ReturnType<typeof toIdDocumentView>;

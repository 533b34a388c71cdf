// Where a record's images come from. Today one source: the masked ID document images stored
// with the trade-in (規則15条3項4・5・7・8号; DOMAIN rules 16, 29, 37), never the unmasked ones
// (they are never stored). Item photos (issue #5) are a second source returning kind
// 'item_photo' rows: add it to DEFAULT_IMAGE_SOURCES and they appear in records.pdf,
// records.json, records.csv and as files, with no other change.
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { idDocuments, photos } from '../../db/schema/index.js';
import { DOCUMENTS, type DocumentType } from '../../tradeins/rules/index.js';
import type { RecordImage } from './types.js';

export type ImageSource = (db: Db, record: { tradeinId: string; itemId: string }) => RecordImage[];

export const idDocumentImages: ImageSource = (db, record) =>
  db
    .select()
    .from(idDocuments)
    .where(and(eq(idDocuments.tradeinId, record.tradeinId), isNotNull(idDocuments.blobKey), isNull(idDocuments.anonymizedAt)))
    .orderBy(asc(idDocuments.createdAt), asc(idDocuments.id))
    .all()
    .map((d) => ({
      kind: 'id_document' as const,
      sourceId: d.id,
      blobKey: d.blobKey!,
      sha256: d.sha256,
      width: d.width,
      height: d.height,
      documentType: d.documentType,
      documentTypeLabel: DOCUMENTS[d.documentType as DocumentType]?.label ?? d.documentType,
      side: d.side,
      file: null,
    }));

// images (#5): the item's photos as received — the evidence originals, not the redacted
// renditions (a provision to the police under 法令, Art. 27(1)(1), not a listing).
export const itemPhotoImages: ImageSource = (db, record) =>
  db
    .select()
    .from(photos)
    .where(and(eq(photos.itemId, record.itemId), isNotNull(photos.originalBlobKey), isNull(photos.anonymizedAt)))
    .orderBy(asc(photos.createdAt), asc(photos.id))
    .all()
    .map((p) => ({
      kind: 'item_photo' as const,
      sourceId: p.id,
      blobKey: p.originalBlobKey!,
      sha256: p.originalSha256,
      width: p.width,
      height: p.height,
      documentType: null,
      documentTypeLabel: null,
      side: null,
      file: null,
    }));

export const DEFAULT_IMAGE_SOURCES: ImageSource[] = [idDocumentImages, itemPhotoImages];

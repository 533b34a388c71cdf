// The common output of ID-document extraction. Every parser returns an ExtractedDocument so the
// verification flow, the ledger and the audit log see one shape whatever the document was.
// Field values are already scrubbed of My Numbers (番号法 19-20条, rule 48) by extract.ts.

import type { BBox } from './engine.js';
import type { Span } from './parse-text.js';

export type DocumentType =
  | 'DRIVERS_LICENSE'
  | 'MY_NUMBER_CARD'
  | 'RESIDENCE_CARD'
  | 'PASSPORT'
  | 'HEALTH_INSURANCE_CARD'
  | 'QUALIFICATION_CERTIFICATE'
  | 'RESIDENT_RECORD'
  | 'UNKNOWN';

export type DocumentSide = 'front' | 'back' | 'unknown';

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'DRIVERS_LICENSE',
  'MY_NUMBER_CARD',
  'RESIDENCE_CARD',
  'PASSPORT',
  'HEALTH_INSURANCE_CARD',
  'QUALIFICATION_CERTIFICATE',
  'RESIDENT_RECORD',
];

export interface ExtractedField<T = string> {
  value: T;
  /** 0-1: mean OCR confidence of the words read, lowered when validation fails. */
  confidence: number;
  /** 'label': found after its printed label; 'shape': found by what the value looks like. */
  source: 'label' | 'shape';
}

export interface DocumentFields {
  name?: ExtractedField;
  nameKana?: ExtractedField;
  address?: ExtractedField;
  /** ISO dates (YYYY-MM-DD), converted from era dates where printed so. */
  dateOfBirth?: ExtractedField;
  issueDate?: ExtractedField;
  expiryDate?: ExtractedField;
  /** Never set for a My Number card (rule 58) or a health insurance card (rule 51). */
  documentNumber?: ExtractedField;
  licenceClasses?: ExtractedField<string[]>;
  nationality?: ExtractedField;
  /** 'M' | 'F' (or 'X' from an MRZ). */
  sex?: ExtractedField;
  /** 在留資格 on a residence card; 本人/家族 on an insurance card. */
  status?: ExtractedField;
}

export type FieldName = keyof DocumentFields;

export interface Validation {
  code: string;
  ok: boolean;
  message: string;
}

export interface Warning {
  code: string;
  message: string;
}

// resident_code: 住民票コード, whose collection by businesses 住民基本台帳法 restricts (利用制限);
// masked as a precaution next to the 個人番号 on a 住民票の写し.
export type MaskKind = 'my_number' | 'insurance_number' | 'resident_code' | 'qr_code';

export interface MaskedRegion {
  kind: MaskKind;
  bbox: BBox;
}

export interface ExtractedDocument {
  type: DocumentType;
  side: DocumentSide;
  fields: DocumentFields;
  validations: Validation[];
  warnings: Warning[];
  maskedRegions: MaskedRegion[];
}

/** What a parser returns before extract.ts adds validations that need the transaction date. */
export interface ParsedDocument {
  fields: DocumentFields;
  validations: Validation[];
  warnings: Warning[];
}

export function emptyParsed(): ParsedDocument {
  return { fields: {}, validations: [], warnings: [] };
}

/**
 * Where in the OCR text a field was read from (not part of the output): extract.ts re-reads the
 * words of low-confidence fields. Kept aside so the field objects stay plain data.
 */
export const fieldSpans = new WeakMap<object, Span[]>();

export function field<T>(value: T, confidence: number, source: 'label' | 'shape'): ExtractedField<T> {
  return { value, confidence: Math.max(0, Math.min(1, Math.round(confidence * 1000) / 1000)), source };
}

/** Fields read below this confidence get a warning so a clerk re-checks them against the card. */
export const LOW_CONFIDENCE = 0.6;

export function lowConfidenceWarnings(fields: DocumentFields): Warning[] {
  const out: Warning[] = [];
  for (const [name, f] of Object.entries(fields) as Array<[FieldName, ExtractedField<unknown>]>) {
    if (f && f.confidence < LOW_CONFIDENCE) {
      out.push({ code: 'low_confidence_field', message: `${name} was read with low confidence; check it against the document.` });
    }
  }
  return out;
}

/** Labels as recorded in the ledger (rule 58: a My Number card is recorded by its type, no number). */
export const DOCUMENT_LABEL_JA: Record<DocumentType, string> = {
  DRIVERS_LICENSE: '運転免許証',
  MY_NUMBER_CARD: '個人番号カード',
  RESIDENCE_CARD: '在留カード',
  PASSPORT: '旅券',
  HEALTH_INSURANCE_CARD: '健康保険証',
  QUALIFICATION_CERTIFICATE: '資格確認書',
  RESIDENT_RECORD: '住民票の写し',
  UNKNOWN: '不明',
};

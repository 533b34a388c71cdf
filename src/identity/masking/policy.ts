// Refuse or mask? A My Number card BACK is refused before storage (番号法 19-20条, rule 47), unless
// the tenant allows capturing the back for an address update, in which case the number is masked in
// memory first. Everything else is masked (a no-op when nothing forbidden is on it).

import { ValidationError } from '../../shared/errors.js';
import type { DocumentSide, DocumentType } from '../ocr/fields.js';

export type CaptureDecision =
  | { action: 'refuse'; code: 'my_number_back_refused'; message: string }
  | { action: 'mask' };

export interface CapturePolicy {
  /** Tenant setting: accept the back of a My Number card with its number masked (rule 47). */
  allowMyNumberBackCapture?: boolean;
}

export const MY_NUMBER_BACK_MESSAGE =
  'The back of a My Number card (個人番号カード) cannot be accepted: it shows the 個人番号, which may not be collected or stored. Please present the front only.';

export function decideCapture(doc: { type: DocumentType; side: DocumentSide }, policy: CapturePolicy = {}): CaptureDecision {
  if (doc.type === 'MY_NUMBER_CARD' && doc.side === 'back' && !policy.allowMyNumberBackCapture) {
    return { action: 'refuse', code: 'my_number_back_refused', message: MY_NUMBER_BACK_MESSAGE };
  }
  return { action: 'mask' };
}

/** The error a verb throws for a refused back side (400, code my_number_back_refused). */
export class MyNumberBackRefusedError extends ValidationError {
  constructor() {
    super('my_number_back_refused', MY_NUMBER_BACK_MESSAGE);
  }
}

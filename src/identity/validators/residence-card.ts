// 在留カード number, DOMAIN §5.4 and rule 57: 2 letters + 8 digits + 2 letters (specimen
// AB12345678CD). No public check digit exists, so none is applied; validity can only be confirmed
// online (在留カード等番号失効情報照会), and the number is not a stable customer key.

import { normalizeIdentifier } from '../../shared/japanese.js';

const RESIDENCE_CARD_NUMBER = /^[A-Z]{2}\d{8}[A-Z]{2}$/;

export interface ResidenceCardNumberResult {
  ok: boolean;
  normalized: string;
}

export function validateResidenceCardNumber(s: string): ResidenceCardNumberResult {
  const normalized = normalizeIdentifier(s);
  return { ok: RESIDENCE_CARD_NUMBER.test(normalized), normalized };
}

// Checks that need the transaction date or the masking result, run by extract.ts after a parser:
// expiry (rules 55, 57), paper health insurance cards after 2025-12-01 (rule 53), residence card
// number format (rule 57), age from the date of birth (rule 40: 18 on the day is an adult),
// and that what the law forbids storing was actually located and masked (rules 50, 51).

import { ageOn, isIsoDate } from '../../shared/japanese.js';
import { validateResidenceCardNumber } from '../validators/residence-card.js';
import type { ExtractedDocument, Validation, Warning } from './fields.js';

/** Last day a paper/plastic 健康保険証 could be valid (DOMAIN §4): from 2025-12-02 it is expired as ID. */
export const INSURANCE_CARD_LAST_VALID = '2025-12-01';

const NEEDS_EXPIRY = new Set(['DRIVERS_LICENSE', 'MY_NUMBER_CARD', 'RESIDENCE_CARD', 'PASSPORT', 'QUALIFICATION_CERTIFICATE']);

export function validateExtracted(
  doc: ExtractedDocument,
  transactionDate: string,
  opts: { myNumberPrinted?: boolean } = {},
): { validations: Validation[]; warnings: Warning[] } {
  const v: Validation[] = [];
  const w: Warning[] = [];
  const f = doc.fields;
  const expiry = f.expiryDate?.value;
  if (expiry && isIsoDate(expiry)) {
    // Valid through the printed day (…まで有効): expired only when it lies before the transaction date.
    const ok = expiry >= transactionDate;
    v.push({ code: 'document_not_expired', ok, message: ok ? 'The document is within its validity period.' : 'The document expired before the transaction date.' });
  } else if (NEEDS_EXPIRY.has(doc.type)) {
    w.push({ code: 'expiry_not_read', message: 'The expiry date could not be read; check it on the document.' });
  }
  if (doc.type === 'HEALTH_INSURANCE_CARD') {
    // Rule 53: no paper/plastic card is valid after 2025-12-01, whatever it prints. Default: reject.
    const ok = transactionDate <= INSURANCE_CARD_LAST_VALID;
    v.push({
      code: 'insurance_card_valid_as_id',
      ok,
      message: ok ? 'Paper/plastic health insurance cards are valid until 2025-12-01.' : 'Paper/plastic health insurance cards expired as ID on 2025-12-01 (use a 資格確認書 or another document).',
    });
  }
  if (doc.type === 'RESIDENCE_CARD') {
    const n = f.documentNumber?.value;
    const ok = n ? validateResidenceCardNumber(n).ok : false;
    v.push({ code: 'residence_card_number_format', ok, message: ok ? 'Residence card number has the format AA00000000AA.' : 'Residence card number is missing or not in the format AA00000000AA.' });
    w.push({ code: 'residence_card_online_check', message: 'Check the card number and validity online (在留カード等番号失効情報照会) and record the result.' });
  }
  const dob = f.dateOfBirth?.value;
  if (dob && isIsoDate(dob) && isIsoDate(transactionDate)) {
    if (dob > transactionDate) {
      v.push({ code: 'date_of_birth_plausible', ok: false, message: 'The date of birth lies after the transaction date: probably misread.' });
    } else if (ageOn(dob, transactionDate) < 18) {
      w.push({ code: 'under_18', message: 'The person is under 18 on the transaction date.' });
    }
  }
  const masked = (k: string) => doc.maskedRegions.some((r) => r.kind === k);
  if (doc.type === 'RESIDENT_RECORD' && opts.myNumberPrinted) {
    // Rule 50: acceptance requires the printed 個人番号 to be masked.
    const ok = masked('my_number');
    v.push({ code: 'my_number_masked', ok, message: ok ? 'The printed 個人番号 was masked.' : 'A 個人番号 is printed but could not be located to mask: do not store this image.' });
  }
  if (doc.type === 'HEALTH_INSURANCE_CARD' || doc.type === 'QUALIFICATION_CERTIFICATE') {
    const ok = masked('insurance_number');
    v.push({ code: 'insurance_numbers_masked', ok, message: ok ? 'Insurer and insured numbers were masked.' : 'The insurance numbers could not be located to mask: mask them by hand or do not store this image.' });
  }
  return { validations: v, warnings: w };
}

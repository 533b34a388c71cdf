// My Numbers out of OCR text and every extracted field before anything is stored or logged
// (番号法 19-20条, rule 48). scrubMyNumbers handles the 4-4-4 shapes; OCR also produces one digit
// per word (`1 2 3 4 …`), which is collapsed and checked here too.

import { identifierSpans, insideSpan, myNumberCheckDigit, scrubMyNumbers } from '../validators/my-number.js';
import type { DocumentFields, ExtractedField } from '../ocr/fields.js';

// 12 digits with at most one separator between each: catches tesseract's spaced digits.
const SPACED = /(?<![\d])\d(?:[\s-]?\d){11}(?![\d])/gu;

export function scrubText(text: string): { text: string; count: number } {
  const first = scrubMyNumbers(text);
  let count = first.count;
  const ids = identifierSpans(first.text);
  const result = first.text.replace(SPACED, (m, offset: number) => {
    if (insideSpan(ids, offset)) return m;
    const d = m.replace(/\D/g, '');
    if (myNumberCheckDigit(d.slice(0, 11)) !== Number(d[11])) return m;
    count++;
    return m.replace(/\d/g, '*');
  });
  return { text: result, count };
}

/** Scrubs every string value of a document's fields in place; returns how many were found. */
export function scrubFields(fields: DocumentFields, except: Array<keyof DocumentFields> = []): number {
  let count = 0;
  for (const [k, f] of Object.entries(fields) as Array<[keyof DocumentFields, ExtractedField<unknown> | undefined]>) {
    if (!f || except.includes(k)) continue;
    if (typeof f.value === 'string') {
      const s = scrubText(f.value);
      count += s.count;
      f.value = s.text;
    } else if (Array.isArray(f.value)) {
      f.value = f.value.map((v) => {
        const s = scrubText(String(v));
        count += s.count;
        return s.text;
      });
    }
  }
  return count;
}

// The My Number (個人番号) may not be collected or stored outside the purposes of 番号法 (Arts.
// 15, 19, 20), and consent does not make it lawful (DOMAIN §3, rule 48). Every write that takes
// free text runs this first: a 12-digit number with a valid My Number check digit is refused,
// naming the field, before anything is written. Record ids (UUIDs) and hex digests are skipped by
// the scanner.
import { findMyNumbers } from '../identity/validators/my-number.js';
import { type FieldIssue, ValidationError } from './errors.js';

export function myNumberFields(value: unknown, path: string, out: FieldIssue[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    if (findMyNumbers(value).length > 0) {
      out.push({ path, code: 'my_number_forbidden', message: 'contains a My Number (個人番号), which must never be stored' });
    }
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) myNumberFields(v, path ? `${path}.${i}` : String(i), out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) myNumberFields(v, path ? `${path}.${k}` : k, out);
  }
  return out;
}

export function assertNoMyNumber(value: unknown, path = ''): void {
  const issues = myNumberFields(value, path);
  if (issues.length) {
    throw new ValidationError('my_number_forbidden', 'A My Number (個人番号) must never be stored: remove it from the listed fields.', issues);
  }
}

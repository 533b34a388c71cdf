// Recall of the automatic proposals on the contacts screenshot, against contacts-contacts.json
// (names → numbers). A truth value counts as found when a proposal of the right kind read it, up
// to OCR noise: names within 25% edits (accents folded; the truth file itself spells some names as
// its own OCR read them), numbers within 2 digit edits.
import type { Proposal } from '../../src/images/regions/kinds.js';

export const digits = (s: string) => s.replace(/\D/g, '');
const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

export function contactsRecall(truth: Record<string, string>, proposals: Proposal[]) {
  const names = proposals.filter((p) => p.kind === 'name_or_address').map((p) => fold(p.text ?? ''));
  const phones = proposals.filter((p) => p.kind === 'phone_number').map((p) => digits(p.text ?? ''));
  const nameMissed = Object.keys(truth).filter((n) => !names.some((p) => editDistance(p, fold(n)) <= Math.max(1, Math.floor(fold(n).length / 4))));
  const phoneMissed = Object.values(truth).filter((n) => !phones.some((p) => editDistance(p, n) <= 2));
  const total = Object.keys(truth).length;
  return { names: { total, found: total - nameMissed.length, missed: nameMissed }, phones: { total, found: total - phoneMissed.length, missed: phoneMissed } };
}

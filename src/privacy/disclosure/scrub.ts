// Last line of defence for the disclosure packet: it never carries a My Number (番号法19条: giving
// it out is not a permitted case, even to the person through this channel) or a health-insurance
// number (健康保険法194条の2). Inputs refuse them at the door, but a legacy or hand-fixed row could
// still hold one: every string is scanned and masked (never dropped, so the person sees that
// something was withheld), and the caller checks again that none survived.
import { myNumberCheckDigit, scrubMyNumbers } from '../../identity/validators/my-number.js';

// A number written next to an insurance label (保険者番号 12345678, 記号・番号 1234-56).
const INSURANCE = /(保険者番号|被保険者(?:等)?(?:記号)?[・･]?番号|被保険者記号|記号[・･]番号|枝番)(\s*[:：]?\s*)([0-9０-９][0-9０-９\s\-‐－ー・･]*)/gu;
// Twelve digits with single separators, as OCR and hand entry write them (1234 5678 9018).
const SPACED = /(?<!\d)\d(?:[\s-]?\d){11}(?!\d)/gu;

export function scrubString(s: string): { text: string; count: number } {
  const my = scrubMyNumbers(s);
  let count = my.count;
  let text = my.text.replace(SPACED, (m) => {
    const d = m.replace(/\D/g, '');
    if (myNumberCheckDigit(d.slice(0, 11)) !== Number(d[11])) return m;
    count++;
    return m.replace(/\d/g, '*');
  });
  text = text.replace(INSURANCE, (_m, label: string, sep: string, digits: string) => {
    count++;
    return `${label}${sep}${digits.replace(/[0-9０-９]/gu, '*')}`;
  });
  return { text, count };
}

/** A deep copy with every string scrubbed, and how many numbers were masked. */
export function scrubDeep<T>(value: T): { value: T; masked: number } {
  let masked = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = scrubString(v);
      masked += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value) as T, masked };
}

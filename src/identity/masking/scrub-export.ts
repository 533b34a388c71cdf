// Last line of defence for everything that leaves the shop — police packets (DOMAIN rule 37) and
// data-subject disclosure copies: never a My Number (番号法19条: providing it is not a permitted
// case) nor a health-insurance number (健康保険法194条の2: 告知要求制限). Inputs refuse them at
// the door, but a legacy or hand-fixed row could still hold one: every string passes through here
// and is masked, never dropped, so the reader sees that something was withheld.
import { scrubText } from './scrub-text.js';

// A number written next to an insurance label (保険者番号 12345678, 記号・番号 1234-56). Only
// these labels: a bare 番号 is also the plate's 登録番号 and the licence number.
const INSURANCE = /(保険者番号|被保険者(?:等)?(?:記号)?[・･]?番号|被保険者記号|記号[・･]番号|枝番)(\s*[:：]?\s*)([0-9０-９][0-9０-９\s\-‐－ー・･]*)/gu;

export function scrubString(s: string): { text: string; count: number } {
  const my = scrubText(s);
  let count = my.count;
  const text = my.text.replace(INSURANCE, (_m, label: string, sep: string, digits: string) => {
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

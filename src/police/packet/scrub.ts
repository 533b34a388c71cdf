// Last line of defence for DOMAIN rule 37: a police packet never carries a My Number (番号法
// 19条: providing it to the police for a 古物 inquiry is not among the permitted cases) or a
// health-insurance number (健康保険法194条の2: 告知要求制限). Inputs refuse them at the door and
// the packet takes only allow-listed fields, but legacy or hand-fixed rows could still hold one:
// every string that goes into the packet passes through here and is masked, never dropped, so
// the police see that something was withheld.
import { scrubText } from '../../identity/masking/scrub-text.js';

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

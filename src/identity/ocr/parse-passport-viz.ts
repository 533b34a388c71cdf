// The passport's visual inspection zone (VIZ): bilingual labels (`姓/Surname`) with the value on the
// same line or the line below, dates as `08 APR 2023`. It supplies the issue date, which the MRZ
// lacks, and stands in for MRZ fields whose check digit failed or that could not be read at all.

import { type ExtractedField, field } from './fields.js';
import { labelRe } from './parse-labels.js';
import { type DocText, findAll } from './parse-text.js';

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12,
  // French/Spanish/German forms printed after the slash on many data pages
  FEV: 2, AVR: 4, MAI: 5, JUI: 7, AOU: 8, DEZ: 12, ENE: 1, ABR: 4, AGO: 8, DIC: 12, OKT: 10, MRT: 3,
};
const EN_MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

/**
 * A month token, or one a letter off an English month (`TEB`, `OCR` for OCT) when only one month
 * is that near: the month is printed in capitals of one font, and OCR trades single letters in it
 * (T/F, R/T). `JUX` (JUN or JUL) and `MAX` (MAR or MAY) stay unread.
 */
export function monthOf(token: string): number | undefined {
  if (MONTHS[token]) return MONTHS[token];
  const near = EN_MONTHS.filter((m) => [...m].filter((c, i) => c !== token[i]).length === 1);
  return near.length === 1 ? EN_MONTHS.indexOf(near[0]!) + 1 : undefined;
}

const VIZ_DATE = /(\d{1,2})\s*([A-Za-z]{3})[A-Za-z]*(?:\s*\/\s*[A-Za-z]{3,4})?\s*(\d{4})/g;

/** Every `01 APR 2021` / `01 APR/AVR 2021` on a line, as ISO, in order. */
export function vizDates(s: string): string[] {
  const out: string[] = [];
  for (const m of s.toUpperCase().replace(/(?<=\d)O|O(?=\d)/g, '0').matchAll(VIZ_DATE)) {
    const month = monthOf(m[2]!);
    if (!month) continue;
    const iso = `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    const d = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso)) out.push(iso);
  }
  return out;
}

export function parseVizDate(s: string): string | null {
  return vizDates(s)[0] ?? null;
}

const lineConf = (viz: DocText, l: number) => {
  const w = viz.lines[l]?.words ?? [];
  return w.reduce((a, x) => a + x.confidence, 0) / Math.max(1, w.length) / 100;
};

/**
 * A value after a label: on the label's line after it, else on the next line. Two columns share
 * a row of labels and a row of values, so on the next line the value taken is the one whose
 * x-position is nearest the label's.
 */
function after<T>(viz: DocText, label: RegExp, pick: (s: string) => T | null): { value: T; conf: number } | null {
  for (const hit of findAll(viz, label)) {
    const same = pick((viz.lines[hit.line]?.text ?? '').slice(hit.end).replace(/^[/／\s]*[A-Za-z. ]*?(?=[A-Z\d]{2})/u, ''));
    if (same !== null) return { value: same, conf: lineConf(viz, hit.line) };
    const next = viz.lines[hit.line + 1];
    if (!next) continue;
    const labelX = viz.lines[hit.line]!.words[viz.lines[hit.line]!.wordOf[hit.start] ?? 0]?.bbox.x0 ?? 0;
    // Start reading the value line at the word closest to the label's left edge.
    let bestChar = 0;
    let bestDist = Infinity;
    next.wordOf.forEach((w, i) => {
      const d = w >= 0 ? Math.abs((next.words[w]?.bbox.x0 ?? 0) - labelX) : Infinity;
      if (d < bestDist && (i === 0 || next.wordOf[i - 1] !== w)) [bestDist, bestChar] = [d, i];
    });
    const v = pick(next.text.slice(bestChar)) ?? pick(next.text);
    if (v !== null) return { value: v, conf: lineConf(viz, hit.line + 1) };
  }
  return null;
}

/** Latin capitals (2+ letters per word, not the label's own words such as `Given name`). */
const latin = (s: string) => {
  const m = /(?:^|[^A-Za-z])([A-Z]{2,}[A-Z'-]*(?: [A-Z]{2,}[A-Z'-]*)*)(?![a-z])/.exec(s);
  return m && !/^(SURNAME|GIVEN|NAME|TYPE|JAPAN$)/.test(m[1]!) ? m[1]! : null;
};

export interface VizFields {
  surname?: { value: string; conf: number };
  givenNames?: { value: string; conf: number };
  documentNumber?: ExtractedField;
  dateOfBirth?: ExtractedField;
  issueDate?: ExtractedField;
  /** Every VIZ date in reading order, for when the labels were lost. */
  allDates: ExtractedField[];
  /** A lone M or F opening a line (the sex value under a lost label). */
  sexShape?: ExtractedField;
  expiryDate?: ExtractedField;
  sex?: ExtractedField;
  nationality?: ExtractedField;
}

export function readViz(viz: DocText): VizFields {
  const out: VizFields = { allDates: [] };
  const f = <T>(r: { value: T; conf: number } | null) => (r ? field(r.value, r.conf, 'label') : undefined);
  out.surname = after(viz, /surname|姓/iu, latin) ?? undefined;
  out.givenNames = after(viz, /given\s*names?|(?<![氏姓])名(?![称前])/iu, latin) ?? undefined;
  // Japanese passport numbers: 2 letters + 7 digits (DOMAIN §5.3: common, not official).
  const num = after(viz, new RegExp(`${labelRe('旅券番号').source}|passport\\s*no`, 'iu'), (s) => /(?:^|[^A-Z0-9])([A-Z]{2}\s?\d{7})(?!\d)/.exec(` ${s}`)?.[1]?.replace(/\s/g, '') ?? null);
  // Without its label: the number's shape on a line that is not the MRZ.
  const shaped = num ?? viz.lines.map((l, i) => {
    const m = l.text.includes('<') ? null : /(?<![A-Z0-9])([A-Z]{2}\d{7})(?!\d)/.exec(l.text);
    return m ? { value: m[1]!, conf: lineConf(viz, i) * 0.9 } : null;
  }).find(Boolean) ?? null;
  out.documentNumber = f(shaped);
  viz.lines.forEach((l, i) => {
    if (l.text.includes('<')) return;
    for (const iso of vizDates(l.text)) out.allDates.push(field(iso, lineConf(viz, i) * 0.9, 'shape'));
    const sx = /^([MF])(?:\s|$)/.exec(l.text);
    if (sx && !out.sexShape) out.sexShape = field(sx[1]!, lineConf(viz, i) * 0.8, 'shape');
  });
  out.dateOfBirth = f(after(viz, new RegExp(`${labelRe('生年月日').source}|date\\s*of\\s*birth`, 'iu'), parseVizDate));
  out.issueDate = f(after(viz, new RegExp(`${labelRe('発行年月日').source}|date\\s*of\\s*issue`, 'iu'), parseVizDate));
  out.expiryDate = f(after(viz, new RegExp(`${labelRe('有効期間満了日').source}|date\\s*of\\s*expiry`, 'iu'), parseVizDate));
  out.sex = f(after(viz, /性別|\bsex\b/iu, (s) => /^\s*([MF])(?![A-Za-z])/.exec(s)?.[1] ?? null));
  if (/JAPAN|日本国/u.test(viz.lines.map((l) => l.text).join('\n'))) out.nationality = field('JPN', 0.9, 'label');
  return out;
}

// Passport data page (DOMAIN §5.3, rules 23, 56). Fields come from the MRZ (check-digit verified)
// read by parse-mrz-band.ts; the issue date, which the MRZ lacks, from the visual zone. Every
// MRZ check digit is reported as its own validation. No passport proves an address: those applied
// for from 2020-02-04 have no address field, older ones only a self-written one (rule 23).

import { states } from 'mrz';
import { addYears, isIsoDate } from '../../shared/japanese.js';
import type { MrzChecks } from '../validators/mrz.js';
import { type DocumentFields, type ParsedDocument, emptyParsed, field } from './fields.js';
import { type MrzRead, cleanMrzLine, isMrzNameField } from './parse-mrz.js';
import { type VizFields, readViz } from './parse-passport-viz.js';
import { type DocText, editDistance } from './parse-text.js';

export { parseVizDate } from './parse-passport-viz.js';

/**
 * The MRZ name has no check digit, and tesseract turns `<` into K (`ANNA<KMARIA`). A word that
 * starts with such a K is read without it when the visual zone prints it so.
 */
/**
 * Surname and given names of an MRZ name line, fillers between words as spaces. The name ends at
 * the first run of 3+ fillers: stray marks after it are not part of it. A lone letter after the
 * given names is a misread filler (`HINA<S<<<`).
 */
function mrzNameParts(nameLine: string): [surname: string, given: string] {
  const body = nameLine.slice(5).split(/<{3,}/)[0]!.replace(/(?<=[A-Z]{2})<[A-Z]$/, '');
  const [surname = '', ...given] = body.split('<<');
  return [surname.replace(/</g, ' ').trim(), given.join(' ').replace(/</g, ' ').trim()];
}

function mrzName(nameLine: string, v: VizFields): string {
  const name = mrzNameParts(nameLine).filter(Boolean).join(' ');
  const vs = v.surname?.value;
  const vg = v.givenNames?.value;
  // A name line that is not letters-and-fillers was misread; the visual zone prints it large.
  // Where one reading contains the other (`SAWADA HINA S`, `SEGAWA` for HASEGAWA), the VIZ one,
  // whole and without stray letters, is taken.
  const clean = /^[A-Z<]{5}/.test(nameLine) && isMrzNameField(nameLine.slice(5));
  const flat = (x: string) => x.replace(/[^A-Z]/g, '');
  if (vs && vg) {
    const viz = `${vs} ${vg}`;
    const [a, b] = [flat(name), flat(viz)];
    // The MRZ's letters all in the VIZ reading, in order: the MRZ lost some (thin I's).
    let at = 0;
    const lost = a !== b && [...a].every((c) => {
      at = b.indexOf(c, at) + 1;
      return at > 0;
    });
    if (!clean || lost || (a !== b && (a.startsWith(b) || b.endsWith(a)))) return viz;
  }
  const vizWords = new Set(`${vs ?? ''} ${vg ?? ''}`.split(/\s+/).filter(Boolean));
  return name.split(' ').map((w) => (/^K./.test(w) && !vizWords.has(w) && vizWords.has(w.slice(1)) ? w.slice(1) : w)).join(' ');
}

/**
 * A name word the MRZ reading got wrong, set right by two other readings that agree. The MRZ name
 * has no check digit, so a letter lost, doubled or misread there goes unnoticed; but the same
 * page was read twice more by the first (Japanese) pass: the printed name in the visual zone, and
 * the MRZ name line itself. A word of the MRZ reading that neither shows, where both show the same
 * word one edit away (two from four letters: HNAS for HINA), is replaced by that word. One
 * witness is not enough: a misread VIZ alone never overrides the MRZ, with one exception: a word
 * of either other reading that is the MRZ's with one or two I's more after its first letter. I is
 * OCR-B's narrowest glyph and the one a dark or blurred MRZ loses (YUKE for YUKIE, MSAK for
 * MISAKI, YU for YUI).
 */
function repairNameWords(name: string, viz: DocText): string {
  const vizWords = new Set<string>();
  const mrzWords = new Set<string>();
  for (const line of viz.lines) {
    if (/<{2}/.test(line.text.replace(/\s+/g, ''))) {
      // The MRZ name line as the first pass read it, cleaned as any MRZ line is (an `l` is an I,
      // filler runs restored): words between fillers, `P<JPN` prefix dropped. A name line holds
      // letters only, so a 0 in it is an O and a 1 an I (`SAEMONSABUR0`); the other MRZ line,
      // dates and numbers, is left as read.
      let clean = cleanMrzLine(line.text).replace(/^P.?<?[A-Z]{3}/, '');
      if ((clean.match(/\d/g) ?? []).length <= 3) clean = clean.replace(/0/g, 'O').replace(/1/g, 'I');
      for (const w of clean.split(/[^A-Z]+/)) if (w.length >= 2) mrzWords.add(w);
      continue;
    }
    // VIZ: each Latin word, and each pair of neighbours joined (`Yu KIE` for YUKIE). The name is
    // printed in capitals, so a lower-case l is a misread I (`Yul`), as in the MRZ.
    const ws = line.text.replace(/l/g, 'I').toUpperCase().split(/[^A-Z]+/).filter(Boolean);
    ws.forEach((w, i) => {
      vizWords.add(w);
      if (i > 0) vizWords.add(ws[i - 1]! + w);
    });
  }
  return name.split(' ').map((w) => {
    if (vizWords.has(w) || mrzWords.has(w)) return w;
    const near = (c: string) => editDistance(w, c) <= (Math.max(w.length, c.length) >= 4 ? 2 : 1);
    const agreed = [...mrzWords].filter((c) => vizWords.has(c) && near(c));
    if (agreed.length === 1) return agreed[0]!;
    const lostIs = [...new Set([...vizWords, ...mrzWords])].filter((c) => c.length - w.length <= 2 && withIsInserted(w, c));
    return lostIs.length === 1 ? lostIs[0]! : w;
  }).join(' ');
}

/**
 * Whether `longer` is `word` with one or more I's inserted after its first letter and nothing else
 * changed. Not before it, nor beside another I: a card's edge or a rule in front of a word is read
 * as an I too (`IIGARASHI` in a visual zone, the MRZ right with IGARASHI). On seeds 1-110 of
 * bench:ocr, allowing a last I as well (MSAK → MISAKI) gained one name and lost none.
 */
function withIsInserted(word: string, longer: string): boolean {
  if (longer.length <= word.length) return false;
  let i = 0;
  for (let j = 0; j < longer.length; j++) {
    const c = longer[j];
    if (c === word[i]) i++;
    else if (c !== 'I' || i === 0 || longer[j - 1] === 'I' || longer[j + 1] === 'I') return false;
  }
  return i === word.length;
}

/**
 * Whether an MRZ reading can stand without a dedicated read of its band (eng, whitelist: 0.13-0.18
 * s warm, more when an attempt fails): every check digit validates, so the number, dates and their
 * composite are as good as a second read would make them; and the name, which has no check digit,
 * agrees letter for letter with the name the visual zone prints, two readings of different print
 * that cannot share a misread.
 */
export function mrzStandsAlone(mrz: MrzRead, viz: DocText): boolean {
  if (!mrz.check.allOk || mrz.check.format !== 'TD3') return false;
  const v = readViz(viz);
  if (!v.surname || !v.givenNames) return false;
  const flat = (x: string) => x.toUpperCase().replace(/[^A-Z]/g, '');
  const [surname, given] = mrzNameParts(mrz.lines[0] ?? '');
  return surname !== '' && flat(surname) === flat(v.surname.value) && flat(given) === flat(v.givenNames.value);
}

const CHECK_NAMES: Record<keyof MrzChecks, string> = {
  documentNumber: 'document number',
  birthDate: 'date of birth',
  expiryDate: 'expiry date',
  personalNumber: 'personal number',
  composite: 'composite',
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The latest issue date of a passport that can still carry an address field. */
export const PASSPORT_NO_ADDRESS_FROM = '2020-02-04';

export function parsePassport(viz: DocText | null, mrz: MrzRead | null): ParsedDocument {
  const out = emptyParsed();
  const f = out.fields;
  const v: VizFields = viz ? readViz(viz) : { allDates: [] };
  if (v.issueDate) f.issueDate = v.issueDate;
  if (!mrz) {
    out.validations.push({ code: 'mrz_read', ok: false, message: 'No machine-readable zone could be read.' });
  } else {
    const c = mrz.check;
    const m = c.fields;
    const read = mrzName(c.format === 'TD1' ? `<<<<<${mrz.lines[2] ?? ''}` : (mrz.lines[0] ?? ''), v);
    const name = viz && read ? repairNameWords(read, viz) : read;
    if (name) f.name = field(name, 0.85, 'shape');
    // A field behind a valid check digit is near-certain; behind a failed one it is misread and
    // left out (the failed validation is reported; the visual zone may stand in below).
    const checked = (k: keyof DocumentFields, value: string | null, ok: boolean | null) => {
      if (value && ok !== false) f[k] = field(value, 0.98, 'shape') as never;
    };
    // A number with a filler inside, or an unknown state code, is a misaligned read: left out.
    checked('documentNumber', m.documentNumber && !m.documentNumber.includes('<') ? m.documentNumber : null, c.checks.documentNumber);
    checked('dateOfBirth', m.birthDate, c.checks.birthDate);
    checked('expiryDate', m.expiryDate, c.checks.expiryDate);
    if (m.sex) f.sex = field(m.sex, 0.9, 'shape');
    if (m.nationality && (states as Record<string, string>)[m.nationality]) f.nationality = field(m.nationality, 0.9, 'shape');
    // Rule 56: every check digit the format has is reported on its own.
    for (const [k, ok] of Object.entries(c.checks) as Array<[keyof MrzChecks, boolean | null]>) {
      if (ok === null) continue;
      out.validations.push({ code: `mrz_${snake(k)}`, ok, message: `MRZ ${CHECK_NAMES[k]} check digit ${ok ? 'validates' : 'does not validate'}.` });
    }
  }
  // Where the MRZ gave nothing, or a value its check digit rejects, the visual zone stands in.
  for (const k of ['documentNumber', 'dateOfBirth', 'expiryDate', 'sex', 'nationality'] as const) {
    const vf = v[k];
    if (vf && (!f[k] || f[k]!.confidence < 0.5)) f[k] = vf;
  }
  // Labels lost as well: the earliest VIZ date is the birth, the latest the expiry.
  const sorted = [...v.allDates].sort((a, b) => a.value.localeCompare(b.value));
  if (!f.dateOfBirth && sorted.length >= 2) f.dateOfBirth = sorted[0];
  if (!f.expiryDate && sorted.length >= 2) f.expiryDate = sorted.at(-1);
  if (!f.sex && v.sexShape) f.sex = v.sexShape;
  // Issue date with its label and day lost: Japanese passports run 5 or 10 years to the day, so
  // expiry − 5/10 years is the issue date when the VIZ shows that month and year.
  if (!f.issueDate && f.expiryDate && viz && isIsoDate(f.expiryDate.value)) {
    const text = viz.lines.map((l) => l.text).join('\n').toUpperCase();
    for (const years of [10, 5]) {
      const iso = addYears(f.expiryDate.value, -years);
      const mon = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][Number(iso.slice(5, 7)) - 1]!;
      if (new RegExp(`${mon}\\s*${iso.slice(0, 4)}`).test(text) && !(f.dateOfBirth?.value.startsWith(iso.slice(0, 7)))) {
        f.issueDate = field(iso, 0.7, 'shape');
        break;
      }
    }
  }
  // Issue date with its label lost: the one VIZ date strictly between birth and expiry.
  if (!f.issueDate && f.dateOfBirth && f.expiryDate) {
    const between = v.allDates.filter((d) => d.value > f.dateOfBirth!.value && d.value < f.expiryDate!.value);
    if (between.length === 1) f.issueDate = between[0];
  }
  if (!f.name && v.surname && v.givenNames) f.name = field(`${v.surname.value} ${v.givenNames.value}`, Math.min(v.surname.conf, v.givenNames.conf), 'label');
  // Rule 23. Without a printed issue date: a 10-year passport expiring from 2030-02-04 was issued
  // from 2020-02-04; otherwise the date is unknown, and an older passport's address is self-written.
  const issued = f.issueDate?.value;
  const expiry = f.expiryDate?.value;
  const noAddressField = (issued && issued >= PASSPORT_NO_ADDRESS_FROM) || (!issued && expiry && expiry >= '2030-02-04');
  out.warnings.push({
    code: 'passport_address_not_proven',
    message: noAddressField
      ? 'Passports issued from 2020-02-04 have no address: ask for a second document or a 補完書類.'
      : 'A passport cannot prove the address on its own (any address in it is self-written): ask for a second document or a 補完書類.',
  });
  return out;
}

// Machine-readable zone (ICAO 9303) from noisy OCR lines. Tesseract reads the OCR-B filler `<` as
// K, L or C and drops or doubles characters, so a line is (1) cleaned, filler runs restored,
// (2) re-aligned on its fixed structure (issuing state at 2-4; date-of-birth/sex/expiry block with
// its check digits on line 2), (3) repaired by position (digits where the format requires digits,
// letters where it requires letters: what the `mrz` package's autocorrect does), and (4) free
// alphanumeric fields get one conservative digit-run repair, kept only if every check validates.
// Validation itself is checkMrz (validators/mrz.ts, rule 56); every check digit is reported.

import { states } from 'mrz';
import { type MrzCheckResult, checkMrz, icaoCheckDigit } from '../validators/mrz.js';
import { byPosition, swapSearch } from './parse-mrz-repair.js';

export interface MrzRead {
  lines: string[];
  check: MrzCheckResult;
  /** Check digits that validated / that the format has: compares attempts. */
  passed: number;
  total: number;
  /** Indexes of the input lines the MRZ was read from (to crop tighter on a retry). */
  rows: number[];
}

// The ICAO specimen state; `D` is Germany (`D<<`).
const STATES = new Set([...Object.keys(states).map((s) => s.padEnd(3, '<')), 'UTO']);

export function cleanMrzLine(s: string): string {
  return s
    .normalize('NFKC')
    // OCR-B has no lower case: an `l` is a misread I (the Japanese model reads YUICHIRO as YUlCHIRO).
    .replace(/l/g, 'I')
    .toUpperCase()
    .replace(/[«‹く〈]/gu, '<')
    .replace(/[^A-Z0-9<]/g, '')
    // Tesseract reads the filler `<` as K, L, C or I. A run of those is filler when it ends the line
    // (3+ long with 2+ `<`), holds 3+ `<` in 4+ chars, or is 6+ long: never `<<KENJI`, whose K
    // starts a name, nor the `I<` of a name filling the line.
    .replace(/[<KLCI]+$/, (r, at: number, all: string) => fillerRun(r, at, all, r.length >= 3 && (r.match(/</g) ?? []).length >= 2))
    .replace(/[<KLCI]{4,}/g, (r, at: number, all: string) => fillerRun(r, at, all, (r.match(/</g) ?? []).length >= 3 || /^[KLC<]{6,}$/.test(r)));
}

/**
 * Turns a run into fillers, except letters at its ends that touch a letter outside it: those
 * belong to the neighbouring name (`YUI<<<<`, `<<<ICHIRO`).
 */
function fillerRun(run: string, at: number, all: string, isFiller: boolean): string {
  if (!isFiller) return run;
  let a = 0;
  let b = run.length;
  // Without any `<` in the run, only its first letter can be the name's last (`MICHAEL` + LKLL).
  const trim = (i: number) => (run.includes('<') ? run[i] !== '<' : i === 0);
  if (/[A-Z]/.test(all[at - 1] ?? '')) while (a < b && trim(a)) a++;
  if (/[A-Z]/.test(all[at + run.length] ?? '')) while (b > a && run[b - 1] !== '<') b--;
  return run.slice(0, a) + '<'.repeat(b - a) + run.slice(b);
}

/** Insert or remove `<` in the longest filler run (the last of equals) until the string has length n. */
export function fitLength(line: string, n: number): string {
  let s = line;
  while (s.length !== n) {
    const run = [...s.matchAll(/<+/g)].sort((a, b) => b[0].length - a[0].length || b.index - a.index)[0];
    if (s.length < n) s = run ? `${s.slice(0, run.index)}<${s.slice(run.index)}` : `${s}<`;
    else s = run ? s.slice(0, run.index) + s.slice(run.index + 1) : s.slice(0, n);
  }
  return s;
}

/** Drops stray marks OCR put before the document code (`CLP<JPN…` → `P<JPN…`). */
function dropLeadingJunk(line: string): string {
  // Only the unambiguous shape `X<SSS` counts (`PCEANMARTIN` is not Morocco's `A<MAR`).
  for (let k = 1; k <= 3; k++) {
    if ('PIACV'.includes(line[k] ?? '') && line[k + 1] === '<' && STATES.has(line.slice(k + 2, k + 5))) return line.slice(k);
  }
  return line;
}

/** Put the issuing state at positions 2-4 (a dropped or doubled char after the document code). */
function alignState(line: string): string {
  const k = [2, 1, 3].find((at) => STATES.has(line.slice(at, at + 3)));
  if (k === undefined || k === 2) return line;
  // Second char of the document code: `<` when dropped, or when one of two chars read is a filler.
  const code2 = k === 1 || /[<KLC]/.test(line[1] ?? '') ? '<' : line[1];
  return line[0] + code2 + line.slice(k);
}

const DG = '[0-9OQDUILTZSGB]';
// nationality, birth date + check, sex, expiry + check: the fixed block of TD2/TD3 line 2.
const BLOCK = new RegExp(`[A-Z<0]{3}${DG}{7}[MFX<]${DG}{7}`, 'g');

function icao(s: string): number | null {
  try {
    return icaoCheckDigit(s);
  } catch {
    return null;
  }
}

/**
 * Document number + check digit to `size` + 1 chars. Too short: padded with `<` before the check
 * digit. Too long: the surplus is dropped from the start, where photo edges leave stray marks.
 * The check digit is NOT used to choose which chars to drop: with ten or so candidates one would
 * pass by chance more often than not, and the composite cannot catch it (its weights over the
 * document number equal the number's own), so a misread would be reported as valid (rule 56).
 */
function alignDocNumber(prefix: string, size = 9): string {
  if (prefix.length === size + 1) return prefix;
  if (prefix.length < size + 1) return prefix.slice(0, -1).padEnd(size, '<') + prefix.slice(-1);
  return prefix.slice(prefix.length - size - 1);
}

function alignLine2(line: string, n: 44 | 36): string {
  const m = [...line.matchAll(BLOCK)].find((x) => x.index >= 6 && x.index <= 14);
  if (!m) return fitLength(line, n);
  const doc = alignDocNumber(line.slice(0, m.index));
  return doc + m[0] + fitLength(line.slice(m.index + m[0].length), n - 28);
}

function alignTd1Line2(line: string): string {
  const m = new RegExp(`${DG}{7}[MFX<]${DG}{7}[A-Z<]{3}`).exec(line);
  if (!m || m.index > 3) return fitLength(line, 30);
  return m[0] + fitLength(line.slice(m.index + m[0].length), 12);
}

type Format = 'TD3' | 'TD2' | 'TD1';
const FORMATS: Array<{ format: Format; n: 44 | 36 | 30; count: number }> = [
  { format: 'TD3', n: 44, count: 2 },
  { format: 'TD2', n: 36, count: 2 },
  { format: 'TD1', n: 30, count: 3 },
];

/**
 * TD1 line 1: a document number shorter than 9 is padded with `<` before its check digit
 * (`IDCHES0002068<8`). When OCR read extra chars into such a number (and the plain reading fails
 * its check), they are dropped as alignDocNumber does.
 */
function alignTd1Line1(line: string): string {
  const m = /^(.{5})([A-Z0-9]{9,11})(<+)(\d)/.exec(line);
  if (!m || icao(line.slice(5, 14)) === Number(line[14])) return fitLength(line, 30);
  const doc = alignDocNumber(m[2]! + m[4]!, 8);
  return fitLength(`${m[1]}${doc.slice(0, -1).padEnd(9, '<')}${doc.slice(-1)}${line.slice(m[0].length)}`, 30);
}

function align(group: string[], format: Format): string[] {
  if (format === 'TD1') return [alignTd1Line1(alignState(group[0]!)), alignTd1Line2(group[1]!), fitLength(group[2]!, 30)];
  const n = format === 'TD3' ? 44 : 36;
  return [fitLength(alignState(group[0]!), n), alignLine2(group[1]!, n)];
}

/** Close to n chars once misread filler runs (which OCR stretches or shrinks) are allowed for. */
function fitsLength(l: string, n: number): boolean {
  const run = Math.max(0, ...[...l.matchAll(/<+/g)].map((m) => m[0].length));
  return l.length >= n - 5 && l.length - Math.max(0, run - 1) <= n + 4;
}

function rank(r: MrzRead): number {
  return (r.check.allOk ? 100 : 0) + (r.total ? (r.passed / r.total) * 10 : 0) + r.passed * 0.1;
}

/**
 * The best of several readings of one MRZ (all check digits first, then the share that validate),
 * the earliest on a tie. A reading none of whose check digits validates is not an MRZ read but
 * lines taken for one (a date line and the number line read as a TD1): never chosen.
 */
export function bestMrz(...reads: Array<MrzRead | null | undefined>): MrzRead | null {
  let best: MrzRead | null = null;
  for (const r of reads) if (r && r.passed > 0 && (!best || rank(r) > rank(best))) best = r;
  return best;
}

/** A name field read cleanly: surname, `<<`, given names, words joined by one `<`, fillers after. */
export function isMrzNameField(s: string): boolean {
  return /^[A-Z]+(?:<[A-Z]+)*(?:<<[A-Z]+(?:<[A-Z]+)*)?<*$/.test(s);
}

/**
 * `read` with the name of `names`, another reading of the same MRZ. Check digits choose between
 * readings of the numbers and dates, but the name has none, and the band read (eng, OCR-B's letters
 * only) reads it better than a first pass in Japanese does (`YULCHIRO`, `TAROO`). So where the
 * readings are of one format and the other's name is letters and fillers only, its name is taken.
 */
export function withNameOf(read: MrzRead, names: MrzRead | null): MrzRead {
  if (!names || names === read || names.check.format !== read.check.format) return read;
  const k = read.check.format === 'TD1' ? 2 : 0;
  const from = k === 0 ? 5 : 0; // TD3 and TD2 print the document code and state before the name
  const name = names.lines[k]?.slice(from) ?? '';
  if (!isMrzNameField(name)) return read;
  const lines = [...read.lines];
  lines[k] = (lines[k] ?? '').slice(0, from) + name;
  return { ...read, lines };
}

/**
 * A TD3 or TD2 first line that OCR cut short by losing its faint trailing fillers: code, state,
 * surname<<given names in letters only, and fillers after them. What is missing can only be more
 * fillers, so it is read as if they were there.
 */
function nameLineEnded(l: string, n: number): boolean {
  return l.length < n && /^[A-Z][A-Z<][A-Z<]{3}[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*<{2,}$/.test(l);
}

/**
 * Nationality and issuing state carry no check digit. An unknown code one letter away from the
 * other (known) one is read as it (`OOL` next to issuing state `POL`).
 */
function fixStates(read: MrzRead): void {
  const f = read.check.fields;
  const near = (a: string, b: string) => a.length === 3 && [...a].filter((c, i) => c !== b[i]).length === 1;
  const nat = f.nationality?.padEnd(3, '<') ?? '';
  const iss = f.issuingState?.padEnd(3, '<') ?? '';
  if (!STATES.has(nat) && STATES.has(iss) && near(nat, iss)) f.nationality = f.issuingState;
  if (!STATES.has(iss) && STATES.has(nat) && near(iss, nat)) f.issuingState = f.nationality;
}

/** The best MRZ reading among the OCR lines that look like MRZ lines, or null. */
export function findMrz(rawLines: string[], today: string): MrzRead | null {
  const rows = rawLines.map((l, i) => ({ l: cleanMrzLine(l), i })).filter((r) => r.l.length >= 24);
  const lines = rows.map((r) => r.l);
  let best: MrzRead | null = null;
  for (let i = 0; i < lines.length; i++) {
    for (const { format, n, count } of FORMATS) {
      const group = lines.slice(i, i + count);
      if (group[0] && !STATES.has(group[0].slice(2, 5))) group[0] = dropLeadingJunk(group[0]);
      const used = rows.slice(i, i + count).map((r) => r.i);
      // TD1's third line holds only the name (no check digit): a lost name line still validates.
      if (format === 'TD1' && group.length === 3 && !fitsLength(group[2]!, n)) group.pop();
      if (format === 'TD1' && group.length === 2) group.push('<'.repeat(30));
      if (group.length < count || !group.every((l, k) => fitsLength(l, n) || (k === 0 && count === 2 && nameLineEnded(l, n)))) continue;
      // Passports (P) are TD3; ID cards (I, A, C) TD1 or TD2; visas (V) either size. A reading
      // in the wrong size can pass its check digits by chance, so it is not even tried. When the
      // code is not trustworthy (no issuing state after it), line 2's raw length decides.
      const code = group[0]![0];
      if (STATES.has(alignState(group[0]!).slice(2, 5))) {
        if ((code === 'P' && format !== 'TD3') || (code && 'IAC'.includes(code) && format === 'TD3')) continue;
      } else if (count === 2) {
        const len = group[1]!.length;
        if (FORMATS.some((f) => f.count === 2 && Math.abs(len - f.n) < Math.abs(len - n))) continue;
      }
      const aligned = align(group, format);
      const layout = aligned[0]!.startsWith('V') && format !== 'TD1' ? (format === 'TD3' ? 'MRVA' : 'MRVB') : format;
      const fixed = swapSearch(byPosition(aligned, layout), layout, (l) => checkMrz(l, { today }));
      const checks = Object.values(fixed.check.checks).filter((v) => v !== null);
      const read: MrzRead = { lines: fixed.lines, check: fixed.check, passed: checks.filter(Boolean).length, total: checks.length, rows: used };
      if (!best || rank(read) > rank(best)) best = read;
    }
  }
  if (best) fixStates(best);
  return best;
}

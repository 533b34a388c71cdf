// Character repair for MRZ lines once they are aligned: by position (the format fixes which
// positions hold digits and which letters, as the `mrz` package's autocorrect does) and, for free
// alphanumeric fields (document number, personal number, optional data), one conservative
// whole-reading repair that is kept only if every check digit then validates.

import type { MrzCheckResult } from '../validators/mrz.js';

const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '1', Z: '2', S: '5', G: '6', B: '8' };
const TO_ALPHA: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '8': 'B', '7': 'T' };
/**
 * Position classes per line: d digit (or `<` filler), a letter or `<`; x and y are free fields
 * (x: document number, y: personal number / optional data), repaired separately.
 */
const TD3_2 = `xxxxxxxxxdaaadddddddaddddddd${'y'.repeat(14)}dd`;
const TD2_2 = `xxxxxxxxxxaaadddddddaddddddd${'y'.repeat(7)}d`;
const LAYOUT: Record<string, string[]> = {
  TD3: ['a'.repeat(44), TD3_2],
  TD2: ['a'.repeat(36), TD2_2],
  TD1: [`aaaaa${'x'.repeat(10)}${'y'.repeat(15)}`, `dddddddadddddddaaa${'y'.repeat(11)}d`, 'a'.repeat(30)],
  // Visas (first letter V): after the expiry everything is free data.
  MRVA: ['a'.repeat(44), TD3_2.slice(0, 28) + 'y'.repeat(16)],
  MRVB: ['a'.repeat(36), TD2_2.slice(0, 28) + 'y'.repeat(8)],
};

export { TO_DIGIT };

export function byPosition(lines: string[], format: string): string[] {
  return lines.map((line, i) => {
    const layout = LAYOUT[format]?.[i] ?? '';
    return [...line].map((c, j) => {
      const k = layout[j];
      if (k === 'd' && c !== '<') return TO_DIGIT[c] ?? c;
      if (k === 'a') return TO_ALPHA[c] ?? c;
      return c;
    }).join('');
  });
}

/** Ranges [start, end) of free alphanumeric fields (document number, personal number, optional data). */
function freeRanges(layout: string): Array<[number, number]> {
  return [...layout.matchAll(/x+|y+/g)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * In a free field, a run of digit-like letters touching a digit is read as digits (`ZEDOD509` →
 * `ZE000509`), except in the first two chars, where document numbers keep their letter prefix
 * (`TK1234567`, `L898902C3`); there only the round O/Q/D, rarely a prefix, become 0.
 */
function digitRuns(field: string): string {
  return field.replace(/[OQDUILTZSGB]+/g, (run, at: number) => {
    const touches = /\d/.test(field[at - 1] ?? '') || /\d/.test(field[at + run.length] ?? '');
    if (!touches) return run;
    return [...run].map((c, k) => (at + k >= 2 || 'OQD'.includes(c) ? TO_DIGIT[c] ?? c : c)).join('');
  });
}

/**
 * Free fields have no fixed character class, so their look-alikes are repaired only as a whole
 * reading (digitRuns above, all fields or one field at a time) and only when that makes EVERY
 * check pass. No character-by-character search: in TD3 the composite weights line up with the
 * document-number weights, so a search could compensate a misread digit with a "repaired" letter
 * and report a wrong number as valid (rule 56: one changed digit must fail).
 */
export function swapSearch(lines: string[], format: string, check: (l: string[]) => MrzCheckResult): { lines: string[]; check: MrzCheckResult } {
  const first = { lines, check: check(lines) };
  if (first.check.allOk) return first;
  const fields = lines.flatMap((_, i) => freeRanges(LAYOUT[format]?.[i] ?? '').map(([a, b]) => ({ i, a, b })));
  const repair = (only: number | null) =>
    lines.map((l, i) => {
      let out = l;
      fields.forEach((f, k) => {
        if (f.i === i && (only === null || only === k)) out = out.slice(0, f.a) + digitRuns(out.slice(f.a, f.b)) + out.slice(f.b);
      });
      return out;
    });
  for (const only of [null, ...fields.map((_, k) => k)]) {
    const cand = repair(only);
    if (cand.every((l, i) => l === lines[i])) continue;
    const c = check(cand);
    if (c.allOk) return { lines: cand, check: c };
  }
  return first;
}

// Identifiers whose characters are fixed by position (letters here, digits there): OCR look-alikes
// (O/0, I/1, S/5, B/8...) are repaired by where they stand. Pure; used by the parsers and re-reads.

/** Positions: L = letter, D = digit. */
export type Shape = string;

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B', '4': 'A', '7': 'T' };
const TO_DIGIT: Record<string, string> = { O: '0', D: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8', A: '4', T: '7' };

/** `s` made to fit `shape` by look-alike repairs, with how many were needed; null if it cannot. */
export function fitShape(s: string, shape: Shape): { value: string; repairs: number } | null {
  if (s.length !== shape.length) return null;
  let value = '';
  let repairs = 0;
  for (const [i, c] of [...s].entries()) {
    const want = shape[i] === 'L' ? LETTERS : DIGITS;
    const fixed = want.includes(c) ? c : (shape[i] === 'L' ? TO_LETTER : TO_DIGIT)[c];
    if (!fixed) return null;
    if (fixed !== c) repairs++;
    value += fixed;
  }
  return { value, repairs };
}

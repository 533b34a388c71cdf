// Japanese text normalisation, Japanese-era dates and ISO calendar arithmetic. Pure: no I/O and no
// dependence on the process time zone (all arithmetic is UTC on YYYY-MM-DD strings).

/** Kanji, kana, CJK punctuation and the long-vowel mark. Digits are deliberately not included. */
const CJK = '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u3000-\\u303F\\u30FC\\u30FB]';
const SPACE_NEXT_TO_CJK = new RegExp(`(?<=${CJK})\\s+(?=${CJK}|\\d)|(?<=${CJK}|\\d)\\s+(?=${CJK})`, 'gu');

/**
 * OCR/free text: NFKC (full-width ASCII → half-width, half-width kana → full-width), collapse
 * whitespace, trim, and drop spaces that touch a CJK character on one side and a CJK character or
 * digit on the other (tesseract's `令 和 3 年` → `令和3年`). Spaces between Latin words stay.
 */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, ' ').trim().replace(SPACE_NEXT_TO_CJK, '');
}

// Dash look-alikes that carry no meaning inside serials, IMEIs, 車台番号, plates and document numbers.
// U+2011 and U+FE63/U+FF0D are folded by NFKC into U+2010 / '-' before this runs.
const DASHES = /[-\u2010\u2012\u2013\u2014\u2015\u2043\u2212\uFE58]/gu;
// ー (U+30FC, also what NFKC makes of half-width ｰ) is a real kana letter; it is removed only
// between two alphanumerics, where it can only be an OCR'd or IME-typed hyphen (`ZVW30ー1234567`).
const CHOONPU_BETWEEN_ALNUM = /(?<=[A-Za-z0-9])\u30FC+(?=[A-Za-z0-9])/gu;

/** Canonical matching form for identifiers: NFKC, no whitespace, no dashes, upper case. */
export function normalizeIdentifier(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(DASHES, '')
    .replace(CHOONPU_BETWEEN_ALNUM, '')
    .toUpperCase();
}

/** Middle dots used between given name and surname in katakana/foreign names. */
const MIDDLE_DOTS = /[\u30FB\u00B7\u2027\u2022\u2219]/gu;

/** Person-name comparison form: NFKC, no whitespace (incl. U+3000), no middle dots, upper case. */
export function normalizeName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '').replace(MIDDLE_DOTS, '').toUpperCase();
}

const SMALL_KANA: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ',
  ヵ: 'カ', ヶ: 'ケ', ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ',
  ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ', ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
};

/**
 * Kana comparison form (DOMAIN rule 19: payout account holder vs declared name). Bank records use
 * half-width katakana without small kana (ｷﾖｳｺ for きょうこ) and write ー as '-' (全銀 charset), so:
 * NFKC, hiragana → katakana, small → large, every dash → ー, no whitespace or middle dots.
 */
export function normalizeKana(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309D\u309E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[ァィゥェォッャュョヮヵヶ\u31F0-\u31FF]/gu, (c) => SMALL_KANA[c] ?? c)
    .replace(/[-\u2010\u2012-\u2015\u2212\uFE58]/gu, 'ー')
    .replace(/\s+/gu, '')
    .replace(MIDDLE_DOTS, '')
    .toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Dates

interface Era { name: string; letter: string; offset: number; start: string; end: string }
/** First and last day of each era (明治元年 is treated as 1868 from 1868-01-25, as briefed). */
const ERAS: Era[] = [
  { name: '明治', letter: 'M', offset: 1867, start: '1868-01-25', end: '1912-07-29' },
  { name: '大正', letter: 'T', offset: 1911, start: '1912-07-30', end: '1926-12-24' },
  { name: '昭和', letter: 'S', offset: 1925, start: '1926-12-25', end: '1989-01-07' },
  { name: '平成', letter: 'H', offset: 1988, start: '1989-01-08', end: '2019-04-30' },
  { name: '令和', letter: 'R', offset: 2018, start: '2019-05-01', end: '9999-12-31' },
];

const S = '\\s*';
const NUM2 = '\\d(?:\\s?\\d)?';
const ERA_KANJI = ERAS.map((e) => [...e.name].join(S)).join('|');
// Era (kanji, or initial with . or / only: `S12-3-4` is more often a part number than 昭和12年)
// + year (元 = 1) + separator (年 . / -) + month + separator (月 . / -) + day + optional 日.
const ERA_DATE = `(?:(${ERA_KANJI})${S}(元|${NUM2})(?!\\d)${S}(?:年|[./-])|(?<![A-Za-z])([MTSHRmtshr])${S}(元|${NUM2})(?!\\d)${S}[./])${S}(${NUM2})(?!\\d)${S}(?:月|[./-])${S}(${NUM2})(?!\\d)(?:${S}日)?`;
// Western year, optionally followed by the era year in brackets as on current driver's licences:
// `2030年(令和12年)01月02日まで有効`. The bracketed era year must agree with the Western year.
const WESTERN_DATE = `(?<!\\d)(\\d(?:\\s?\\d){3})${S}(?:年(?:${S}\\(${S}(${ERA_KANJI})${S}(元|${NUM2})${S}年${S}\\))?|[./-])${S}(${NUM2})(?!\\d)${S}(?:月|[./-])${S}(${NUM2})(?!\\d)(?:${S}日)?`;
const DATE_SOURCE = `${ERA_DATE}|${WESTERN_DATE}`;

const digitsOf = (s: string): number => Number(s.replace(/\s/gu, ''));

function ymd(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

function eraDate(era: Era | undefined, eraYear: string, m: string, d: string): string | null {
  const n = eraYear === '元' ? 1 : digitsOf(eraYear);
  if (!era || n < 1) return null;
  const iso = ymd(era.offset + n, digitsOf(m), digitsOf(d));
  // A date outside its era (昭和64年1月8日, 平成31年5月1日, 令和元年4月30日) does not exist.
  return iso && iso >= era.start && iso <= era.end ? iso : null;
}

const eraByName = (kanji: string): Era | undefined => ERAS.find((e) => e.name === kanji.replace(/\s/gu, ''));

function fromMatch(g: (string | undefined)[]): string | null {
  const [, kanji, kanjiYear, letter, letterYear, em, ed, wy, pEra, pYear, wm, wd] = g;
  if (kanji !== undefined) return eraDate(eraByName(kanji), kanjiYear!, em!, ed!);
  if (letter !== undefined) {
    return eraDate(ERAS.find((e) => e.letter === letter.toUpperCase()), letterYear!, em!, ed!);
  }
  const iso = ymd(digitsOf(wy!), digitsOf(wm!), digitsOf(wd!));
  if (iso === null || pEra === undefined) return iso;
  return eraDate(eraByName(pEra), pYear!, wm!, wd!) === iso ? iso : null;
}

/** NFKC applied one code point at a time, remembering where each output unit came from. */
export function normalizeWithOffsets(text: string): { text: string; start: number[]; end: number[] } {
  let out = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC');
    for (let k = 0; k < n.length; k++) { start.push(i); end.push(i + ch.length); }
    out += n;
    i += ch.length;
  }
  return { text: out, start, end };
}

/** Parses one date (the whole string, spaces allowed anywhere) to ISO, or null if invalid. */
export function parseJapaneseDate(s: string): string | null {
  const t = s.normalize('NFKC').replace(/\s+/gu, '');
  const m = new RegExp(`^(?:${DATE_SOURCE})$`, 'u').exec(t);
  return m ? fromMatch([...m]) : null;
}

/** Every valid date-shaped substring of a longer (OCR) line; index/length refer to `text`. */
export function findJapaneseDates(text: string): Array<{ iso: string; index: number; length: number }> {
  const n = normalizeWithOffsets(text);
  const found: Array<{ iso: string; index: number; length: number }> = [];
  for (const m of n.text.matchAll(new RegExp(DATE_SOURCE, 'gu'))) {
    const iso = fromMatch([...m]);
    if (!iso) continue;
    const index = n.start[m.index]!;
    found.push({ iso, index, length: n.end[m.index + m[0].length - 1]! - index });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// ISO calendar arithmetic (UTC, string in / string out)

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

function parts(iso: string): [number, number, number] {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  return fromUtc(Date.UTC(y, m - 1, d + n));
}

/** Calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return fromUtc(Date.UTC(ty, tm - 1, Math.min(d, daysInMonth(ty, tm))));
}

/** Calendar years; 29 Feb becomes 28 Feb in a non-leap target year. */
export function addYears(iso: string, n: number): string {
  return addMonths(iso, 12 * n);
}

export function compareIso(a: string, b: string): number {
  parts(a);
  parts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Age in full years on `onDate`. Under 年齢計算ニ関スル法律 and Civil Code Art. 143 a year of age is
 * completed at the end of the day before the birthday, so on the birthday itself the person is
 * older (DOMAIN rule 40: turning 18 on the transaction date = adult). A 29 Feb birth completes the
 * year at the end of 28 Feb in a non-leap year, i.e. is older from 1 Mar.
 */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(onDate);
  const before = m < bm || (m === bm && d < bd);
  return y - by - (before ? 1 : 0);
}

const SINCE_1952 = Date.UTC(1952, 0, 1);
const TOKYO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit',
});

/** The calendar date in Asia/Tokyo of an instant, as YYYY-MM-DD. */
export function tokyoDate(instant: Date): string {
  // Japan has kept UTC+9 with no summer time since 1952 (it last had one in 1951): a fixed offset
  // is exact from then on and avoids Intl on every intake. Earlier instants ask the tz database.
  const ms = instant.getTime();
  if (ms >= SINCE_1952) return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
  const p = Object.fromEntries(TOKYO.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

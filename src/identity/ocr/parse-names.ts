// Person names: after the 氏名 label (also when tesseract garbles the small grey label down to a
// lone `名`), or by shape when the label is lost: Latin capitals on a line of their own (foreign
// residents), or the words before the `…日生` birth date that licences print on the name row.

import { L, datesOnLine, fixEras } from './parse-labels.js';
import type { DocumentFields } from './fields.js';
import { BIRTH_SUFFIX, birthDate, dateToField, ERA_OR_DIGIT, type Found, firstMatch, fixChoonpu, sexOf, spacedText, toField, unsureKanji } from './parse-common.js';
import { type DocText, type Span, charBox, findAll, spanText, trimSpan, valueAfter } from './parse-text.js';

/**
 * Variant kanji common in surnames that tesseract's jpn model does not contain, by the kanji it
 * reads in their place: 渡邉 (Watanabe) comes out 渡違, 濵田 (Hamada) 演田. Those look-alikes are
 * not used in Japanese names, so in a name they can only be the variant. Variants the model knows
 * (濱 邊 齋) are read as printed; 𠮷, 髙 and 﨑 come out as their common forms 吉 高 崎, which
 * is how most systems store them.
 */
const VARIANT_FOR_LOOKALIKE: Record<string, string> = { 違: '邉', 演: '濵' };

/**
 * Given-name endings the model misreads as a rarer look-alike when the print is degraded. Names
 * ending in 郎 after a numeral or 太 (太郎, 三郎, 一郎, 左衛門三郎) outnumber those in 朗 many
 * times over, and 大輔 (the commonest boys' name around 1980) those in 大博 (博 shares 輔's right
 * half): where the model was unsure of the character it read there, the name has the common
 * form. A character read with confidence (鈴木一朗, 大博) stays.
 */
const COMMON_ENDINGS: ReadonlyArray<{ read: string; at: RegExp; common: string }> = [
  { read: '朗', at: /(?<=[一二三四五太次])朗/gu, common: '郎' },
  { read: '博', at: /(?<=大)博(?!\p{sc=Han})/gu, common: '輔' },
];

/** A name as read, with its variant kanji restored, ー between kanji read as 一, and an unsure rare ending made common. */
function nameText(doc: DocText, span: Span): string {
  let text = [...fixChoonpu(spacedText(doc, span))].map((c) => VARIANT_FOR_LOOKALIKE[c] ?? c).join('');
  const unsure = unsureKanji(doc, [span]);
  for (const { read, at, common } of COMMON_ENDINGS) if (unsure.has(read)) text = text.replace(at, common);
  return text;
}

const NAME_CHARS = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々〆・A-Za-z' ,.-]+/u;

/** At least two letters (kanji, kana or Latin), not just marks such as ー or ・. */
const isName = (s: string) =>
  (s.match(/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/gu) ?? []).length >= 2 || (s.match(/[A-Za-z]/g) ?? []).length >= 3
    ? !/^[ーｰ・\s]/u.test(s) && !NOT_NAMES.test(s.replace(/\s/g, ''))
    : false;
/** Words printed next to names on these documents that are never a name themselves. */
const NOT_NAMES = /^(世帯主|本人|家族|続柄|氏名|住所|備考|省略|被保険者|被扶養者|男|女)$|番号|号|者|証|保険|在留|資格/u;

/**
 * The span cut before the first gap between its words wider than three line heights: a name's
 * parts sit a char or so apart, and what lies far right on the row (a stamp, a speck at the
 * card's edge read as `送`) is not part of it.
 */
function untilWideGap(doc: DocText, span: Span): Span {
  const line = doc.lines[span.line]!;
  const h = line.bbox.y1 - line.bbox.y0;
  for (let i = span.start + 1; i < span.end; i++) {
    const [a, b] = [line.wordOf[i - 1]!, line.wordOf[i]!];
    if (a < 0 || b < 0 || a === b) continue;
    if (line.words[b]!.bbox.x0 - line.words[a]!.bbox.x1 > 3 * h) return trimSpan(doc, { ...span, end: i });
  }
  return span;
}

/**
 * The name after a label: the run of name characters up to the next label or a date. With
 * `loose`, a lone `名` opening a line (a garbled 氏名) is tried last, and only on its own line.
 */
export function nameAfter(doc: DocText, label: RegExp, stop: RegExp, loose = true): Found | null {
  for (const re of loose ? [label, L.nameLoose] : [label]) {
    for (const hit of findAll(doc, re)) {
      const v = valueAfter(doc, hit, new RegExp(`${stop.source}|${ERA_OR_DIGIT.source}`, 'u'), re === label);
      if (!v) continue;
      const m = NAME_CHARS.exec(spanText(doc, v));
      if (!m) continue;
      const debris = kanaDebris(m[0]);
      const span = untilWideGap(doc, trimSpan(doc, { line: v.line, start: v.start + debris, end: v.start + m[0].replace(/[\s,.-]+$/u, '').length }));
      const text = nameText(doc, span);
      if (isName(text)) return { text, spans: [span], source: 'label' };
    }
  }
  return null;
}

/**
 * Latin capitals (2+ words) filling a line, after at most 3 stray chars (a garbled label):
 * the name of a foreign resident. MRZ-like lines (`<`) and lines with digits are not names.
 */
export function latinNameByShape(doc: DocText, skip: RegExp): Found | null {
  for (const [i, l] of doc.lines.entries()) {
    // The card's edge read at the row's end (`SMITH EMILY ROSE 1`, `… BAHADUR ]`) is no part of it.
    const m = /^([^A-Z]{0,3})([A-Z][A-Z'.-]*(?: [A-Z][A-Z'.-]*)+),?( ?[1|\]!)】」]{1,2})?$/u.exec(l.text);
    if (!m || skip.test(l.text)) continue;
    const span = { line: i, start: m[1]!.length, end: l.text.length - (m[3]?.length ?? 0) };
    return { text: spanText(doc, span).replace(/,$/, ''), spans: [span], source: 'shape' };
  }
  return null;
}

/**
 * One or two kana with a hiragana among them before a kanji family name (`る濱田`, `をる 田中`,
 * `タる 濱田`): a garbled label, as no family name starts in hiragana. Katakana alone may be one
 * (a Korean family name written リ or キム), so it stays. How many characters to skip.
 */
function kanaDebris(text: string): number {
  const m = /^[\p{sc=Hiragana}\p{sc=Katakana}]{1,2}\s?(?=\p{sc=Han}{2})/u.exec(text);
  return m && /\p{sc=Hiragana}/u.test(m[0]) ? m[0].length : 0;
}

const columns = new WeakMap<DocText, number | null>();
/** What a garbled 氏名 label leaves behind, as seen in OCR output. */
/** A word of marks only: quotes, colons, bars, dots (OCR's reading of a gap or a rule). */
const MARKS_ONLY = /^[|_.,'"”“’‘:：;・-]+$/u;
const LABEL_REMNANT = /[名氏各品后兵\x21-\x7e]/u;

/**
 * The x where values start: cards and forms align values in a column right of the labels. Taken
 * from lines whose label WAS read (住所, 生年月日, 交付...): the left edge of the first word after it.
 */
function valueColumn(doc: DocText): number | null {
  if (columns.has(doc)) return columns.get(doc)!;
  const xs: number[] = [];
  for (const re of [L.address, L.dob, L.issue, L.sex, L.nationality, L.expiry]) {
    for (const h of findAll(doc, re)) {
      const line = doc.lines[h.line]!;
      const wi = line.wordOf[h.end];
      if (h.start > 1 || wi === undefined || wi < 0 || wi === line.wordOf[h.start]) continue;
      // A mark read from the gap after the label (`交付”令和`) is not where the value starts.
      const next = line.words.slice(wi).find((w) => !MARKS_ONLY.test(w.text));
      if (next) xs.push(next.bbox.x0);
    }
  }
  const x = xs.length ? Math.min(...xs) : null;
  columns.set(doc, x);
  return x;
}

/**
 * Where the value starts on a line whose label was garbled (`品 東海林彩乃`): at the value column
 * when one is known, else after a 1-2 word label set apart by the widest gap. At most 3 chars are
 * dropped either way.
 */
function afterGarbledLabel(doc: DocText, li: number): number {
  const line = doc.lines[li]!;
  const col = valueColumn(doc);
  let cut = 0;
  if (col !== null) {
    // Words that end left of the column are the label. Inside a word that straddles it (OCR can
    // merge label and name, and stretch a box over the blank label area) only label-like
    // remnants are dropped: `名小鳥遊` loses 名, `小林花子` keeps 小林.
    const tol = (line.bbox.y1 - line.bbox.y0) * 0.4;
    for (let i = 0; i < Math.min(4, line.text.length); i++) {
      const b = charBox(doc, li, i);
      const w = line.words[line.wordOf[i] ?? -1];
      const wordLeft = w !== undefined && w.bbox.x1 <= col + tol;
      // Labels are kanji: a word of Latin capitals is a name however far left it starts (a short
      // Latin name, `LI MING`, may sit left of where the dates after longer labels begin).
      const latinWord = w !== undefined && /^[A-Z][A-Z'.-]+$/u.test(w.text);
      if (!b || b.x0 >= col - tol || latinWord || (!wordLeft && !LABEL_REMNANT.test(line.text[i] ?? ''))) {
        cut = i;
        break;
      }
    }
  } else {
    // Words actually in the text (a border `|` dropped from it is not a word here), and not a
    // bracket alone: a card's edge read as `]` at the row's end would take the widest gap.
    const ids = [...new Set(line.wordOf.filter((w) => w >= 0 && !/^[[\]()「」『』【】{}|]+$/u.test(line.words[w]!.text)))].slice(0, 5);
    const ws = ids.map((w) => line.words[w]!);
    const gaps = ws.map((w, k) => (k ? w.bbox.x0 - ws[k - 1]!.bbox.x1 : -Infinity));
    const k = gaps.indexOf(Math.max(...gaps));
    // Two kanji words alone (`伊藤 太郎` on a 住民票) are a family and a given name, not a label
    // and a name: a garbled label leaves a remnant (氏, 名), a single character or Latin specks.
    const before = ws.slice(0, k).map((w) => w.text).join('');
    const familyName = ws.length === 2 && /^\p{sc=Han}{2,}$/u.test(before) && !LABEL_REMNANT.test(before);
    if (k >= 1 && k <= 2 && gaps[k]! > 0 && !familyName) cut = line.wordOf.indexOf(ids[k]!);
  }
  return cut > 0 && cut <= 3 ? cut : 0;
}

function nameOnLine(doc: DocText, li: number, end: number): Found | null {
  const line = doc.lines[li]!;
  let start = afterGarbledLabel(doc, li);
  // Never start inside a Latin word (the column estimate is approximate).
  while (start > 0 && /[A-Z]/.test(line.text[start] ?? '') && /[A-Z]/.test(line.text[start - 1] ?? '')) start--;
  // A one-char OCR word of label debris (`品`, `名`) opening the line, before a longer name.
  if (LABEL_REMNANT.test(line.text[start] ?? '') && line.wordOf[start] !== line.wordOf[start + 1] && end - start > 3) start++;
  // Latin specks or quote marks before a kanji/kana name are a garbled label (`mm勅使河原`,
  // `駐”中村`): no name starts so.
  const speck = /^[A-Za-z|_.,'"”“’‘:：]{1,3}(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]{2})/u.exec(line.text.slice(start, end));
  if (speck) start += speck[0].length;
  start += kanaDebris(line.text.slice(start, end));
  // A Latin name starts at its first capitals (`s品TRAN THI MAI`).
  const latin = /[A-Z]{2}/.exec(line.text.slice(start, end));
  if (latin && /^[^A-Z]{1,3}$/.test(line.text.slice(start, start + latin.index)) && !/[\p{sc=Han}\p{sc=Katakana}]{2}/u.test(line.text.slice(start + latin.index, end))) start += latin.index;
  const m = NAME_CHARS.exec(line.text.slice(start, end));
  if (!m || start + m[0].length < end - 1) return null;
  const span = untilWideGap(doc, trimSpan(doc, { line: li, start, end: start + m[0].length }));
  // Latin specks after a kanji/kana name (`齋藤彩乃I`, a card's edge) are debris too: out of the
  // span as well, or a re-read of the name would stretch to the edge.
  const debris = /(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])\s?[A-Za-z|]{1,2}$/u.exec(spanText(doc, span));
  if (debris) span.end -= debris[0].length;
  const text = nameText(doc, span);
  return isName(text) && text.replace(/\s/g, '').length <= 12 ? { text, spans: [span], source: 'shape' } : null;
}

/**
 * The words before a `…日生` birth date on the same line (licence name row). A birth date past
 * parsing that still ends in 日生 (`品和4年月17昌生`) ends the name too: it starts at its first
 * digit, backed up over what is left of its era (two characters at most, not past a space).
 */
export function nameBeforeBirthDate(doc: DocText): Found | null {
  for (let li = 0; li < doc.lines.length; li++) {
    const line = doc.lines[li]!;
    const d = datesOnLine(doc, li).find((x) => /^\s*生/u.test(line.text.slice(x.span.end)));
    let end = d?.span.start ?? -1;
    if (!d && BIRTH_SUFFIX.test(fixEras(line.text))) {
      end = line.text.search(/\d/u);
      for (let k = 0; k < 2 && end > 0 && !/\s/u.test(line.text[end - 1]!); k++) end--;
    }
    const name = end > 0 ? nameOnLine(doc, li, end) : null;
    if (name) return name;
  }
  return null;
}

/**
 * The line just above the first line an anchor label opens (住所, 生年月日): cards print the name
 * row there. Only a line of 2-12 name characters (after a garbled label) qualifies.
 */
export function nameAboveLabel(doc: DocText, anchors: Array<RegExp | number>): Found | null {
  for (const a of anchors) {
    let line = typeof a === 'number' ? a : findAll(doc, a).find((h) => h.start <= 2)?.line;
    if (line === undefined) continue;
    // Skip a stray fragment (1-2 chars: a table rule or a speck read as text) between the rows.
    let above = line - 1;
    while (above > 0 && above >= line - 2 && (doc.lines[above]?.text.length ?? 0) <= 2) above--;
    line = above + 1;
    const name = above >= 0 ? nameOnLine(doc, above, doc.lines[above]!.text.length) : null;
    if (name) return name;
  }
  return null;
}

/** A line of kana only (フリガナ printed above or below the name). */
export function kanaNear(doc: DocText, nameLine: number, label?: RegExp): Found | null {
  const KANA = /^[\p{sc=Hiragana}\p{sc=Katakana}ー・\s]{2,}$/u;
  if (label) {
    const hit = firstMatch(doc, label);
    const v = hit && valueAfter(doc, hit, /[\p{sc=Han}\d]/u);
    if (v && KANA.test(spanText(doc, v))) return { text: spacedText(doc, v), spans: [v], source: 'label' };
  }
  for (const l of [nameLine - 1, nameLine + 1]) {
    const t = doc.lines[l]?.text;
    if (t && KANA.test(t)) {
      const span = { line: l, start: 0, end: t.length };
      return { text: spacedText(doc, span), spans: [span], source: 'shape' };
    }
  }
  return null;
}

/**
 * The person block that 健康保険証 and 住民票の写し share: date of birth (by label, else by shape),
 * name after its label or above the birth date / address, its kana nearby, and sex.
 */
export function personFields(doc: DocText, f: DocumentFields, stop: RegExp): void {
  const dob = birthDate(doc);
  if (dob) f.dateOfBirth = dateToField(doc, dob.d, dob.source);
  // The row above the birth date (wherever it was found, by label or by shape) before the row
  // above 住所: a 住民票 prints 続柄 (世帯主) between the name and the address.
  const name = nameAfter(doc, L.name, stop) ?? nameAboveLabel(doc, [L.dob, ...(dob ? [dob.d.span.line] : []), L.address]);
  if (name) {
    f.name = toField(doc, name);
    const kana = kanaNear(doc, name.spans[0]!.line, L.kana);
    if (kana) f.nameKana = toField(doc, kana);
  }
  const sex = sexOf(doc, L.sex);
  if (sex) f.sex = toField(doc, sex);
}

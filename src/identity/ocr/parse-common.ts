// Value finders shared by the per-document parsers: names, addresses and dates found by their
// printed label (stopping at the next label on the same line) or, failing that, by their shape.
// Nothing here depends on pixel positions of a particular layout; boxes are only used relatively
// (a wider gap between words = the space between surname and given name; an indented next line =
// the continuation of an address).

import { findJapaneseDates, normalizeText } from '../../shared/japanese.js';
import { type ExtractedField, field, fieldSpans } from './fields.js';
import { ADDRESS_SHAPE, type FoundDate, L, dateAfter, datesOnLine, fixEras, stopRe } from './parse-labels.js';
import { type DocText, type Span, findAll, isSliver, spanText, spanWords, spansConfidence, trimSpan, unionBox, valueAfter } from './parse-text.js';
import { fixBuildingWords } from './building-words.js';
import { misreadPrefectureAt, repairAddress, repairBuildingTown } from './gazetteer.js';

export interface Found {
  text: string;
  spans: Span[];
  source: 'label' | 'shape';
}

/** An era (or its look-alike) or a digit: where a name printed before a date ends. */
export const ERA_OR_DIGIT = /(?:[令信今合冷][和私]|[平乎半][成戒戌戊城]|[昭照略][和利私]|明治|大正)|\d/u;

export function firstMatch(doc: DocText, re: RegExp, fromLine = 0): Span | null {
  return findAll(doc, re, fromLine)[0] ?? null;
}

export function toField(doc: DocText, f: Found, factor = 1): ExtractedField {
  const out = field(f.text, spansConfidence(doc, f.spans) * factor, f.source);
  fieldSpans.set(out, f.spans);
  return out;
}

export function dateToField(doc: DocText, d: FoundDate | null | undefined, source: 'label' | 'shape'): ExtractedField | undefined {
  if (!d) return undefined;
  const out = field(d.iso, spansConfidence(doc, [d.span]), source);
  fieldSpans.set(out, [d.span]);
  return out;
}

const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}ー々]/u;

/**
 * Span text with a space re-inserted where the OCR word gap is much wider than the line's usual
 * gap between CJK characters: the printed space between surname and given name.
 */
export function spacedText(doc: DocText, s: Span): string {
  const line = doc.lines[s.line];
  if (!line) return '';
  const gaps: number[] = [];
  for (let i = 1; i < line.words.length; i++) {
    const a = line.words[i - 1]!;
    const b = line.words[i]!;
    if (CJK.test(a.text.at(-1) ?? '') && CJK.test(b.text[0] ?? '')) gaps.push(Math.max(0, b.bbox.x0 - a.bbox.x1));
  }
  gaps.sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length / 2)] ?? 0;
  const height = line.bbox.y1 - line.bbox.y0;
  let out = '';
  for (let i = s.start; i < s.end; i++) {
    const ch = line.text[i] ?? '';
    const wPrev = line.wordOf[i - 1];
    const wCur = line.wordOf[i];
    if (i > s.start && wPrev !== undefined && wCur !== undefined && wPrev >= 0 && wCur >= 0 && wPrev !== wCur && CJK.test(ch) && CJK.test(line.text[i - 1] ?? '')) {
      const gap = line.words[wCur]!.bbox.x0 - line.words[wPrev]!.bbox.x1;
      if (gap > Math.max(typical * 1.8, height * 0.3)) out += ' ';
    }
    out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * NFKC, no OCR spaces, no stray dots inside house numbers (`3-.29-21`), and a prefecture,
 * municipality or town one character off a real one read as it (gazetteer.ts). A character the
 * list showed misread in the town (`数田南` → 薮田南) counts as unsure where a building repeats the
 * town's name (`第二数田`): the same print, misread the same way.
 */
export function cleanAddress(s: string, unsure: ReadonlySet<string> = new Set()): string {
  const read = tidyAddress(s);
  const repaired = repairAddress(read);
  const [before, after] = [[...read], [...repaired]];
  const misread = new Set(unsure);
  if (before.length === after.length) for (const [i, c] of before.entries()) if (c !== after[i]) misread.add(c);
  return repairBuildingTown(repaired, misread);
}

/** Below this word confidence (0-100) a character is one the OCR was unsure of. */
const UNSURE_BELOW = 90;

/** The kanji of the words under `spans` read with low confidence. */
export function unsureKanji(doc: DocText, spans: Span[]): Set<string> {
  const out = new Set<string>();
  for (const w of spans.flatMap((s) => spanWords(doc, s))) {
    if (w.confidence < UNSURE_BELOW) for (const c of w.text.normalize('NFKC')) if (/\p{sc=Han}/u.test(c)) out.add(c);
  }
  return out;
}

function tidyAddress(s: string): string {
  return fixBuildingWords(fixKanaInKanji(fixChoonpu(normalizeText(s))))
    .replace(/(?<=[-‐−ー])[.,・'](?=\d)|(?<=\d)[.,'](?=[-‐−ー])/gu, '')
    // Addresses have no decimals: a dot between digits is a misread hyphen (`1.7-20`).
    .replace(/(?<=\d)[.,](?=\d)/gu, '-')
    // A 1 read as a bracket or bar inside a number (`140]号室`).
    .replace(/(?<=\d)[\]|!](?=\d|号)/gu, '1')
    // A building's wing numbered in the formal numeral 壱 (壱番館, as 弐番館, 参番館): the jpn model
    // reads 壱 as 老, を, 索 or 才, none of which can stand before 番館 in an address.
    .replace(/[老を索才](?=番館)/gu, '壱')
    // A room number ends the address: 号室 misread in its second char (`1204号本`), and specks
    // after it (`409号室トゴ`) or after a closing 号 (`26番4号由`) are not part of it.
    .replace(/(?<=\d)[号弓紀呈]([室本且宝家和選])(?=[^\p{sc=Han}\d]{0,2}$)/u, '号室')
    // …and the card's edge read as a 1 after it (`110号室1`).
    .replace(/(?<=\d号室)(?:[^\d]{1,3}|\s?1)$/u, '')
    // 住居表示 is printed in full (5丁目8番3号); one ending in 番 and a number lost its last 号.
    .replace(/(?<=丁目\d+番\d+)$/u, '号')
    .replace(/(?<=\d[号])[^\d室館棟\p{sc=Katakana}]$/u, '');
}

/**
 * Katakana look-alikes of kanji inside a run of kanji are the kanji (`第ニ一番` → `第二一番`):
 * ニ/二, ロ/口, エ/工, カ/力, and a long-vowel mark before 番/丁目/条 is 一 (`コーポー番` → `コーポ一番`).
 */
export function fixKanaInKanji(s: string): string {
  return s
    .replace(/ー(?=[番丁条])/gu, '一')
    .replace(/(?<=[\p{sc=Han}])[ニロエカ](?=[\p{sc=Han}])/gu, (c) => ({ ニ: '二', ロ: '口', エ: '工', カ: '力' })[c] ?? c);
}

/** ー (long vowel) between kanji or after a digit cannot be: it is 一 (one), same glyph (`市ー番町`). */
export function fixChoonpu(s: string): string {
  return s.replace(/(?<=[\p{sc=Han}\d])ー(?=\p{sc=Han})/gu, '一');
}

const ERA_DATE_LINE = /^(?:[令信今合平昭][和成]|\d{4}年).*\d+[日曰]/u;
const ADDRESS_TAIL = /\d+[-ー−‐]\d|丁目|番地?|号室?|階|ビル|マンション|ハイツ|コーポ|荘/u;

/**
 * `s` without slivers at its end that stand further than twice the line's height from the
 * text before them: the card's edge at the end of the row read as `1` or `1!`
 * (residence_card/degraded#34: `…24番5号` and a 1 px wide `1` 480 px to its right).
 */
function withoutEdgeSpecks(doc: DocText, s: Span): Span {
  const line = doc.lines[s.line];
  if (!line) return s;
  const h = line.bbox.y1 - line.bbox.y0;
  let end = s.end;
  for (;;) {
    const ids = line.wordOf.slice(s.start, end).filter((w) => w >= 0);
    const [last, before] = [ids.at(-1), ids.findLast((w) => w !== ids.at(-1))];
    if (last === undefined || before === undefined) break;
    const [w, prev] = [line.words[last]!, line.words[before]!];
    if (!isSliver(w) || w.bbox.x0 - prev.bbox.x1 <= 2 * h) break;
    end = line.wordOf.indexOf(last, s.start);
  }
  return end === s.end ? s : trimSpan(doc, { ...s, end });
}

/** Below this mean word confidence (0-100) a line under an address is a rule, stamp or speck. */
const CONTINUATION_MIN_CONF = 25;
/** Labels any document may print under an address: where a wrapped address cannot go on. */
const ANY_LABEL = stopRe(L.name, L.kana, L.dob, L.sex, L.address, L.issue, L.expiry, L.number);

/**
 * The line after an address's value when it continues it: tight under the first line (the next
 * field's row is further down), indented under the value or ending like an address, with no
 * label, date or address of its own, nothing but specks in the label column, and read with some
 * confidence (a table rule or a stamp read as `四ー 上ー` is not an address). The specks (a card's
 * edge read as `1`) are left out, and a hyphen opening the line stays when the first line ends in a digit (the
 * address wrapped inside its block number: `…町1` / `-30-10`).
 */
function continuation(doc: DocText, v: Span, stop: RegExp): Span | null {
  const next = doc.lines[v.line + 1];
  const valueBox = unionBox(spanWords(doc, v).map((w) => w.bbox));
  const lineBox = doc.lines[v.line]!.bbox;
  if (!next || !valueBox || stop.test(next.text) || ERA_DATE_LINE.test(next.text) || next.text.length > 40) return null;
  if (ADDRESS_SHAPE.test(next.text)) return null;
  // Line boxes, not word boxes: tesseract gives some CJK glyphs boxes twice their height.
  const h = lineBox.y1 - lineBox.y0;
  const tight = next.bbox.y0 - lineBox.y1 <= h * 0.75;
  const indented = next.bbox.x0 >= valueBox.x0 - h;
  if (!tight || !(indented || ADDRESS_TAIL.test(next.text))) return null;
  // A wrapped line starts under the value or further right; left of it is the label column. A
  // sliver or a lone Latin speck there is the card's edge or dirt, anything else a label (garbled:
  // `cmme 特定技能1号`), so the line is another field's row.
  let start = 0;
  for (; start < next.text.length; start++) {
    const w = next.words[next.wordOf[start] ?? -1];
    if (!w || w.bbox.x0 >= valueBox.x0 - h / 2) break;
    const speck = isSliver(w) || /^[\x21-\x7e]$/u.test(w.text);
    if (!speck) return null;
  }
  const span = withoutEdgeSpecks(doc, trimSpan(doc, { line: v.line + 1, start, end: next.text.length }));
  const firstText = doc.lines[v.line]!.text.slice(v.start, v.end);
  if (span.start > start && /\d$/u.test(firstText) && /[-‐−ー]/u.test(next.text[span.start - 1] ?? '') && /\d/u.test(next.text[span.start] ?? '')) span.start--;
  const words = spanWords(doc, span);
  const conf = words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, words.length);
  const letters = (spanText(doc, span).match(/[\p{L}\d]/gu) ?? []).length;
  return span.end > span.start && conf >= CONTINUATION_MIN_CONF && letters >= 2 ? span : null;
}

/**
 * The address after 住所/住居地: the rest of the line up to the next label, plus the next line
 * when it continues the address (see continuation()).
 */
export function addressAfter(doc: DocText, label: RegExp, stop: RegExp): Found | null {
  for (const hit of findAll(doc, label)) {
    const after = valueAfter(doc, hit, stop);
    if (!after) continue;
    const v = withoutEdgeSpecks(doc, after);
    const next = continuation(doc, v, stop);
    const spans = next ? [v, next] : [v];
    const text = cleanAddress(spans.map((s) => spacedText(doc, s)).join(''), unsureKanji(doc, spans));
    // Every Japanese address names a 都道府県 or a 市区町村 (a date read after a garbled label does not).
    if (text.length >= 4 && /[都道府県市区町村郡]/u.test(text)) return { text, spans, source: 'label' };
  }
  return null;
}

/**
 * The shape of an address whose prefecture was misread (`山科県皿符市丸の内9丁目22番6号`): 2-3
 * kanji and 都/道/府/県, a municipality, and on the same line the block numbers an address ends
 * with; standing alone or after a 住所 label whose first character was lost too (`潜所大中県…`).
 * Its low confidence sends it to a re-read, which usually reads the prefecture right.
 */
const GARBLED_PREFECTURE = /(?:(?<![\p{sc=Han}])|(?<=^[\p{sc=Han}]所))[\p{sc=Han}]{2,3}[都道府県][^\s]{1,8}?[市区町村郡]/u;

/**
 * Fallback: the first line holding a prefecture + municipality, from the prefecture on; else the
 * first with a misread prefecture but the rest of an address's shape; else the first with a
 * prefecture whose 県/府/都/道 was misread, followed by one of its municipalities. Only lines
 * before `beforeLine` (where a document's block of other parties' addresses starts).
 */
export function addressByShape(doc: DocText, beforeLine = doc.lines.length): Found | null {
  const found = (span: Span): Found => {
    // A wrapped address continues on the next line whether its label was read or not.
    const first = withoutEdgeSpecks(doc, span);
    const next = first.line + 1 < beforeLine ? continuation(doc, first, ANY_LABEL) : null;
    const spans = next ? [first, next] : [first];
    return { text: cleanAddress(spans.map((s) => spacedText(doc, s)).join(''), unsureKanji(doc, spans)), spans, source: 'shape' };
  };
  for (const m of findAll(doc, ADDRESS_SHAPE).filter((x) => x.line < beforeLine)) {
    const text = doc.lines[m.line]?.text ?? '';
    return found(trimSpan(doc, { line: m.line, start: m.start, end: text.length }));
  }
  for (const m of findAll(doc, GARBLED_PREFECTURE).filter((x) => x.line < beforeLine)) {
    const text = doc.lines[m.line]?.text ?? '';
    if (!ADDRESS_TAIL.test(text.slice(m.end))) continue;
    return found(trimSpan(doc, { line: m.line, start: m.start, end: text.length }));
  }
  for (let line = 0; line < Math.min(beforeLine, doc.lines.length); line++) {
    const text = doc.lines[line]!.text;
    const start = misreadPrefectureAt(text);
    if (start >= 0) return found(trimSpan(doc, { line, start, end: text.length }));
  }
  return null;
}

/** Digits of a span with letter look-alikes repaired (O→0, l→1) and separators dropped. */
export function digitsOnly(s: string): string {
  return s.replace(/[OoDQ〇]/g, '0').replace(/[Il|!]/g, '1').replace(/[^\d]/g, '');
}

/** Sex after 性別, else a lone 男/女 printed after the date of birth (`…日生 男`). */
export function sexOf(doc: DocText, label: RegExp): Found | null {
  for (const hit of findAll(doc, label)) {
    const rest = doc.lines[hit.line]?.text.slice(hit.end) ?? '';
    const m = /^[\s:：]*(男|女|M(?![a-z])|F(?![a-z]))/u.exec(rest);
    if (m) {
      const start = hit.end + m[0].length - (m[1] ?? '').length;
      return { text: m[1] === '男' || m[1] === 'M' ? 'M' : 'F', spans: [{ line: hit.line, start, end: start + 1 }], source: 'label' };
    }
  }
  // `…日生 男` after a birth date, or `男 M.` / `女 F.` (residence cards print both scripts).
  for (const m of findAll(doc, /[日曰][生]\s*(男|女)(?![\p{sc=Han}])|(男|女)\s*([MF])(?![A-Za-z])/u)) {
    const g = m.m[1] ?? m.m[2];
    if (m.m[3] && (g === '男') !== (m.m[3] === 'M')) continue;
    return { text: g === '男' ? 'M' : 'F', spans: [{ line: m.line, start: m.start, end: m.end }], source: 'shape' };
  }
  // Label and letter both garbled (`…12月15日 信w 女括。 …`): cards print the sex on the birth
  // date's line, after the date, so the one 男 or 女 after a date there is taken. Only the date's
  // month and day are looked for, not datesOnLine()'s whole date: a year misread (`月76年`) still
  // ends where the sex begins.
  for (const d of findAll(doc, /\d{1,2}\s*月\s*\d{1,2}\s*日/u)) {
    const rest = doc.lines[d.line]?.text.slice(d.end) ?? '';
    const hits = [...rest.matchAll(/[男女]/gu)];
    if (hits.length !== 1) continue;
    const start = d.end + hits[0]!.index;
    return { text: hits[0]![0] === '男' ? 'M' : 'F', spans: [{ line: d.line, start, end: start + 1 }], source: 'shape' };
  }
  return null;
}

/** Free text after a label up to the next label (在留資格, 国籍・地域, 本人/家族). */
export function textAfter(doc: DocText, label: RegExp, stop: RegExp, allowNextLine = true): Found | null {
  for (const hit of findAll(doc, label)) {
    const v = valueAfter(doc, hit, stop, allowNextLine);
    if (v) return { text: normalizeText(spanText(doc, v)), spans: [v], source: 'label' };
  }
  return null;
}

/**
 * Date of birth: after 生年月日; else the date printed with 生 (`昭和60年5月1日生`); else, when the
 * label was lost, the earliest date on the document: every other date on an ID (issue, expiry,
 * licence classes, moving in, permission) comes after the birth. A date another label claims is
 * none of those candidates: when the birth date itself was lost too (`月76年12月24日`: its 19
 * garbled), the earliest left was the permission date (`放可年月日 2025年05月05日`), which made an
 * adult a baby; no birth date is better than that one.
 */
export function birthDate(doc: DocText): { d: FoundDate; source: 'label' | 'shape' } | null {
  const label = firstMatch(doc, L.dob);
  const byLabel = label && (dateAfter(doc, label) ?? eraLostAfter(doc, label));
  if (byLabel) return { d: byLabel, source: 'label' };
  const all = doc.lines.flatMap((l, i) => datesOnLine(doc, i).map((d, k, ds) => {
    const before = l.text.slice(k ? ds[k - 1]!.span.end : 0, d.span.start);
    // A date opening its row may be the value of a label the OCR put on a row of its own just
    // before it (`住民となった年月日` | `平成26年4月13日` on a 住民票 read in columns).
    const labelAbove = !k && !before.trim() && OTHER_DATE_LABEL_AT_END.test(doc.lines[i - 1]?.text ?? '');
    return { d, claimed: labelAbove || OTHER_DATE_LABEL.test(before), after: l.text.slice(d.span.end) };
  }));
  const suffixed = all.find((x) => /^\s*生/u.test(x.after));
  if (suffixed) return { d: suffixed.d, source: 'shape' };
  // The row that printed the birth date with 生 is there but its date is past reading (`品和4年月
  // 17昌生`): every date left is some other date (a licence's 他 row, 平成7年12月10日, was taken).
  if (doc.lines.some((l) => BIRTH_SUFFIX.test(fixEras(l.text)))) return null;
  const earliest = all
    .filter((x) => !/^\s*ま\s*で/u.test(x.after) && !x.claimed)
    .sort((a, b) => a.d.iso.localeCompare(b.d.iso))[0];
  return earliest ? { d: earliest.d, source: 'shape' } : null;
}

/**
 * Labels of an ID's other dates: issue, expiry, permission (許可年月日, its 許 often garbled),
 * 在留期間, 届出, 住民となった年月日. Not any 〇年月日: a 生年月日 whose 生 was misread is the one
 * label the fallback above is for.
 */
const OTHER_DATE_LABEL = stopRe(L.issue, L.expiry, /可\s*年\s*月\s*日|許可|満了|期間|届出|と\s*な\s*っ\s*た/u);
/** A day and 生 (`17日生`, `17昌生` before fixEras): the end of a birth date printed with its suffix. */
export const BIRTH_SUFFIX = /\d\s*日\s*生/u;
const OTHER_DATE_LABEL_AT_END = new RegExp(`(?:${OTHER_DATE_LABEL.source})[^\\d]{0,6}$`, 'u');

/**
 * The birth date after its label, or opening the row below, when its era lost the 昭 or 令 and
 * kept 和 (`和60年5月24日`): for a birth, a year past 8 can only be 昭和 (令和8 is 2026), the rest
 * 令和. Only for a birth: an issue or expiry date's 和12年 is 令和.
 */
function eraLostAfter(doc: DocText, label: Span): FoundDate | null {
  for (const [line, from] of [[label.line, label.end], [label.line + 1, 0]] as const) {
    const text = doc.lines[line]?.text ?? '';
    const m = /^[\s:：]*和\s*(\d{1,2})\s*年/u.exec(text.slice(from));
    if (!m) continue;
    const at = from + m[0].indexOf('和');
    const d = findJapaneseDates(fixEras((Number(m[1]) > 8 ? '昭' : '令') + text.slice(at)))[0];
    if (d?.index === 0) return { iso: d.iso, span: { line, start: at, end: at + d.length - 1 } };
  }
  return null;
}

// What must be burnt out of an ID image before it is stored, found in the OCR words:
// - any 12 digits forming a My Number with a valid check digit, wherever they are and however
//   OCR split them (番号法 19-20条, rules 47, 48); on a document that prints the 個人番号 label, the
//   value after it even when the check digit fails (a one-digit misread must not leak it, rule 48);
// - on a 住民票の写し, the 個人番号 (rule 50) and, as a precaution, the 住民票コード;
// - on a health insurance card / 資格確認書, the 保険者番号 and 記号・番号・枝番 values and every other
//   run of 4+ digits that is not part of a date (健康保険法 194条の2, rule 51).
// A driver's licence number that happens to pass the My Number check digit (1 in 11 do) is masked
// too: rule 48 is applied literally, as everywhere else in the system.

import { myNumberCheckDigit } from '../validators/my-number.js';
import type { DocumentType, MaskKind } from '../ocr/fields.js';
import type { BBox } from '../ocr/engine.js';
import { datesOnLine, labelRe, stopRe } from '../ocr/parse-labels.js';
import { type DocText, type Span, findAll, valueAfter } from '../ocr/parse-text.js';
import { type DigitChain, charBox, chainBoxes, digitChains, union } from './digit-chains.js';

export interface Region {
  kind: MaskKind;
  bbox: BBox;
}

const MY_NUMBER_LABEL = /[個固偶][人入八][番衝畨審][号弓呂](?![カヵ力][ー\-一]?[ドト])/u;
const RESIDENT_CODE = labelRe('住民票コード');
const INSURANCE_LABELS = labelRe('保険者番号', '記号', '番号', '枝番');
const INSURANCE_STOP = stopRe(INSURANCE_LABELS, labelRe('氏名', '生年月日', '性別', '交付', '保険者名称', '有効期限', '資格取得', '事業所'));

/** Latin letters and digits on a line (one digit at least) from which it is taken for a misread number. */
const MISREAD_NUMBER_MIN = 6;

const isValid = (d: string) => d.length === 12 && myNumberCheckDigit(d.slice(0, 11)) === Number(d[11]);

/** 12-digit windows on piece boundaries of a chain (a 4-4-4 number inside a longer run, too). */
function myNumberWindows(chain: DigitChain): Array<[number, number]> {
  const starts = new Set<number>([0]);
  let acc = 0;
  for (const p of chain.pieces) {
    acc += p.digits.length;
    starts.add(acc);
  }
  const out: Array<[number, number]> = [];
  for (const s of starts) {
    const e = s + 12;
    // The window must end on a piece boundary unless the chain is exactly it: 13+ contiguous
    // digits printed as one number are not a My Number.
    if (e <= chain.digits.length && starts.has(e) && isValid(chain.digits.slice(s, e))) out.push([s, e]);
  }
  return out;
}

function spanBoxes(doc: DocText, s: Span): BBox[] {
  const boxes: BBox[] = [];
  for (let i = s.start; i < s.end; i++) {
    const b = charBox(doc, s.line, i);
    if (b) boxes.push(b);
  }
  return boxes.length ? [boxes.reduce(union)] : [];
}

/**
 * A label's value ends at the first wide gap (over 1.5 line heights): what lies beyond is another
 * column (or a picture OCR read as text), not this number.
 */
function cutAtGap(doc: DocText, s: Span): Span {
  const line = doc.lines[s.line]!;
  const height = line.bbox.y1 - line.bbox.y0;
  let prev: BBox | null = null;
  for (let i = s.start; i < s.end; i++) {
    const b = charBox(doc, s.line, i);
    if (!b) continue;
    if (prev && b.x0 - prev.x1 > height * 1.5) return { ...s, end: i };
    prev = b;
  }
  return s;
}

function chainsIn(chains: DigitChain[], s: Span): DigitChain[] {
  return chains.filter((c) => c.pieces.some((p) => p.line === s.line && p.end > s.start && p.start < s.end));
}

function inDate(doc: DocText, c: DigitChain): boolean {
  return c.pieces.every((p) => datesOnLine(doc, p.line).some((d) => d.span.start <= p.start && d.span.end >= p.end));
}

export function findSensitiveRegions(doc: DocText, type: DocumentType): Region[] {
  const regions: Region[] = [];
  const chains = digitChains(doc);
  const add = (kind: MaskKind, c: DigitChain, from = 0, to = c.digits.length) => {
    for (const b of chainBoxes(doc, c, from, to)) regions.push({ kind, bbox: b.bbox });
  };
  for (const c of chains) {
    for (const [s, e] of myNumberWindows(c)) add('my_number', c, s, e);
  }
  // The value after a 個人番号 / 住民票コード label, whatever its check digit says.
  const labelled: Array<[RegExp, MaskKind]> = [[MY_NUMBER_LABEL, 'my_number']];
  if (type === 'RESIDENT_RECORD') labelled.push([RESIDENT_CODE, 'resident_code']);
  for (const [re, kind] of labelled) {
    for (const hit of findAll(doc, re)) {
      const v = valueAfter(doc, hit, /[^\d\s\-OoIl|]/u);
      if (v) for (const c of chainsIn(chains, v)) if (c.digits.length >= 8) add(kind, c);
    }
  }
  if (type === 'HEALTH_INSURANCE_CARD' || type === 'QUALIFICATION_CERTIFICATE') {
    for (const hit of findAll(doc, INSURANCE_LABELS)) {
      const v = valueAfter(doc, hit, INSURANCE_STOP);
      if (!v) continue;
      for (const b of spanBoxes(doc, cutAtGap(doc, v))) regions.push({ kind: 'insurance_number', bbox: b });
    }
    for (const c of chains) if (c.digits.length >= 4 && !inDate(doc, c)) add('insurance_number', c);
    // A number misread as letters (`asmg omie4ssz` for a 保険者番号 whose label went too) leaves no
    // digits to find. These cards print nothing else in Latin letters and digits but numbers and
    // dates, so such a line that no label explains is masked from its first such word to its last.
    for (let line = 0; line < doc.lines.length; line++) {
      const text = doc.lines[line]!.text;
      const alnum = [...text.matchAll(/[A-Za-z0-9]+/gu)];
      const count = alnum.reduce((n, m) => n + m[0].length, 0);
      if (count < MISREAD_NUMBER_MIN || !/\d/u.test(text) || INSURANCE_STOP.test(text) || datesOnLine(doc, line).length) continue;
      const last = alnum.at(-1)!;
      for (const b of spanBoxes(doc, { line, start: alnum[0]!.index, end: last.index + last[0].length })) regions.push({ kind: 'insurance_number', bbox: b });
    }
  }
  return regions;
}

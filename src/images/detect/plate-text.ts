// Licence plates read as text (DOMAIN §6.1): a line with the hiragana and the serial (さ 46-49,
// ま・・70, れ 12-34), optionally under a line with the region name and classification number
// (多摩 500). The region is both lines, widened to the plate's panel (the text fills about 80% of
// its width and 70% of its height).
import { findAll, type DocText } from '../../identity/ocr/parse-text.js';
import type { BBox } from '../../identity/ocr/engine.js';
import type { Proposal } from '../regions/kinds.js';
import { spanBox } from './text-spans.js';

// Private, rental and commercial hiragana (DOMAIN §6.1) and the serial 1-9999 (・・12, 1-23, 12-34,
// 4649). A digit may precede the hiragana (the classification number: OCR joins 多摩500さ46-49).
export const PLATE_SERIAL = /(?<!\p{L})[さすせそたちつてとなにぬねのはひふほまみむめもやゆらりるろれわあいうえかきくけこを]\s?(?:[・.･]{1,3}\s?\d{1,3}|\d{1,2}\s?[-‐−ー－]\s?\d{2}|\d{4})(?!\d)/u;
const REGION_LINE = /(?<![\p{L}\d])[一-龯ぁ-んァ-ヶ]{1,4}\s?\d{1,3}(?!\d)/u;
const REGION_BEFORE = /[一-龯ぁ-んァ-ヶ]{1,4}\s?\d{1,3}\s?$/u;

export function plateTextProposals(doc: DocText, size: { width: number; height: number }): Proposal[] {
  const out: Proposal[] = [];
  for (const found of findAll(doc, PLATE_SERIAL)) {
    // The region name and classification number on the same line, when OCR read it as one.
    const before = REGION_BEFORE.exec(doc.lines[found.line]!.text.slice(0, found.start));
    const hit = before ? { ...found, start: before.index } : found;
    let box = spanBox(doc, hit);
    if (!box) continue;
    const lh = box.y1 - box.y0;
    const above = doc.lines[hit.line - 1];
    if (above && box.y0 - above.bbox.y1 < 1.5 * lh) {
      const region = findAll({ lines: [above] }, REGION_LINE)[0];
      const rb = region ? spanBox(doc, { ...region, line: hit.line - 1 }) : null;
      if (rb) box = union(box, rb);
    }
    out.push({ kind: 'licence_plate', detector: 'plate_text', rect: widen(box, size), confidence: 0.8, neverPublish: false, text: doc.lines[hit.line]!.text.slice(hit.start, hit.end) });
  }
  return out;
}

const union = (a: BBox, b: BBox): BBox => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });

function widen(b: BBox, size: { width: number; height: number }) {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  const x0 = Math.max(0, Math.floor(b.x0 - 0.15 * w));
  const y0 = Math.max(0, Math.floor(b.y0 - 0.25 * h));
  const x1 = Math.min(size.width, Math.ceil(b.x1 + 0.15 * w));
  const y1 = Math.min(size.height, Math.ceil(b.y1 + 0.25 * h));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

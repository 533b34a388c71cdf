// Second opinion on image-analysis plate candidates once OCR has read the page: a row of glyphs on
// a plain background is also what a printed line looks like. A candidate is dropped when it lies
// inside a detected document (the document region already covers it, and is never published), or
// when OCR reads ordinary confident text across it that is not plate-shaped (a label, a sign, a
// sheet). A real plate is seldom read with confidence, and when it is, it reads as a plate.
import type { DocText } from '../../identity/ocr/parse-text.js';
import type { Proposal } from '../regions/kinds.js';
import { PLATE_SERIAL } from './plate-text.js';
import { boxArea, intersection } from './raster.js';
import { bboxOf } from './text-spans.js';

const MIN_CHARS = 6;
const MIN_CONFIDENCE = 75;

export function filterPlateCandidates(plates: Proposal[], doc: DocText, documents: Proposal[]): Proposal[] {
  return plates.filter((p) => {
    const box = bboxOf(p.rect);
    if (documents.some((d) => intersection(bboxOf(d.rect), box) >= 0.8 * boxArea(box))) return false;
    return !doc.lines.some((l) => {
      if (intersection(l.bbox, box) < 0.5 * boxArea(l.bbox)) return false;
      const chars = l.text.replace(/\s/g, '').length;
      const conf = l.words.reduce((a, w) => a + w.confidence, 0) / Math.max(1, l.words.length);
      return chars >= MIN_CHARS && conf >= MIN_CONFIDENCE && !PLATE_SERIAL.test(l.text);
    });
  });
}

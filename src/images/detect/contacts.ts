// Names beside phone numbers: on a contacts list, a call log or a delivery slip the person's name
// sits on the same visual row as their number, without a label. Words of the whole page are
// grouped into the phone number's row by their vertical centre (tesseract may put the name and the
// number on different "lines"), the row is cut into segments at wide gaps, and the nearest segment
// with letters to the left of the number (else to the right) is proposed as a name. A name once
// found is personal data wherever else it appears on the page (a contact's detail pane, a chat
// header): every other run of the same words is proposed too (repeatedNames).
import type { BBox } from '../../identity/ocr/engine.js';
import type { DocText } from '../../identity/ocr/parse-text.js';
import type { Proposal } from '../regions/kinds.js';
import { bboxOf, padded } from './text-spans.js';

interface Word {
  text: string;
  bbox: BBox;
  confidence: number;
}

const LETTER = /[\p{L}]/u;
const CALL_WORDS = /^(?:tel|fax|phone|mobile|電話|携帯|℡)[.:：]?$/iu;

export function contactNameProposals(doc: DocText, phones: Proposal[]): Proposal[] {
  const words: Word[] = doc.lines.flatMap((l) => l.words.map((w) => ({ text: w.text.normalize('NFKC').trim(), bbox: w.bbox, confidence: w.confidence }))).filter((w) => w.text);
  const out: Proposal[] = [];
  for (const phone of phones) {
    const pb = bboxOf(phone.rect);
    const cy = (pb.y0 + pb.y1) / 2;
    const lh = Math.max(4, (pb.y1 - pb.y0) / 1.6);
    const row = words.filter((w) => Math.abs((w.bbox.y0 + w.bbox.y1) / 2 - cy) <= 0.6 * lh).sort((a, b) => a.bbox.x0 - b.bbox.x0);
    const segments = split(row, 1.5 * lh);
    const at = segments.findIndex((s) => s.some((w) => overlapsX(w.bbox, pb)));
    if (at < 0) continue;
    const isName = (s: Word[]) => s.some((w) => LETTER.test(w.text) && !CALL_WORDS.test(w.text)) && s.map((w) => w.text).join('').length <= 60;
    const left = segments.slice(0, at).reverse().find(isName);
    const seg = left ?? segments.slice(at + 1).find(isName);
    if (!seg) continue;
    const box = seg.map((w) => w.bbox).reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
    const confidence = Math.max(0.3, seg.reduce((a, w) => a + w.confidence, 0) / seg.length / 100);
    out.push({ kind: 'name_or_address', detector: 'contact_name', rect: padded(box, 0.3 * lh), confidence, neverPublish: false, text: seg.map((w) => w.text).join(' ') });
  }
  return out;
}

function split(row: Word[], gap: number): Word[][] {
  const out: Word[][] = [];
  for (const w of row) {
    const last = out.at(-1);
    if (last && w.bbox.x0 - last.at(-1)!.bbox.x1 <= gap) last.push(w);
    else out.push([w]);
  }
  return out;
}

const overlapsX = (a: BBox, b: BBox) => Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0);

const fold = (w: string) => w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Other occurrences of names already proposed: the same words, in order, on any line. */
export function repeatedNames(doc: DocText, names: Proposal[]): Proposal[] {
  const out: Proposal[] = [];
  const seen = names.map((n) => bboxOf(n.rect));
  for (const n of names) {
    const target = (n.text ?? '').split(/\s+/).map(fold).filter(Boolean);
    if (!target.length || target.join('').length < 3) continue;
    for (const line of doc.lines) {
      const words = line.words.map((w) => ({ ...w, f: fold(w.text) })).filter((w) => w.f);
      for (let i = 0; i + target.length <= words.length; i++) {
        if (!target.every((t, k) => words[i + k]!.f === t)) continue;
        const run = words.slice(i, i + target.length);
        const box = run.map((w) => w.bbox).reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
        if (seen.some((b) => overlapsX(b, box) && Math.min(b.y1, box.y1) > Math.max(b.y0, box.y0))) continue;
        seen.push(box);
        out.push({ kind: 'name_or_address', detector: 'name_repeat', rect: padded(box, 0.3 * (box.y1 - box.y0)), confidence: n.confidence, neverPublish: false, text: n.text });
      }
    }
  }
  return out;
}

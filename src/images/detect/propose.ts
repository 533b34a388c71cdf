// Automatic PII proposals for one photo (issue #5 §3). Pure with respect to the database: it gets
// the original bytes and the engines, and answers proposals in the photo's full-size, oriented
// pixel coordinates. Staff confirm or dismiss each one; nothing is redacted on a guess alone.
//   vehicle photos: plates by image analysis (OCR rarely reads a plate in a car photo);
//   every photo:    faces; OCR text → phone numbers, postal codes, addresses, names beside labels
//                   and beside phone numbers, My Numbers, IMEIs, 車台番号, plates read as text,
//                   whole documents by keyword (never publish, rule 60);
//   device photos:  text-heavy screen areas (never publish when they show notifications).
import type { OcrEngine } from '../../identity/ocr/engine.js';
import type { Proposal, RegionKind } from '../regions/kinds.js';
import { contactNameProposals, repeatedNames } from './contacts.js';
import { documentProposals } from './documents.js';
import type { FaceDetector } from './faces.js';
import { labelProposals } from './labels.js';
import { numberProposals } from './numbers.js';
import { ocrPage } from './ocr-page.js';
import { filterPlateCandidates } from './plate-filter.js';
import { plateTextProposals } from './plate-text.js';
import { detectPlates } from './plate-shape.js';
import { iou } from './raster.js';
import { screenTextProposals } from './screen-text.js';
import { bboxOf, clampRect, rectOf } from './text-spans.js';

export type PhotoSubject = 'vehicle' | 'device' | 'other';

export interface ProposeInput {
  image: Buffer;
  size: { width: number; height: number };
  subject: PhotoSubject;
  ocr: OcrEngine | null;
  faces: FaceDetector | null;
  maxPixels: number;
}

export interface ProposeSummary {
  ocr: 'done' | 'unavailable';
  faces: 'done' | 'unavailable';
  plates: 'done' | 'skipped';
  ocrMs: number;
  textLines: number;
  counts: Partial<Record<RegionKind, number>>;
}

export async function proposeRegions(input: ProposeInput): Promise<{ proposals: Proposal[]; summary: ProposeSummary }> {
  const found: Proposal[] = [];
  const summary: ProposeSummary = { ocr: 'unavailable', faces: 'unavailable', plates: 'skipped', ocrMs: 0, textLines: 0, counts: {} };
  if (input.subject === 'vehicle') {
    for (const p of await detectPlates(input.image, { maxPixels: input.maxPixels })) {
      found.push({ kind: 'licence_plate', detector: 'plate_shape', rect: rectOf(p.box), confidence: Math.min(1, p.score), neverPublish: false });
    }
    summary.plates = 'done';
  }
  if (input.faces) {
    try {
      for (const f of await input.faces.detect(input.image, { maxPixels: input.maxPixels })) {
        const padX = Math.round((f.box.x1 - f.box.x0) * 0.15);
        const padY = Math.round((f.box.y1 - f.box.y0) * 0.15);
        found.push({ kind: 'face', detector: 'face', rect: { x: f.box.x0 - padX, y: f.box.y0 - padY, width: f.box.x1 - f.box.x0 + 2 * padX, height: f.box.y1 - f.box.y0 + 2 * padY }, confidence: f.score, neverPublish: false });
      }
      summary.faces = 'done';
    } catch {
      // The engine failed to load or run: staff must look for faces themselves (the job says so).
      summary.faces = 'unavailable';
    }
  }
  if (input.ocr) {
    // An OCR queue-full error propagates: the job is retried later, not finished without text.
    const page = await ocrPage(input.ocr, input.image, input.size, input.maxPixels);
    const doc = page.doc;
    const numbers = numberProposals(doc);
    const documents = documentProposals(doc);
    const shapes = found.filter((p) => p.detector === 'plate_shape');
    const kept = filterPlateCandidates(shapes, doc, documents);
    found.splice(0, found.length, ...found.filter((p) => p.detector !== 'plate_shape' || kept.includes(p)));
    found.push(...numbers, ...labelProposals(doc), ...documents, ...plateTextProposals(doc, input.size));
    const names = [...contactNameProposals(doc, numbers.filter((p) => p.kind === 'phone_number')), ...found.filter((p) => p.detector === 'name_label')];
    found.push(...names.filter((p) => p.detector === 'contact_name'), ...repeatedNames(doc, names));
    if (input.subject === 'device') found.push(...screenTextProposals(doc));
    Object.assign(summary, { ocr: 'done', ocrMs: page.ms, textLines: doc.lines.length });
  }
  const proposals = dedupe(found.map((p) => ({ ...p, rect: clampRect(p.rect, input.size.width, input.size.height) })));
  for (const p of proposals) summary.counts[p.kind] = (summary.counts[p.kind] ?? 0) + 1;
  return { proposals, summary };
}

/** Same kind and mostly the same place: one region (the union, the higher confidence). */
function dedupe(ps: Proposal[]): Proposal[] {
  const out: Proposal[] = [];
  for (const p of [...ps].sort((a, b) => b.confidence - a.confidence)) {
    const same = out.find((o) => o.kind === p.kind && iou(bboxOf(o.rect), bboxOf(p.rect)) > 0.5);
    if (!same) {
      out.push({ ...p });
      continue;
    }
    const a = bboxOf(same.rect);
    const b = bboxOf(p.rect);
    same.rect = rectOf({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
    same.neverPublish ||= p.neverPublish;
  }
  return out;
}

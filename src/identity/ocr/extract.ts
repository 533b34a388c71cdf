// ID document extraction: image → orientation → OCR → document type → fields → validations → masked
// image. Runs entirely in memory: the unmasked image is never written to disk or logged (番号法,
// rule 47); only `maskedImage` may be persisted, and a My Number card back is refused outright
// unless the tenant allows address-update capture (then it is masked like everything else).

import sharp from 'sharp';
import { type CapturePolicy, decideCapture } from '../masking/policy.js';
import { findSensitiveRegions } from '../masking/find-regions.js';
import { maskDocumentImage } from '../masking/mask-image.js';
import { scrubFields } from '../masking/scrub-text.js';
import { findMyNumbers } from '../validators/my-number.js';
import { type Detection, type DocumentHint, detectDocument } from './detect-document.js';
import type { OcrEngine, OcrOptions, OcrResult } from './engine.js';
import { type DocumentFields, type DocumentType, type ExtractedDocument, type FieldName, type ParsedDocument, emptyParsed, field, fieldSpans, lowConfidenceWarnings } from './fields.js';
import { parseDriversLicence } from './parse-drivers-licence.js';
import { parseHealthInsurance } from './parse-health-insurance.js';
import { type MrzRead, bestMrz, findMrz, withNameOf } from './parse-mrz.js';
import { mrzRowsSeen, readMrzBand } from './parse-mrz-band.js';
import { parseMyNumberFront } from './parse-my-number-front.js';
import { mrzStandsAlone, parsePassport } from './parse-passport.js';
import { RESIDENCE_NUMBER_SHAPE, parseResidenceCard, residenceNumberSpan } from './parse-residence-card.js';
import { parseResidentRecord, residentRecordPrintsMyNumber } from './parse-resident-record.js';
import { type DocText, docFromOcr } from './parse-text.js';
import { validateExtracted } from './parse-validations.js';
import { frameDocument } from './frame-document.js';
import { type Decoded, lazyPng, pngForOcr, sharpOf, toPixels } from './pixels.js';
import { LEVEL_DEG, levelled, rereadLines, rereadTargets, skewDegrees } from './reread.js';
import { rereadByShape } from './reread-shape.js';
import { recognizeSplit } from './split-read.js';

export interface ExtractInput {
  engine: OcrEngine;
  image: Buffer;
  hint?: DocumentHint;
  /** YYYY-MM-DD (Asia/Tokyo): expiry and age are judged on this day. */
  transactionDate: string;
  policy?: CapturePolicy;
}

export interface ExtractOutput {
  document: ExtractedDocument;
  /** The only form of the image that may be stored; null when refused or no document was found. */
  maskedImage: Buffer | null;
  refused?: { code: 'my_number_back_refused'; message: string };
}

/** Skew (degrees) from which a read that lost a core field is tried again on the levelled image. */
const LEVEL_AGAIN_DEG = 1;
const PRINTS_ADDRESS = new Set<DocumentType>(['DRIVERS_LICENSE', 'MY_NUMBER_CARD', 'RESIDENCE_CARD', 'RESIDENT_RECORD']);

/** Name and birth date are on every document read here; the address on those that print one. */
function lacksCoreField(type: DocumentType, f: DocumentFields): boolean {
  return !f.name || !f.dateOfBirth || (PRINTS_ADDRESS.has(type) && !f.address);
}

/** Uploads are first bounded to this long side (memory), then framed (frame-document.ts). */
const MAX_SIDE = 2000;
const MAX_INPUT_PIXELS = 50_000_000; // decompression-bomb guard

interface Read {
  /** The image that was read, decoded: masking and re-reads work on its pixels. */
  page: Decoded;
  ocr: OcrResult;
  doc: DocText;
  det: Detection;
}

/** Width of an A4 page (210 mm) in inches. */
const PAGE_INCHES = 210 / 25.4;
/**
 * The resolution cards are read at, whatever their file says. Their true one is near 300 dpi (a
 * 1000 px photo of an 85.6 mm card), but 72, the header most phones and image tools write, read
 * degraded cards best: 95.2% of fields exact against 92.7% at the true one (n=30 per type).
 * Being explicit keeps a scanner's 600 dpi header from changing how a card is read.
 */
const CARD_DPI = 72;

/**
 * How a whole page is read. Cards (landscape): one uniform block (psm 6) reads best. Pages
 * (portrait, e.g. a 住民票の写し laid out as a ruled table): psm 4 keeps each table row as one line
 * where psm 6 loses rows; their resolution follows from the A4 width taken as filling the image
 * (住民票 fields exact, n=30: clean 95.3% → 96.0%, degraded unchanged).
 */
function pageOptions(width: number, portrait: boolean): OcrOptions {
  return portrait ? { lang: 'jpn', psm: 4, dpi: width / PAGE_INCHES } : { lang: 'jpn', psm: 6, dpi: CARD_DPI };
}

async function read(engine: OcrEngine, page: Decoded, hint: DocumentHint | undefined, opts: OcrOptions): Promise<Read> {
  const png = lazyPng(page);
  // A card (psm 6) is read as two halves side by side (split-read.ts). A page read with column
  // finding (psm 4: a 住民票) is read whole: in half a page tesseract lost the column of labels
  // (住民票 fields exact, degraded, n=50: 96.4% whole, 95.2% in halves).
  if (opts.psm === 6) {
    const split = await recognizeSplit(engine, png, page, opts);
    const r = readOf(page, split.ocr, hint);
    // A half with two or three lines of a dark, blurred card can read as noise, and with it the
    // title that names the document: nothing recognised in halves is read whole before giving up.
    if (!split.halves || r.det.type !== 'UNKNOWN') return r;
  }
  return readOf(page, await engine.recognize(await png(), opts), hint);
}

function readOf(page: Decoded, ocr: OcrResult, hint: DocumentHint | undefined): Read {
  const doc = docFromOcr(ocr);
  return { page, ocr, doc, det: detectDocument(doc, hint) };
}

function parse(r: Read, mrz: MrzRead | null): ParsedDocument {
  switch (r.det.type) {
    case 'DRIVERS_LICENSE': return parseDriversLicence(r.doc);
    case 'MY_NUMBER_CARD': return parseMyNumberFront(r.doc); // never a number field (rule 58)
    case 'RESIDENCE_CARD': return parseResidenceCard(r.doc);
    case 'PASSPORT': return parsePassport(r.doc, mrz);
    case 'HEALTH_INSURANCE_CARD':
    case 'QUALIFICATION_CERTIFICATE': return parseHealthInsurance(r.doc);
    case 'RESIDENT_RECORD': return parseResidentRecord(r.doc);
    default: return emptyParsed();
  }
}

/**
 * The second parse (its low-confidence lines replaced by more confident re-reads) wins; a field
 * only the first found is kept.
 */
function mergeParsed(first: ParsedDocument, second: ParsedDocument): ParsedDocument {
  return { ...second, fields: { ...first.fields, ...second.fields } };
}

export async function extractDocument(input: ExtractInput): Promise<ExtractOutput> {
  const { engine, hint, transactionDate } = input;
  // Orientation from EXIF, metadata dropped, long side bounded, transparency flattened onto white:
  // an alpha channel means nothing on a document and made every later resize several times slower
  // (sharp premultiplies it: 21 against 6 ms to shrink a 1000 px card).
  const decoded = await toPixels(
    sharp(input.image, { limitInputPixels: MAX_INPUT_PIXELS })
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }),
  );
  // A photo of a card on a desk is cut to the card, and any document scaled to the size it is read at.
  const { pixels } = await frameDocument(decoded);
  const portrait = pixels.height > pixels.width * 1.15;
  const pageOpts = pageOptions(pixels.width, portrait);
  let r = await read(engine, pixels, hint, pageOpts);
  const warnings = [...r.det.warnings];
  let mrz: MrzRead | null = null;
  // An MRZ is the passport's signature even when the Japanese model read nothing of it; probe the
  // bottom band briefly, then the card upside down (photographed that way), then give up.
  const probe = async (img: Decoded, attempts: number) => {
    const band = await readMrzBand(engine, img, transactionDate, attempts);
    return band.read && (band.read.check.allOk || band.read.passed >= 2) ? band.read : null;
  };
  if (r.det.type === 'UNKNOWN') {
    mrz = await probe(pixels, 2);
    if (!mrz) {
      const turned = await toPixels(sharpOf(pixels).rotate(180));
      const r2 = await read(engine, turned, hint, pageOpts);
      if (r2.det.type === 'UNKNOWN') mrz = await probe(turned, 2);
      if (r2.det.type !== 'UNKNOWN' || mrz) {
        r = r2;
        warnings.push({ code: 'rotated_180', message: 'The image was upside down and was turned.' });
      }
    }
    if (mrz) r.det = { ...r.det, type: 'PASSPORT', side: 'front', confidence: 0.6, evidence: ['MRZ'] };
  }
  // The MRZ reader needs level lines (a few degrees of skew over 44 characters loses them): the
  // skew measured on the first pass's lines turns the image first.
  // The first pass saw where the MRZ rows are: a tight crop around them is tried first.
  // But the Japanese first pass often reads the MRZ rows well already: when that reading's check
  // digits all validate and its name agrees with the visual zone, the band read is skipped.
  if (r.det.type === 'PASSPORT' && !mrz?.check.allOk) {
    const first = findMrz(r.ocr.lines.map((l) => l.text), transactionDate);
    if (first && mrzStandsAlone(first, r.doc)) mrz = first;
    else {
      const deg = skewDegrees(r.ocr);
      const seen = mrzRowsSeen(r.ocr, r.page.width, r.page.height, Math.abs(deg) > LEVEL_DEG ? deg : 0);
      // The band read is the better reader, but not always: a dark band can read worse than the
      // first pass did, which is kept when its check digits show it the better one (its name
      // still comes from the band read: see withNameOf).
      const band = (await readMrzBand(engine, await levelled(r.page, r.ocr), transactionDate, Infinity, seen)).read;
      const best = bestMrz(band, first, mrz);
      mrz = best && withNameOf(best, band);
    }
  }
  const { type, side } = r.det;
  const decision = decideCapture({ type, side }, input.policy);
  if (decision.action === 'refuse') {
    // Rule 47: nothing of the back is kept, not even its OCR text or fields.
    return {
      document: { type, side, fields: {}, validations: [], warnings: [...warnings, { code: decision.code, message: decision.message }], maskedRegions: [] },
      maskedImage: null,
      refused: { code: decision.code, message: decision.message },
    };
  }
  if (type === 'UNKNOWN') {
    // Nothing recognised: nothing to keep, so nothing to mask.
    const message = 'No identity document was recognised in the image.';
    return { document: { type, side, fields: {}, validations: [], warnings: [...warnings, { code: 'no_document_found', message }], maskedRegions: [] }, maskedImage: null };
  }

  let parsed = parse(r, mrz);
  // A skewed photo whose read lost a field every such document prints (a ruled row dropped, a
  // label garbled past recognition) is read once more, turned level by the skew of the lines read.
  // The better read is kept; fields only the other found are added. The stored image is masked
  // with the boxes of the read made on it, so a read is only taken if it finds at least as many
  // regions to mask as the other.
  const fromOther = new Set<object>();
  if (type !== 'PASSPORT' && lacksCoreField(type, parsed.fields) && Math.abs(skewDegrees(r.ocr)) >= LEVEL_AGAIN_DEG) {
    const page = await levelled(r.page, r.ocr);
    const ocr = await engine.recognize(await pngForOcr(page), pageOpts);
    const r2: Read = { page, ocr, doc: docFromOcr(ocr), det: r.det };
    const p2 = parse(r2, mrz);
    const count = (p: ParsedDocument) => Object.keys(p.fields).length;
    const masks = (x: Read) => findSensitiveRegions(x.doc, type).length;
    const [win, lose] = count(p2) > count(parsed) && masks(r2) >= masks(r) ? [p2, parsed] : [parsed, p2];
    if (win === p2) r = r2;
    for (const k of Object.keys(lose.fields) as FieldName[]) {
      if (win.fields[k] || !lose.fields[k]) continue;
      win.fields[k] = lose.fields[k] as never;
      fromOther.add(lose.fields[k]);
    }
    parsed = win;
  }
  // Masking needs only the first pass's word boxes: it runs while the re-reads below are on the pool.
  const masking = maskDocumentImage(r.page, r.ocr, type);
  masking.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  // Second look at the words of fields read with low confidence (not the passport: its fields come
  // from the MRZ and its check digits).
  if (type !== 'PASSPORT') {
    const spansOf = (f: FieldName) => {
      const v = parsed.fields[f];
      // Spans point into the read the field came from: fields taken from the other read are not re-read.
      return (v && !fromOther.has(v) && fieldSpans.get(v)) || [];
    };
    const targets = rereadTargets(parsed.fields, spansOf);
    // A residence card number is always read again on its own, constrained to its shape (see
    // reread-shape.ts): the Japanese model's Latin look-alikes are often confidently wrong.
    const numberSpan = type === 'RESIDENCE_CARD' ? residenceNumberSpan(r.doc, spansOf('documentNumber')) : null;
    const img = targets.length || numberSpan ? r.page : null;
    const first = parsed.fields.documentNumber;
    const [doc, number] = await Promise.all([
      img && targets.length ? rereadLines(engine, img, r.doc, targets) : null,
      img && numberSpan ? rereadByShape(engine, img, r.doc, numberSpan, first && !fromOther.has(first) ? first.value : null, RESIDENCE_NUMBER_SHAPE) : null,
    ]);
    if (doc) parsed = mergeParsed(parsed, parse({ ...r, doc }, mrz));
    if (number && number.value !== parsed.fields.documentNumber?.value) parsed.fields.documentNumber = field(number.value, number.confidence, first?.source ?? 'shape');
  }
  const fields = parsed.fields;
  // Rules 51 and 58: these documents never yield a number.
  if (type === 'MY_NUMBER_CARD' || type === 'HEALTH_INSURANCE_CARD' || type === 'QUALIFICATION_CERTIFICATE') delete fields.documentNumber;
  // Rule 48 on every field, read literally as the rest of the system does: a licence number that
  // happens to pass the My Number check digit (1 in 11 do) is withheld too, with a warning.
  if (fields.documentNumber && findMyNumbers(fields.documentNumber.value).length) {
    delete fields.documentNumber;
    warnings.push({ code: 'document_number_withheld', message: 'The document number has the form of a My Number and cannot be stored; record the document type only.' });
  }
  const scrubbed = scrubFields(fields);
  if (scrubbed) warnings.push({ code: 'my_number_removed', message: 'A My Number was found in the text read and removed.' });

  const masked = await masking;
  const document: ExtractedDocument = {
    type,
    side,
    fields,
    validations: parsed.validations,
    warnings: [...warnings, ...parsed.warnings],
    maskedRegions: masked.regions,
  };
  const post = validateExtracted(document, transactionDate, { myNumberPrinted: type === 'RESIDENT_RECORD' && residentRecordPrintsMyNumber(r.doc) });
  document.validations.push(...post.validations);
  document.warnings.push(...post.warnings, ...lowConfidenceWarnings(fields));
  return { document, maskedImage: masked.image };
}

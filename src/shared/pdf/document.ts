import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR, japaneseFontBytes } from './fonts.js';

export { FONT_BOLD, FONT_REGULAR } from './fonts.js';

export interface PdfDocumentOptions {
  title: string;
  author?: string;
  subject?: string;
  /** Written as CreationDate and ModDate. Required: a clock reading would make the bytes vary. */
  fixedDate: Date;
  size?: 'A4';
  layout?: 'portrait' | 'landscape';
  /** Page margin in points on every side (default 28 pt, about 1 cm). */
  margin?: number;
}

/**
 * A pdfkit document that renders byte-identically for identical input. What pdfkit 0.20 needs:
 * - `info.CreationDate` defaults to `new Date()`: we pass `fixedDate` (and set ModDate to it).
 * - The trailer /ID is md5 of CreationDate and the info strings, computed in the constructor:
 *   stable once the date is fixed, but then two different ledgers with the same title and date
 *   share an ID. `renderToBuffer` rewrites it from a hash of the finished file (content ID).
 * - Everything else is already a function of the input: subset font tags come from the font's
 *   per-document id (F1, F2…), zlib output is stable, and nothing else reads the clock or RNG
 *   (random bytes are only used for encryption, which we never enable).
 * `bufferPages` is on so that `decoratePages` can write "page N / M" once M is known.
 */
export function createPdfDocument(options: PdfDocumentOptions): PDFKit.PDFDocument {
  if (Number.isNaN(options.fixedDate.getTime())) throw new RangeError('fixedDate is not a valid date');
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 28,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'ja-JP',
    displayTitle: true,
    info: {
      Title: options.title,
      ...(options.author ? { Author: options.author } : {}),
      ...(options.subject ? { Subject: options.subject } : {}),
      Creator: 'daicho',
      Producer: 'daicho (pdfkit)',
      CreationDate: options.fixedDate,
      ModDate: options.fixedDate,
    },
  });
  // Fonts are registered from cached bytes; pdfkit embeds a subset holding only the used glyphs.
  doc.registerFont(FONT_REGULAR, japaneseFontBytes(FONT_REGULAR));
  doc.registerFont(FONT_BOLD, japaneseFontBytes(FONT_BOLD));
  doc.font(FONT_REGULAR);
  compactFinishedPages(doc);
  return doc;
}

const LAYOUT_CACHE_PAGES = 20;

/** The pdfkit 0.20 internals compactFinishedPages relies on. */
interface BufferedInternals {
  _pageBuffer?: { content?: { buffer: Uint8Array[] | Uint8Array } }[];
  _fontFamilies?: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * pdfkit keeps a buffered page's content stream as one small Uint8Array per drawing operator
 * (each with its own ArrayBuffer), joined only when the document ends: a 5,000-entry ledger held
 * 940,000 of them, about 250 MB of heap, and 10,000 entries took the server to 2 GB. When a page
 * is added, the pages before it are finished (the footer, drawn later, appends), so their chunks
 * are joined into one buffer each: the same bytes in the same order, a fraction of the memory.
 * Each font's layout cache (a glyph run per distinct string: every name and address) starts
 * afresh every LAYOUT_CACHE_PAGES pages: it had grown to 720,000 glyph positions for 20,000
 * entries, and emptying it on every page cost a quarter more time.
 */
function compactFinishedPages(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as BufferedInternals;
  const pages = internals._pageBuffer;
  if (!pages) return;
  let compacted = 0;
  doc.on('pageAdded', () => {
    for (; compacted < pages.length - 1; compacted++) {
      const content = pages[compacted]?.content;
      if (content && Array.isArray(content.buffer) && content.buffer.length > 1) content.buffer = [Buffer.concat(content.buffer)];
    }
    if (pages.length % LAYOUT_CACHE_PAGES === 0) {
      for (const font of Object.values(internals._fontFamilies ?? {})) if (font.layoutCache) font.layoutCache = Object.create(null);
    }
  });
}

export interface PageInfo {
  /** 1-based page number. */
  number: number;
  count: number;
}

/**
 * Header/footer hook: calls `draw` on every buffered page once the page count is final. Call it
 * after the body is laid out and before `renderToBuffer`. Draw with `lineBreak: false` (as
 * `drawTextLine` does): text in the margins would otherwise make pdfkit add a page.
 */
export function decoratePages(doc: PDFKit.PDFDocument, draw: (page: PageInfo) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    draw({ number: i - start + 1, count });
  }
}

/** Ends the document and collects its bytes, with a content-derived trailer /ID. */
export function renderToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('error', reject);
    doc.on('end', () => {
      try {
        resolve(stampContentId(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
    doc.end();
  });
}

// pdfkit writes `/ID [<32 hex> <32 hex>]` in the trailer. Replacing it with the same number of
// hex digits keeps every xref offset valid.
const TRAILER_ID = /\/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]/;

/**
 * Sets both trailer /ID strings to the first 16 bytes of SHA-256 over everything before the
 * trailer (all objects, the Info dictionary with the title and dates, and the xref table).
 * ISO 32000-1 §14.4 asks for an ID computed from the file's content; this one is also stable.
 */
export function stampContentId(pdf: Buffer): Buffer {
  const trailerAt = pdf.lastIndexOf('\ntrailer\n');
  if (trailerAt < 0) throw new Error('PDF trailer not found');
  const trailer = pdf.subarray(trailerAt).toString('latin1');
  const match = TRAILER_ID.exec(trailer);
  if (!match) throw new Error('PDF trailer /ID not in the expected pdfkit form');
  const id = createHash('sha256').update(pdf.subarray(0, trailerAt)).digest('hex').slice(0, 32);
  const out = Buffer.from(pdf);
  out.write(`/ID [<${id}> <${id}>]`, trailerAt + match.index, 'latin1');
  return out;
}

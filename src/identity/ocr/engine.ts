// The OCR engine interface. Domains (ID documents, photo PII proposals) depend on this, never on
// tesseract.js directly, so a second engine can slot in and unit tests of the code around OCR can
// use a fake (the real engine is tested too).

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrWord {
  text: string;
  confidence: number; // 0-100
  bbox: BBox; // in the pixel coordinates of the image passed to recognize()
}

export interface OcrLine {
  text: string;
  confidence: number;
  bbox: BBox;
  words: OcrWord[];
}

export interface OcrResult {
  text: string;
  confidence: number;
  lines: OcrLine[];
  /** Milliseconds spent in the worker, for benchmarks and logs. */
  ms: number;
}

export interface OcrOptions {
  lang: 'jpn' | 'eng' | 'jpn+eng';
  /** Tesseract page segmentation mode; 6 (single block) suits cards, 11/12 sparse text suits photos. */
  psm?: number;
  /** Restrict characters, e.g. MRZ: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'. */
  whitelist?: string;
  /**
   * The image's resolution in dots per inch, when the document's physical size tells it. Tesseract
   * sizes its thresholding window by it; left to the file's header (72 from most software) or to
   * its own guess, bold card print is binarised through a window smaller than a glyph.
   */
  dpi?: number;
  /** Per-job timeout override in ms. */
  timeoutMs?: number;
}

export interface OcrEngine {
  /** Recognise one image (encoded PNG/JPEG/WebP bytes). Throws UnavailableError when the queue is full. */
  recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult>;
  /** Resolves once workers are started and warmed; /ready waits on it. */
  ready(): Promise<void>;
  isReady(): boolean;
  stats(): { workers: number; busy: number; queued: number; maxQueue: number };
  close(): Promise<void>;
}

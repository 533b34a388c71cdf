// A scripted OcrEngine for unit tests of the code AROUND OCR (parsers, upload routes, 503 handling)
// without starting tesseract. It keeps the real pool's queue semantics (concurrency, bounded queue,
// ocr_queue_full, ocr_closed) so back-pressure code can be tested against it too.
//
//   const ocr = new FakeOcrEngine();
//   ocr.script('氏名 山田 太郎\n番号 第 309012345620 号');   // next recognize() returns this text
//   ocr.script(new UnavailableError('ocr_timeout', 'slow'));  // the one after throws
//   new FakeOcrEngine({ delayMs: 50, workers: 1, maxQueue: 0 }) // second concurrent call → queue full

import { UnavailableError } from '../../shared/errors.js';
import type { OcrEngine, OcrLine, OcrOptions, OcrResult } from './engine.js';

export type FakeResponse = string | Partial<OcrResult> | Error;

export interface FakeOcrOptions {
  /** Fallback when no scripted response is left (default: empty text). */
  respond?: (image: Buffer, opts: OcrOptions, call: number) => FakeResponse | Promise<FakeResponse>;
  /** Simulated recognition time per job. */
  delayMs?: number;
  /** Jobs run concurrently (like pool workers). Default 1. */
  workers?: number;
  maxQueue?: number;
  /** ready() resolves after this long (default 0). */
  readyDelayMs?: number;
}

export class FakeOcrEngine implements OcrEngine {
  /** Every recognize() call, in order (including ones that were refused). */
  readonly calls: { image: Buffer; opts: OcrOptions }[] = [];
  /** Make recognize() refuse with ocr_queue_full regardless of load. */
  forceQueueFull = false;

  private readonly scripted: FakeResponse[] = [];
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readyFlag = false;
  private closed = false;

  constructor(private readonly options: FakeOcrOptions = {}) {}

  /** Queue responses for the next recognize() calls, first in first out. */
  script(...responses: FakeResponse[]): this {
    this.scripted.push(...responses);
    return this;
  }

  async ready(): Promise<void> {
    if (this.options.readyDelayMs) await sleep(this.options.readyDelayMs);
    this.readyFlag = true;
  }

  isReady(): boolean {
    return this.readyFlag && !this.closed;
  }

  stats() {
    return { workers: this.workers, busy: this.running, queued: this.waiting.length, maxQueue: this.maxQueue };
  }

  async recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    const call = this.calls.push({ image, opts }) - 1;
    if (this.closed) throw new UnavailableError('ocr_closed', 'The OCR engine is shutting down.', 5);
    if (this.forceQueueFull || (this.running >= this.workers && this.waiting.length >= this.maxQueue)) {
      throw new UnavailableError('ocr_queue_full', 'The OCR queue is full.', 1);
    }
    // Take the scripted response now, so responses match call order even with concurrency.
    const scripted = this.scripted.shift();
    // A finishing job hands its slot straight to the next waiter, so a newcomer cannot jump the queue.
    if (this.running >= this.workers) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    if (this.closed) throw new UnavailableError('ocr_closed', 'The OCR engine is shutting down.', 5);
    try {
      const started = Date.now();
      if (this.options.delayMs) await sleep(this.options.delayMs);
      const response = scripted ?? (await this.options.respond?.(image, opts, call)) ?? '';
      if (response instanceof Error) throw response;
      const result = typeof response === 'string' ? textResult(response) : { ...textResult(response.text ?? ''), ...response };
      return { ...result, ms: result.ms || Date.now() - started };
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
  }

  private get workers(): number {
    return Math.max(1, this.options.workers ?? 1);
  }

  private get maxQueue(): number {
    return this.options.maxQueue ?? 32;
  }
}

/**
 * An OcrResult for plain text: one line per "\n", words split on spaces, with made-up but
 * consistent boxes (40 px per line, 20 px per character) so bbox-using code has something to chew.
 */
export function textResult(text: string, confidence = 90): OcrResult {
  const lines: OcrLine[] = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((lineText, i) => {
      let x = 10;
      const words = lineText.split(/\s+/).filter(Boolean).map((w) => {
        const bbox = { x0: x, y0: 10 + i * 40, x1: x + [...w].length * 20, y1: 40 + i * 40 };
        x = bbox.x1 + 10;
        return { text: w, confidence, bbox };
      });
      return { text: lineText, confidence, bbox: { x0: 10, y0: 10 + i * 40, x1: Math.max(10, x - 10), y1: 40 + i * 40 }, words };
    });
  return { text: text.endsWith('\n') || text === '' ? text : `${text}\n`, confidence, lines, ms: 0 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

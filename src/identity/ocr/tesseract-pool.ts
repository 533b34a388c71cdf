// OcrEngine backed by a fixed pool of tesseract.js workers (worker threads running the wasm core),
// fully offline. Jobs wait in a bounded FIFO queue; a full queue answers 503 at once rather than
// letting requests pile up. Tesseract jobs cannot be cancelled, so a job that overruns its timeout
// (or whose worker dies) costs that worker: it is terminated and a fresh one started.
//
// Errors: UnavailableError (503 + Retry-After) with code ocr_queue_full, ocr_timeout,
// ocr_worker_failed (crashed twice on one job), ocr_unavailable (no worker could start) or
// ocr_closed; ValidationError ocr_image_unreadable (400) when the bytes are not an image.

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { BroadcastChannel, type Worker as ThreadWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { UnavailableError, ValidationError } from '../../shared/errors.js';
import type { OcrEngine, OcrOptions, OcrResult } from './engine.js';
import { jobParams, toResult, warmupImage } from './tesseract-job.js';
import { ABORT_CHANNEL, LOG_CHANNEL, prepareTessdata, resolveCoreDir, writeWorkerScript } from './tessdata.js';

type Lang = OcrOptions['lang'];

export interface TesseractPoolOptions {
  /** Worker threads: ~85 MB each once warm, ~110-140 MB after big images (the wasm heap never shrinks). Default: one per CPU. */
  workers?: number;
  /** Jobs allowed to WAIT (not counting running ones) before recognize() throws ocr_queue_full. */
  maxQueue?: number;
  /** Per-job limit on RUNNING time (queue wait excluded; the queue bound limits that). */
  jobTimeoutMs?: number;
  /** Folder for the language data (e.g. DATA_DIR/tessdata); created if missing. */
  cacheDir: string;
  /** Language each slot's first worker is started (and warmed) with at boot. */
  initialLang?: Lang;
  /**
   * Workers for OTHER languages a slot may keep beside its first one, each in its own thread and
   * started on first use (0.4-0.6 s once, ~40-90 MB each). Switching a worker's language costs
   * 70-90 ms each way, and a passport's MRZ (eng) between card reads (jpn) would pay it twice per
   * document; a slot still runs one job at a time, so CPU use is unchanged. Beyond this many, the
   * least recently used one is switched. Default 2 (covers eng and jpn+eng); 0 = always switch.
   */
  langWorkers?: number;
  /**
   * Other languages whose workers each slot starts and warms at boot, beside its first one, so
   * that the first passport or residence card after a start does not wait 0.4-0.6 s for one.
   * Default: eng (the MRZ and the residence card number), when langWorkers allows one.
   */
  warmLangs?: Lang[];
  /** A worker that has not started within this time is treated as failed (a hang means a fetch). */
  startTimeoutMs?: number;
  /**
   * Worker timeouts and crashes are warnings. What tesseract prints is debug, except an abort of
   * the wasm core (a warning). None of it holds text read from an image.
   */
  logger?: { warn(obj: object, msg: string): void; debug?(obj: object, msg: string): void };
}

/** What the wasm core prints when it dies, as against tesseract's and leptonica's chatter. */
const CORE_FAILURE = /\b(?:Aborted|RuntimeError|out of memory)\b/iu;

interface Job {
  image: Buffer;
  opts: OcrOptions;
  /** Times this job was re-queued because its worker crashed under it. */
  retries: number;
  resolve(r: OcrResult): void;
  reject(e: unknown): void;
}

interface Slot {
  id: number;
  worker: Tesseract.Worker | null; // started with initialLang; null while (re)starting
  /** The language `worker` is on (null while unknown: a switch failed half-way). */
  lang: Lang | null;
  /** Workers for other languages (see langWorkers), most recently used last. */
  others: Map<Lang, Tesseract.Worker>;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  starting: boolean;
  /** Bumped whenever the worker is discarded, so late callbacks from a dead worker are ignored. */
  gen: number;
}

const RESTART_BACKOFF_MS = [500, 2_000, 10_000, 30_000];

export class TesseractPool implements OcrEngine {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly jobTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly initialLang: Lang;
  private readonly langWorkers: number;
  private readonly warmLangs: Lang[];
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private langPath: string | null = null;
  private workerPath: string | null = null;
  private booting: Promise<void> | null = null;
  private readyFlag = false;
  private closed = false;
  private restartFailures = 0;
  private avgJobMs = 500; // moving average, feeds Retry-After
  /** Lines the worker threads print (see writeWorkerScript); open from boot to close. */
  private workerLog: BroadcastChannel | null = null;

  constructor(private readonly options: TesseractPoolOptions) {
    this.size = Math.max(1, options.workers ?? os.cpus().length);
    this.maxQueue = Math.max(0, options.maxQueue ?? 32);
    this.jobTimeoutMs = options.jobTimeoutMs ?? 20_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.initialLang = options.initialLang ?? 'jpn';
    this.langWorkers = Math.max(0, options.langWorkers ?? 2);
    this.warmLangs = [...new Set<Lang>(options.warmLangs ?? ['eng'])].filter((l) => l !== this.initialLang).slice(0, this.langWorkers);
    this.slots = Array.from({ length: this.size }, (_, id) => ({ id, worker: null, lang: null, others: new Map(), job: null, timer: null, starting: false, gen: 0 }));
  }

  ready(): Promise<void> {
    if (this.closed) return Promise.reject(closedError());
    this.booting ??= this.boot().catch((err) => {
      this.booting = null; // let a later ready() try again
      if (this.slots.every((s) => !s.worker)) {
        this.rejectQueued(new UnavailableError('ocr_unavailable', 'The OCR engine could not start.', 30));
      }
      throw err;
    });
    return this.booting;
  }

  isReady(): boolean {
    return this.readyFlag && !this.closed;
  }

  stats() {
    return {
      workers: this.slots.filter((s) => s.worker).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      maxQueue: this.maxQueue,
    };
  }

  async recognize(image: Buffer, opts: OcrOptions): Promise<OcrResult> {
    if (this.closed) throw closedError();
    const idle = this.slots.some((s) => s.worker && !s.job); // then the job runs at once
    if (!idle && this.queue.length >= this.maxQueue) {
      throw new UnavailableError('ocr_queue_full', 'The OCR queue is full.', this.retryAfterSeconds());
    }
    void this.ready().catch(() => {}); // lazy start; failures reject the queued jobs
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ image, opts, retries: 0, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.readyFlag = false;
    this.workerLog?.close();
    this.workerLog = null;
    this.rejectQueued(closedError());
    await Promise.all(this.slots.map((slot) => {
      slot.job?.reject(closedError());
      return this.discard(slot);
    }));
  }

  private async boot(): Promise<void> {
    resolveCoreDir(); // throws now, with a clear message, if tesseract.js-core is not installed
    this.langPath = await prepareTessdata(this.options.cacheDir);
    this.workerPath = await writeWorkerScript(this.langPath);
    this.listenToWorkers();
    // A slot that fails here stays empty (the others serve) until ready() is called again.
    await Promise.all(this.slots.map((slot) => this.start(slot, true)));
    this.readyFlag = !this.closed;
  }

  private listenToWorkers(): void {
    const logger = this.options.logger;
    if (this.workerLog || this.closed || !logger) return;
    // A BroadcastChannel reaches every pool in the process; there is one outside tests.
    this.workerLog = new BroadcastChannel(LOG_CHANNEL);
    this.workerLog.onmessage = (event) => {
      const line = String((event as MessageEvent).data);
      if (CORE_FAILURE.test(line)) logger.warn({ ocrWorker: line }, 'OCR core failure');
      else logger.debug?.({ ocrWorker: line }, 'tesseract said');
    };
    this.workerLog.unref();
  }

  /**
   * Starts a slot's worker and, at boot, its workers for warmLangs beside it. The slot serves once
   * its first worker is up; an other-language worker that fails to start here is started on first
   * use instead.
   */
  private async start(slot: Slot, warm: boolean): Promise<void> {
    if (slot.starting || slot.worker) return;
    slot.starting = true;
    const gen = slot.gen;
    try {
      const langs = warm ? this.warmLangs : [];
      const [first, ...others] = await Promise.allSettled([this.startWorker(slot, gen, this.initialLang, warm), ...langs.map((l) => this.startWorker(slot, gen, l, true))]);
      const started = others.flatMap((o, i) => (o.status === 'fulfilled' ? [[langs[i]!, o.value] as const] : []));
      if (first!.status === 'rejected' || this.closed || slot.gen !== gen) {
        for (const w of [...started.map(([, w]) => w), ...(first!.status === 'fulfilled' ? [first!.value] : [])]) void w.terminate();
        if (first!.status === 'rejected') throw first!.reason;
        return;
      }
      slot.worker = first!.value;
      slot.lang = this.initialLang;
      for (const [lang, w] of started) slot.others.set(lang, w);
      for (const o of others) {
        if (o.status === 'rejected') this.options.logger?.warn({ worker: slot.id, err: String(o.reason) }, 'OCR worker for another language failed to start');
      }
      this.restartFailures = 0;
    } finally {
      slot.starting = false;
    }
    this.pump();
  }

  /**
   * A new worker on `lang`, watched for `slot`. The warm-up recognise matters: the first one is
   * 2.5-4× slower. Until the slot takes the worker, its death rejects this start.
   */
  private async startWorker(slot: Slot, gen: number, lang: Lang, warm: boolean): Promise<Tesseract.Worker> {
    // Started on the first language, then switched: tesseract.js 7 started directly with a
    // combined language ('jpn+eng') fails to load one of them ("Failed loading language ''").
    const worker = await this.spawn(this.initialLang);
    let died: (e: Error) => void = () => {};
    const death = new Promise<never>((_, reject) => { died = reject; });
    death.catch(() => {});
    this.watch(slot, gen, worker, died);
    try {
      if (lang !== this.initialLang) await Promise.race([worker.reinitialize(lang, Tesseract.OEM.LSTM_ONLY), death]);
      if (warm) {
        const job = worker.recognize(await warmupImage(), jobParams({}));
        await Promise.race([job, death, delay(this.startTimeoutMs, 'OCR worker warm-up timed out')]);
      }
    } catch (err) {
      void worker.terminate();
      throw err;
    }
    return worker;
  }

  /**
   * tesseract.js sets `onerror` on the thread, which a Node Worker ignores: without these listeners
   * a crashing thread is an unhandled 'error' event and takes the process down. The death of any of
   * a slot's workers while it belongs to the slot counts as the slot crashing; before that (still
   * starting), `early` gets it.
   */
  private watch(slot: Slot, gen: number, worker: Tesseract.Worker, early: (e: Error) => void): void {
    const mine = () => slot.worker === worker || [...slot.others.values()].includes(worker);
    const onDeath = (err: Error) => (mine() ? this.onCrash(slot, gen, err) : early(err));
    const thread = (worker as unknown as { worker: ThreadWorker }).worker;
    thread.on('error', onDeath);
    thread.on('exit', (code) => onDeath(new Error(`OCR worker exited (code ${code})`)));
  }

  /**
   * The slot's worker for `lang`: its first one when on that language, else one kept for it, else
   * a new one (up to langWorkers), else the least recently used kept one (or, with none allowed,
   * the first one) is switched.
   */
  private async workerFor(slot: Slot, lang: Lang, gen: number): Promise<Tesseract.Worker> {
    if (slot.lang === lang) return slot.worker!;
    const kept = slot.others.get(lang);
    if (kept) {
      slot.others.delete(lang); // re-inserted: most recently used last
      slot.others.set(lang, kept);
      return kept;
    }
    if (slot.others.size < this.langWorkers) {
      // A worker that dies or fails while starting for a job counts as the slot crashing under
      // it: the slot is replaced and the job tried once more, as for a death during the job.
      const worker = await this.startWorker(slot, gen, lang, false).catch((err: Error) => {
        this.onCrash(slot, gen, err);
        throw err;
      });
      if (slot.gen !== gen || this.closed) {
        void worker.terminate();
        throw new Error('OCR worker discarded while starting');
      }
      slot.others.set(lang, worker);
      return worker;
    }
    if (!slot.others.size) {
      slot.lang = null;
      await slot.worker!.reinitialize(lang, Tesseract.OEM.LSTM_ONLY);
      slot.lang = lang;
      return slot.worker!;
    }
    const [oldLang, worker] = [...slot.others][0]!;
    slot.others.delete(oldLang);
    try {
      await worker.reinitialize(lang, Tesseract.OEM.LSTM_ONLY);
    } catch (err) {
      void worker.terminate(); // no longer the slot's: discard() would not end it
      throw err;
    }
    slot.others.set(lang, worker);
    return worker;
  }

  private spawn(lang: Lang): Promise<Tesseract.Worker> {
    return new Promise((resolve, reject) => {
      let settled = false;
      let tessId: string | undefined; // tesseract.js's worker id, learnt from its progress messages
      const fail = (e: unknown) => {
        if (settled) return; // after start, job errors arrive via their own promise
        settled = true;
        clearTimeout(timer);
        // No handle was returned, so ask the thread to exit by itself (see writeWorkerScript).
        if (tessId) abortThread(tessId);
        reject(new Error(`OCR worker failed to start: ${e instanceof Error ? e.message : String(e)}`));
      };
      const timer = setTimeout(() => fail(new Error(`no answer within ${this.startTimeoutMs} ms`)), this.startTimeoutMs);
      // errorHandler is mandatory: without it tesseract.js rethrows every job error from inside a
      // message listener, i.e. as an uncaught exception. A failed language load never settles the
      // createWorker promise; the handler (and the timer) are what surface it.
      const opts = {
        langPath: this.langPath!,
        workerPath: this.workerPath!,
        gzip: true,
        cacheMethod: 'none',
        errorHandler: fail,
        logger: (m: { workerId?: string }) => {
          tessId ??= m.workerId;
        },
      };
      Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, opts).then((w) => {
        clearTimeout(timer);
        if (settled) void w.terminate(); // arrived after the timeout: do not leak the thread
        else {
          settled = true;
          resolve(w);
        }
      }, fail);
    });
  }

  /** Hands queued jobs, oldest first, to idle workers, preferring one already on the job's language. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const idle = this.slots.filter((s) => s.worker && !s.job);
      if (idle.length === 0) return;
      const job = this.queue.shift()!;
      const lang = job.opts.lang;
      const slot = idle.find((s) => s.lang === lang) ?? idle.find((s) => s.others.has(lang)) ?? idle[0]!;
      void this.run(slot, job);
    }
  }

  private async run(slot: Slot, job: Job): Promise<void> {
    const gen = slot.gen;
    slot.job = job;
    const timeoutMs = job.opts.timeoutMs ?? this.jobTimeoutMs;
    slot.timer = setTimeout(() => {
      if (slot.gen !== gen) return;
      this.options.logger?.warn({ worker: slot.id, timeoutMs }, 'OCR job timed out; replacing its worker');
      job.reject(new UnavailableError('ocr_timeout', `OCR did not finish within ${timeoutMs} ms.`, this.retryAfterSeconds()));
      this.replace(slot);
    }, timeoutMs);
    const t0 = performance.now();
    try {
      const worker = await this.workerFor(slot, job.opts.lang, gen);
      if (slot.gen !== gen) return;
      const { data } = await worker.recognize(job.image, jobParams(job.opts), { text: true, blocks: true });
      if (slot.gen !== gen) return; // timed out or crashed meanwhile: the job is already settled
      const ms = Math.round(performance.now() - t0);
      this.avgJobMs = this.avgJobMs * 0.8 + ms * 0.2;
      this.release(slot);
      job.resolve(toResult(data, ms));
    } catch (err) {
      if (slot.gen !== gen) return;
      const msg = err instanceof Error ? err.message : String(err);
      // An unreadable image is the client's fault and leaves the worker intact; anything else may
      // have hit the wasm heap, so that worker is replaced.
      if (/read image/i.test(msg)) {
        this.release(slot);
        job.reject(new ValidationError('ocr_image_unreadable', 'The image could not be decoded for OCR.'));
      } else {
        job.reject(new Error(`OCR failed: ${msg}`));
        this.replace(slot);
      }
    }
    this.pump();
  }

  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  private onCrash(slot: Slot, gen: number, err: Error): void {
    if (slot.gen !== gen || this.closed) return; // our own terminate(), or already handled
    this.options.logger?.warn({ worker: slot.id, err: err.message }, 'OCR worker died; replacing it');
    const job = slot.job;
    this.replace(slot);
    if (!job) return;
    // One retry on a fresh worker: a crash is usually the worker's fault, not the image's.
    if (job.retries < 1) {
      job.retries += 1;
      this.queue.unshift(job);
    } else {
      job.reject(new UnavailableError('ocr_worker_failed', 'The OCR worker failed on this image.', this.retryAfterSeconds()));
    }
    this.pump();
  }

  /** Discards the slot's worker and starts a new one (not warmed: warming would only delay the queue). */
  private replace(slot: Slot): void {
    void this.discard(slot);
    if (this.closed || !this.langPath) return;
    const gen = slot.gen;
    this.start(slot, false).catch((err: unknown) => {
      this.restartFailures += 1;
      this.options.logger?.warn({ worker: slot.id, err: String(err) }, 'OCR worker restart failed');
      // With no worker alive, queued requests would wait forever: answer them now.
      if (this.slots.every((s) => !s.worker)) {
        this.rejectQueued(new UnavailableError('ocr_unavailable', 'The OCR engine is restarting.', 30));
      }
      const backoff = RESTART_BACKOFF_MS[Math.min(this.restartFailures, RESTART_BACKOFF_MS.length) - 1]!;
      setTimeout(() => {
        if (slot.gen === gen && !slot.worker) this.replace(slot);
      }, backoff).unref();
    });
  }

  private async discard(slot: Slot): Promise<void> {
    slot.gen += 1;
    this.release(slot);
    const workers = [...(slot.worker ? [slot.worker] : []), ...slot.others.values()];
    slot.worker = null;
    slot.lang = null;
    slot.others = new Map();
    if (!workers.length) return;
    // tesseract.js's recognize() awaits loadImage() before posting to the thread; terminating in
    // that gap makes it post to `null` in a promise nobody handles (an unhandled rejection). One
    // macrotask is enough for that microtask chain to finish.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(workers.map((w) => w.terminate().catch(() => {})));
  }

  private rejectQueued(err: Error): void {
    for (const job of this.queue.splice(0)) job.reject(err);
  }

  private retryAfterSeconds(): number {
    const ahead = this.queue.length + this.slots.filter((s) => s.job).length;
    return Math.max(1, Math.ceil(((ahead / this.size) * this.avgJobMs) / 1000));
  }
}

function abortThread(id: string): void {
  const channel = new BroadcastChannel(ABORT_CHANNEL);
  channel.postMessage(id);
  channel.close();
}

function delay(ms: number, message: string): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());
}

function closedError(): UnavailableError {
  return new UnavailableError('ocr_closed', 'The OCR engine is shutting down.', 5);
}

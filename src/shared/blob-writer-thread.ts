// Staging on a writer thread, for streams of hundreds of MB (police packets). Hashing (SHA-256,
// about 1.1 GB/s here) and AES-GCM together cost more per byte than producing a stored ZIP does,
// and on the event loop's thread they would queue behind the producer; on a worker thread they
// run on the second core at the same time. Measured on the 400-image bench packet: see README.
//
// Chunks are coalesced into blocks of about 1 MiB (a packet arrives as thousands of small pdfkit
// and ZIP-header writes, and each message costs tens of microseconds), copied once into a buffer
// that is transferred, never shared: the producer may reuse its own buffers. At most 16 MiB are
// in flight; beyond that the stream stops accepting writes until the thread catches up.
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Worker } from 'node:worker_threads';
import type { WriterSetup } from './blob-writer-worker.js';
import { siblingModule, startThread } from './threads.js';

const ENTRY = siblingModule('blob-writer-worker', import.meta.url);
const BLOCK = 1024 * 1024;
const IN_FLIGHT = 16 * 1024 * 1024;

export interface WrittenFile {
  sha256: string;
  size: number;
}

type FromWriter = { ack?: number; done?: WrittenFile; error?: { code: string; message: string } };

class WriterThreadSink extends Writable {
  private readonly worker: Worker;
  private block: Buffer[] = [];
  private blockBytes = 0;
  private inFlight = 0;
  private blocked: (() => void) | null = null;
  private ending: ((err?: Error | null) => void) | null = null;
  result: WrittenFile | null = null;
  /** Settles when the thread has stopped: after that it can no longer create or write the file. */
  readonly exited: Promise<void>;

  constructor(setup: WriterSetup) {
    super({ highWaterMark: BLOCK });
    this.worker = startThread(ENTRY, { workerData: setup });
    this.worker.on('message', (m: FromWriter) => this.onMessage(m));
    this.worker.on('error', (err) => this.destroy(err));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        if (!this.result) this.destroy(new Error('the blob writer thread stopped'));
        resolve();
      }),
    );
  }

  private onMessage(m: FromWriter): void {
    if (m.ack !== undefined) {
      this.inFlight -= m.ack;
      if (this.blocked && this.inFlight < IN_FLIGHT) {
        const resume = this.blocked;
        this.blocked = null;
        resume();
      }
    } else if (m.done) {
      this.result = m.done;
      this.ending?.();
    } else if (m.error) {
      this.destroy(Object.assign(new Error(m.error.message), { code: m.error.code }));
    }
  }

  private send(): void {
    if (this.blockBytes === 0) return;
    // allocUnsafeSlow: its own ArrayBuffer (transferable, not the shared pool), not zero-filled.
    const out = Buffer.allocUnsafeSlow(this.blockBytes);
    let at = 0;
    for (const b of this.block) at += b.copy(out, at);
    this.inFlight += at;
    this.block = [];
    this.blockBytes = 0;
    this.worker.postMessage({ chunk: out.buffer }, [out.buffer]);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.block.push(chunk);
    this.blockBytes += chunk.length;
    if (this.blockBytes >= BLOCK) this.send();
    if (this.inFlight < IN_FLIGHT) cb();
    else this.blocked = cb;
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.send();
    this.ending = cb;
    this.worker.postMessage({ end: true });
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.blocked = null;
    this.ending = null;
    void this.worker.terminate();
    cb(err);
  }
}

/** Writes `source` to `setup.tmpPath` on a writer thread; resolves with the plaintext's hash and size once it is fsynced. */
export async function writeOnThread(source: Readable, setup: WriterSetup): Promise<WrittenFile> {
  const sink = new WriterThreadSink(setup);
  try {
    await pipeline(source, sink);
  } catch (err) {
    // The caller removes the temp file next: the thread must not be able to recreate it after.
    sink.destroy();
    await sink.exited;
    throw err;
  }
  if (!sink.result) throw new Error('the blob writer thread did not finish');
  return sink.result;
}

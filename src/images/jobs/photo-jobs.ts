// The in-process queue of photo proposal jobs (issue #5 §3): uploads return at once and the
// proposals (OCR, plates, faces) run here, one photo at a time, so photos never take more than one
// OCR worker from the counter's ID reading; the OCR pool's own queue bound still applies (a full
// pool makes the job wait and retry). The job's status lives in the photos row (queued, running,
// done, failed), so a restart finds unfinished jobs again (recover()).
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';

export type JobOutcome = 'done' | 'retry';

export interface PhotoJobsOptions {
  run(photoId: string): Promise<JobOutcome>;
  retryDelayMs?: number;
  log?: Pick<FastifyBaseLogger, 'error'>;
}

export class PhotoJobs {
  private readonly queue: string[] = [];
  private readonly pending = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly idleWaiters: (() => void)[] = [];
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: PhotoJobsOptions) {}

  enqueue(photoId: string): void {
    if (this.stopped || this.pending.has(photoId)) return;
    this.pending.add(photoId);
    this.queue.push(photoId);
    this.current ??= this.pump();
  }

  /** Resolves once nothing is queued, running or waiting to retry (tests, benchmarks). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking jobs and waits for the running one; unfinished photos stay queued in the DB. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.current;
  }

  private isIdle(): boolean {
    return !this.current && this.queue.length === 0 && this.timers.size === 0;
  }

  private async pump(): Promise<void> {
    while (this.queue.length && !this.stopped) {
      const id = this.queue.shift()!;
      this.pending.delete(id);
      let outcome: JobOutcome = 'done';
      try {
        outcome = await this.opts.run(id);
      } catch (err) {
        // The job records its own failure on the photo; this is a bug or a lost database.
        this.opts.log?.error({ err, photoId: id }, 'photo proposal job crashed');
      }
      if (outcome === 'retry' && !this.stopped) this.retryLater(id);
    }
    this.current = null;
    if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private retryLater(id: string): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.enqueue(id);
      if (this.isIdle()) for (const wake of this.idleWaiters.splice(0)) wake();
    }, this.opts.retryDelayMs ?? 2_000);
    t.unref();
    this.timers.add(t);
  }
}

const registry = new WeakMap<Db['$client'], PhotoJobs>();

/** The queue serving this database (set by the images plugin); null in CLI or tool contexts. */
export function photoJobsFor(db: Db): PhotoJobs | null {
  return registry.get(db.$client) ?? null;
}

export function registerPhotoJobs(db: Db, jobs: PhotoJobs): void {
  registry.set(db.$client, jobs);
}

// Group commit. A legal ledger must not answer 2xx for a write that a power cut could still undo.
// synchronous=FULL gives that by fsyncing the WAL inside every COMMIT, serially, on the event
// loop: one disk flush per request caps throughput and stalls every other request meanwhile.
//
// In 'group' mode SQLite runs WAL with synchronous=NORMAL (a COMMIT writes the WAL but does not
// flush it), and every response that follows a commit first awaits barrier(): ONE fsync of the
// WAL file, on libuv's thread pool, covers every commit made before it started. Concurrent
// requests share a flush, and the event loop keeps serving while the disk works. fsync(2) flushes
// the file, whichever descriptor names it, so our own descriptor of the -wal file suffices.
// 'full' mode keeps SQLite's per-commit FULL and makes barrier() a no-op.
import fs from 'node:fs/promises';

export type DurabilityMode = 'full' | 'group';

export class Durability {
  /** Commits made so far (bumped by writeTx). */
  commits = 0;
  /** How many commits are known to be on disk. */
  private durable = 0;
  private inFlight: Promise<void> | null = null;
  /** Flushes performed, for tests and benchmarks. */
  fsyncs = 0;

  constructor(
    readonly mode: DurabilityMode,
    private readonly walPath: string | null,
  ) {}

  noteCommit(): void {
    this.commits++;
  }

  /** Resolves once every commit made before the call is on disk. */
  async barrier(): Promise<void> {
    if (this.mode === 'full' || !this.walPath) return;
    const target = this.commits;
    while (this.durable < target) {
      // A flush already running may have started before our commit: wait for it, then maybe flush again.
      if (this.inFlight) await this.inFlight;
      else this.inFlight = this.flush().finally(() => (this.inFlight = null));
    }
  }

  private async flush(): Promise<void> {
    const upTo = this.commits;
    // The -wal file keeps its inode while any connection is open (SQLite resets and truncates
    // it, never deletes it), so one descriptor serves every flush: open/close were two more
    // thread-pool round trips per flush.
    const fh = await this.handle();
    try {
      await fh?.sync();
    } catch (err) {
      // Fail closed (the caller answers 500) and start the next flush from a fresh descriptor.
      await this.close().catch(() => {});
      throw err;
    }
    this.fsyncs++;
    this.durable = Math.max(this.durable, upTo);
  }

  private fh: Promise<fs.FileHandle | null> | null = null;

  private handle(): Promise<fs.FileHandle | null> {
    this.fh ??= fs.open(this.walPath!, 'r+').catch((err: NodeJS.ErrnoException) => {
      this.fh = null;
      // No WAL file means nothing is pending in it (checkpointed and removed on close).
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    return this.fh;
  }

  /** Releases the descriptor; called when the database closes. */
  async close(): Promise<void> {
    const fh = await this.fh;
    this.fh = null;
    await fh?.close();
  }
}

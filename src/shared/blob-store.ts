// Blob storage behind an interface, so an S3-compatible store can replace the local one without
// touching the domains (ARCHITECTURE rule 7).
//
// Writes are two-phase, matching house rule 3 (files are published only after the DB commit):
//   const staged = await blobs.stage(data);   // temp file written + fsynced, hashed on the fly
//   writeTx(db, tx => { ...row referencing staged.key... });
//   await staged.publish();                     // rename into place
// and on a failed commit `await staged.discard()`. Temp files left by a crash are removed at start.
import type { Readable } from 'node:stream';

export interface StagedBlob {
  key: string;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  /** Plaintext size in bytes. */
  size: number;
  publish(): Promise<void>;
  discard(): Promise<void>;
}

export interface BlobStore {
  stage(data: Buffer | Readable): Promise<StagedBlob>;
  /**
   * stage() for streams of hundreds of MB: hashing, encryption and writing run on a writer
   * thread, so they do not queue behind the code producing the stream (blob-writer-thread.ts).
   */
  stageOnThread(data: Readable): Promise<StagedBlob>;
  /** Throws NotFoundError when absent, IntegrityError when it cannot be authenticated. */
  get(key: string): Promise<Buffer>;
  /**
   * The plaintext as a stream, for blobs too large to hold (police packets), and its size. Its
   * authenticity is known only at the end: a blob that fails the check makes the stream error
   * instead of ending, so a consumer never takes a truncated or altered blob for a whole one.
   */
  getStream(key: string): Promise<{ stream: Readable; size: number }>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Remove temp files left behind by a crash; returns how many. */
  cleanTemp(): Promise<number>;
}

/** Convenience for callers with nothing to commit in between (tests, tools). */
export async function putBlob(store: BlobStore, data: Buffer | Readable): Promise<StagedBlob> {
  const staged = await store.stage(data);
  await staged.publish();
  return staged;
}

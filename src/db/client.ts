// Opens the SQLite file, sets the pragmas a legal ledger needs, and applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { Durability, type DurabilityMode } from './durability.js';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; verbs write through it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Works from src/ (tsx) and dist/ (compiled): both sit one level below the project root.
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

const durabilities = new WeakMap<Database.Database, Durability>();
const immediate = new WeakMap<Database.Database, (fn: (tx: Tx) => unknown) => unknown>();

/** The group-commit barrier of this connection (see durability.ts). */
export function durabilityOf(db: Db): Durability {
  return durabilities.get(db.$client)!;
}

export function openDatabase(file: string, opts: { migrate?: boolean; durability?: DurabilityMode } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // A 2xx must survive power loss. 'full': SQLite fsyncs the WAL inside every commit. 'group'
  // (default for the server): commits do not flush, and responses await a shared WAL fsync first.
  const mode = opts.durability ?? 'full';
  sqlite.pragma(mode === 'full' ? 'synchronous = FULL' : 'synchronous = NORMAL');
  // A checkpoint fsyncs the WAL and the database on the event loop: a fixed cost per checkpoint.
  // Checkpointing every ~40 MB instead of ~4 MB amortises it across ten times as many commits.
  if (mode === 'group') sqlite.pragma('wal_autocheckpoint = 10000');
  durabilities.set(sqlite, new Durability(mode, file === ':memory:' ? null : `${file}-wal`));
  // Off by default and per connection in SQLite.
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema }) as Db;
  if (opts.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/** True when every migration in migrations/ has been applied (for /ready). */
export function isMigrated(db: Db): boolean {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  try {
    const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n >= journal.entries.length;
  } catch {
    return false;
  }
}

/**
 * One synchronous write transaction that takes the write lock first (BEGIN IMMEDIATE), so the
 * audit chain head read inside it cannot be forked by a concurrent writer. The callback must not
 * be async: better-sqlite3 would commit before the promise settles and never roll back.
 */
export function writeTx<T>(db: Db, fn: (tx: Tx) => T): T {
  // better-sqlite3's own transaction function, made once per connection: drizzle's
  // db.transaction() builds a transaction object and a new wrapper on every call, measurable on
  // the intake path. Inside it the root handle is the transaction handle (one connection,
  // synchronous), which is all a drizzle Tx is; nothing here uses savepoints or tx.rollback().
  let run = immediate.get(db.$client);
  if (!run) {
    run = db.$client.transaction((f: (tx: Tx) => unknown) => f(db as unknown as Tx)).immediate;
    immediate.set(db.$client, run);
  }
  const result = run(fn) as T;
  durabilities.get(db.$client)?.noteCommit();
  return result;
}

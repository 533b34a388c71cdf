// Opens the SQLite file, sets the pragmas a legal ledger needs, and applies migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The handle a transaction callback receives; verbs write through it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Works from src/ (tsx) and dist/ (compiled): both sit one level below the project root.
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export function openDatabase(file: string, opts: { migrate?: boolean } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // A 2xx must survive power loss: FULL fsyncs the WAL on every commit (TECH-NOTES: ~0.23 ms).
  sqlite.pragma('synchronous = FULL');
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
  return db.transaction(fn, { behavior: 'immediate' });
}

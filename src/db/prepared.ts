// Statements prepared once per connection. Drizzle's builder re-renders and re-prepares its SQL on
// every call (TECH-NOTES: up to 8x slower on lookups; on the one-shot intake it was a fifth of the
// CPU), so hot paths go through these caches. They run on the root connection and therefore join
// whatever synchronous transaction is open on it.
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db, Tx } from './client.js';

const raw = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A raw statement for `text`, prepared on first use on this connection. */
export function prepared(db: Db, text: string): Database.Statement {
  const client = db.$client;
  let map = raw.get(client);
  if (!map) {
    map = new Map();
    raw.set(client, map);
  }
  let st = map.get(text);
  if (!st) {
    st = client.prepare(text);
    map.set(text, st);
  }
  return st;
}

/** An object shaped like `values` whose every key is sql.placeholder(key), for `.prepare()`. */
export function placeholders<V extends object>(values: V, keys: string[] = Object.keys(values)): V {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as unknown as V;
}

interface RunnableInsert {
  run(values: Record<string, unknown>): unknown;
}

/**
 * `tx.insert(table).values(row).run()`, prepared once per table and set of columns. The values go
 * through drizzle's column encoders (booleans, JSON, timestamps) exactly as the builder would.
 * Keys whose value is undefined are left to the column's default, as the builder does.
 */
export function insertRow<T extends SQLiteTable>(db: Db | Tx, table: T, row: T['$inferInsert']): void {
  const values = row as Record<string, unknown>;
  const keys = Object.keys(values).filter((k) => values[k] !== undefined);
  const st = preparedOnce(db, `insert ${getTableName(table)}(${keys.join(',')})`, (d) => {
    // A JS-side default ($defaultFn) would be evaluated once here and frozen into the statement.
    for (const [k, c] of Object.entries(getTableColumns(table))) {
      if (!keys.includes(k) && (c.defaultFn || c.onUpdateFn)) throw new Error(`insertRow: ${getTableName(table)}.${k} has a JS default; pass it explicitly`);
    }
    return d.insert(table).values(placeholders(row, keys)).prepare() as unknown as RunnableInsert;
  });
  st.run(values);
}

// A transaction handle shares its session (and so its connection) with the root handle.
function clientOf(db: Db | Tx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

const built = new WeakMap<Database.Database, Map<string, unknown>>();

/**
 * A drizzle `.prepare()`d query, built once per connection under `key`. Use sql.placeholder()
 * for the values that change per call.
 */
export function preparedOnce<T>(db: Db | Tx, key: string, build: (db: Db | Tx) => T): T {
  const client = clientOf(db);
  let map = built.get(client);
  if (!map) {
    map = new Map();
    built.set(client, map);
  }
  let q = map.get(key) as T | undefined;
  if (q === undefined) {
    q = build(db);
    map.set(key, q);
  }
  return q;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, writeTx } from '../../src/db/client.js';
import { insertRow, prepared } from '../../src/db/prepared.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-prepared-'));
const db = openDatabase(path.join(dir, 'p.sqlite'), { migrate: false });
db.$client.exec('CREATE TABLE things (id TEXT PRIMARY KEY, active INTEGER NOT NULL DEFAULT 1, note TEXT); CREATE TABLE gadgets (id TEXT PRIMARY KEY, made TEXT)');
const gadgets = sqliteTable('gadgets', { id: text('id').primaryKey(), made: text('made').$defaultFn(() => 'js-default') });
const plain = sqliteTable('things', { id: text('id').primaryKey(), active: integer('active', { mode: 'boolean' }).notNull().default(true), note: text('note') });
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('insertRow', () => {
  it('encodes values like the builder, leaves undefined keys to the SQL default, and reuses one statement per column set', () => {
    writeTx(db, (tx) => {
      insertRow(tx, plain, { id: 'a', active: false, note: 'x' });
      insertRow(tx, plain, { id: 'b', note: undefined });
      insertRow(tx, plain, { id: 'c', active: true, note: null });
    });
    expect(prepared(db, 'SELECT id, active, note FROM things ORDER BY id').all()).toEqual([
      { id: 'a', active: 0, note: 'x' },
      { id: 'b', active: 1, note: null },
      { id: 'c', active: 1, note: null },
    ]);
  });
  it('refuses a table whose omitted column has a JS default, which a cached statement would freeze', () => {
    expect(() => insertRow(db, gadgets, { id: 'd' })).toThrow(/gadgets\.made has a JS default/);
    insertRow(db, gadgets, { id: 'e', made: 'given' });
    expect(prepared(db, "SELECT made FROM gadgets WHERE id = 'e'").get()).toEqual({ made: 'given' });
  });
  it('rolls back with the transaction it runs in', () => {
    expect(() =>
      writeTx(db, (tx) => {
        insertRow(tx, plain, { id: 'f' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(prepared(db, "SELECT count(*) AS n FROM things WHERE id = 'f'").get()).toEqual({ n: 0 });
  });
});

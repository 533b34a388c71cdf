// Group commit: responses leave only after a WAL fsync that covers their commits; concurrent
// requests share flushes; a failed flush fails the request instead of answering 2xx.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, startCheckpointer } from '../../src/db/checkpointer.js';
import { durabilityOf, openDatabase } from '../../src/db/client.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

const body = { name: '耐久テスト店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都港区1-1' };

describe('group commit (DURABILITY=group)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { DURABILITY: 'group' } });
  });
  afterAll(() => t.close());

  it('runs SQLite at synchronous=NORMAL and flushes before answering', async () => {
    expect(t.app.daicho.db.$client.pragma('synchronous', { simple: true })).toBe(1);
    const d = durabilityOf(t.app.daicho.db);
    const before = d.fsyncs;
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body });
    expect(res.statusCode).toBe(201);
    expect(d.fsyncs).toBeGreaterThan(before);
  });

  it('shares flushes between concurrent writes, and every write is covered', async () => {
    const d = durabilityOf(t.app.daicho.db);
    const before = d.fsyncs;
    const results = await Promise.all(Array.from({ length: 40 }, () => t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body })));
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const flushes = d.fsyncs - before;
    expect(flushes).toBeGreaterThanOrEqual(1);
    expect(flushes).toBeLessThan(40);
    await d.barrier();
    expect(d.fsyncs - before).toBe(flushes); // nothing was left pending
  });

  it('checkpoints the WAL on a worker thread: the main connection only keeps a high backstop', async () => {
    expect(t.app.daicho.db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    const cp = t.app.daicho.checkpointer!;
    const runs = cp.runs;
    const named = { ...body, name: 'チェックポイント店' };
    for (let i = 0; i < 5; i++) expect((await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: named })).statusCode).toBe(201);
    await expect.poll(() => cp.runs, { timeout: 5000 }).toBeGreaterThan(runs + 1);
    // The database file alone (a copy without its -wal) already holds those stores: the worker
    // copied them back, since nothing on the main connection reached its backstop.
    const copy = path.join(t.dataDir, 'checkpointed-copy.sqlite');
    fs.copyFileSync(t.config.paths.dbFile, copy);
    const alone = new Database(copy, { readonly: true });
    try {
      expect(alone.prepare('SELECT count(*) AS n FROM stores WHERE name = ?').get(named.name)).toEqual({ n: 5 });
    } finally {
      alone.close();
    }
  });

  it('if the checkpoint worker fails, SQLite checkpoints in-line again and the failure is reported', async () => {
    const db = openDatabase(path.join(t.dataDir, 'cp-fail.sqlite'), { durability: 'group' });
    try {
      let reported: Error | undefined;
      // A worker that cannot open its database dies at once.
      const cp = startCheckpointer(db, path.join(t.dataDir, 'no-such-dir', 'x.sqlite'), { onError: (err) => (reported = err) });
      expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
      await expect.poll(() => reported, { timeout: 5000 }).toBeInstanceOf(Error);
      expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      await cp.stop();
    } finally {
      db.$client.close();
    }
  });

  it('a read that commits nothing does not wait for the disk', async () => {
    const d = durabilityOf(t.app.daicho.db);
    const before = d.fsyncs;
    await t.inject({ method: 'GET', url: '/stores', token: t.adminToken });
    expect(d.fsyncs).toBe(before);
  });

  it('fails closed: if the flush fails, the client gets a 500, not a 2xx', async () => {
    const durability = durabilityOf(t.app.daicho.db);
    const d = durability as unknown as { walPath: string };
    const real = d.walPath;
    await durability.close(); // the descriptor is kept between flushes: make the next flush reopen
    d.walPath = t.dataDir; // a directory: open(…, 'r+') fails
    try {
      const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body });
      expect(res.statusCode).toBe(500);
    } finally {
      d.walPath = real;
    }
  });
});

describe('DURABILITY=full', () => {
  it('runs synchronous=FULL and never needs a separate flush', async () => {
    const t = await buildTestApp({ env: { DURABILITY: 'full' } });
    try {
      expect(t.app.daicho.db.$client.pragma('synchronous', { simple: true })).toBe(2);
      const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body });
      expect(res.statusCode).toBe(201);
      expect(durabilityOf(t.app.daicho.db).fsyncs).toBe(0);
    } finally {
      await t.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const body = { name: '監査テスト店', permitNumber: '301234567890', commission: '東京都公安委員会', prefecture: '東京都', address: '東京都港区芝公園4-2-8' };
const count = (sql: string) => (t.app.daicho.db.$client.prepare(sql).get() as { n: number }).n;

describe('audit log', () => {
  it('writes one entry per write, with ids and field names but no personal values', async () => {
    const before = count('SELECT count(*) n FROM audit_log');
    const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body });
    expect(res.statusCode).toBe(201);
    expect(count('SELECT count(*) n FROM audit_log')).toBe(before + 1);
    const page = await t.inject({ method: 'GET', url: `/audit?entityId=${res.json().id}`, token: t.adminToken });
    const [entry] = page.json().items;
    expect(entry).toMatchObject({ action: 'store.create', entityType: 'store', entityId: res.json().id, actorRole: 'admin', requestId: res.headers['x-request-id'] ?? expect.any(String) });
    expect(entry.details.fields).toContain('address');
    expect(JSON.stringify(entry)).not.toContain('芝公園');
  });

  it('rolls the write back when the audit insert fails (fail-closed)', async () => {
    const c = t.app.daicho.db.$client;
    const stores = count('SELECT count(*) n FROM stores');
    c.exec(`CREATE TRIGGER audit_fail BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'forced'); END;`);
    try {
      const res = await t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body });
      expect(res.statusCode).toBe(500);
      expect(res.json().detail).not.toContain('forced');
      expect(count('SELECT count(*) n FROM stores')).toBe(stores);
    } finally {
      c.exec('DROP TRIGGER audit_fail');
    }
  });

  it('refuses UPDATE and DELETE on the log', () => {
    const c = t.app.daicho.db.$client;
    expect(() => c.exec(`UPDATE audit_log SET action = 'x'`)).toThrow(/append-only/);
    expect(() => c.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('keeps one unbroken chain under concurrent writers in several processes', async () => {
    const before = count('SELECT count(*) n FROM audit_log');
    const file = t.config.paths.dbFile;
    const http = Array.from({ length: 20 }, () => t.inject({ method: 'POST', url: '/stores', token: t.adminToken, payload: body }));
    const procs = ['a', 'b', 'c'].map((tag) => run(process.execPath, ['--import', 'tsx', 'test/helpers/concurrent-writer.ts', file, '30', tag]));
    await Promise.all([...http, ...procs]);
    expect(count('SELECT count(*) n FROM audit_log')).toBe(before + 20 + 90);
    const v = verifyAuditChain(t.app.daicho.db);
    expect(v).toMatchObject({ ok: true, entries: before + 110 });
  });

  it('verify passes, then names exactly the entry altered behind the trigger', async () => {
    const ok = await t.inject({ method: 'GET', url: '/audit/verify', token: t.adminToken });
    expect(ok.json().ok).toBe(true);
    const c = t.app.daicho.db.$client;
    const victim = c.prepare('SELECT seq, id FROM audit_log ORDER BY seq LIMIT 1 OFFSET 3').get() as { seq: number; id: string };
    c.exec('DROP TRIGGER audit_log_no_update');
    c.prepare(`UPDATE audit_log SET details = '{"fields":["tampered"]}' WHERE seq = ?`).run(victim.seq);
    c.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
    const res = await t.inject({ method: 'GET', url: '/audit/verify', token: t.adminToken });
    expect(res.json()).toMatchObject({ ok: false, broken: { seq: victim.seq, id: victim.id, reason: 'hash_mismatch' } });
    // the CLI says the same and exits non-zero
    const cli = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'], { env: { ...process.env, DATA_DIR: t.dataDir } }).catch((e) => e);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(victim.id);
  });

  it('pages with a cursor, newest first', async () => {
    const p1 = (await t.inject({ method: 'GET', url: '/audit?limit=5', token: t.adminToken })).json();
    const p2 = (await t.inject({ method: 'GET', url: `/audit?limit=5&cursor=${p1.nextCursor}`, token: t.adminToken })).json();
    expect(p1.items).toHaveLength(5);
    expect(p2.items[0].seq).toBe(p1.items[4].seq - 1);
    const bad = await t.inject({ method: 'GET', url: '/audit?cursor=zzz', token: t.adminToken });
    expect(bad.statusCode).toBe(400);
  });
});

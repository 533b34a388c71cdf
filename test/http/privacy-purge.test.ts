// The retention purge (issue #7 item 6; DOMAIN rules 28-29, 41): the dry run lists and changes
// nothing; a run anonymises trade-ins the day after their third anniversary (not the day before
// or on it), their ID images with them (files deleted), sale buyers by the sale's own date,
// provision records past their period and customers nothing retained refers to; the audit chain
// verifies afterwards; a second run while one holds the lock is refused (API and CLI); and the
// daily job runs on its own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify.js';
import { customers, disposals, idDocuments, privacyPurgeRuns, provisionRecords, tradeins } from '../../src/db/schema/index.js';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { completedTradein, saleWithBuyer, seedIdDocument, watch } from '../helpers/privacy-fixtures.js';
import { licenceHolder } from '../helpers/tradein-factory.js';

const run = promisify(execFile);
// Tokens are made at the start (valid 30 days on): the data is then dated back to 2023.
let now = new Date('2026-11-19T03:00:00Z');
const clock: Clock = { now: () => now };
const setDay = (day: string) => {
  now = new Date(`${day}T03:00:00Z`);
};
let t: TestApp;
let store: { id: string };
let staff: string;
let compliance: string;
const db = () => t.app.daicho.db;
const purge = (dryRun: boolean, token = compliance) => t.inject({ method: 'POST', url: '/privacy/purge', token, payload: { dryRun } });

let a: Awaited<ReturnType<typeof completedTradein>>; // 2023-11-20: purgeable from 2026-11-21
let b: Awaited<ReturnType<typeof completedTradein>>; // 2023-11-22: purgeable from 2026-11-23
let docA: { id: string; blobKey: string };
let saleId: string;
let buyerId: string;
let provisionId: string;

beforeAll(async () => {
  t = await buildTestApp({ build: { clock }, env: { PURGE_ENABLED: 'false' } });
  store = t.makeStore();
  staff = t.tokenFor('staff', [store.id]).token;
  compliance = t.tokenFor('compliance').token;
  setDay('2023-11-20');
  a = await completedTradein(t, staff, store.id, '2023-11-20', { counterparty: { ...licenceHolder, name: '古い 一郎' }, items: [watch] });
  docA = await seedIdDocument(t, store.id, { tradeinId: a.id, name: '古い 一郎' });
  setDay('2023-11-21');
  saleId = (await saleWithBuyer(t, staff, a.items[0]!.id, '2023-11-21', { name: '買手 二郎', address: '東京都新宿区西新宿2-8-1', occupation: '自営業', dateOfBirth: '1970-01-01' })).id;
  buyerId = db().select().from(disposals).all().find((d) => d.id === saleId)!.buyerCustomerId!;
  const p = await t.inject({ method: 'POST', url: '/privacy/provisions', token: staff, payload: { customerId: buyerId, recipientType: 'third_party', recipient: { name: '保証会社' }, dataItems: ['氏名'], basis: 'consent', consentObtainedOn: '2023-11-21', providedOn: '2023-11-21' } });
  provisionId = p.json().record.id; // retained through 2026-11-21
  setDay('2023-11-22');
  b = await completedTradein(t, staff, store.id, '2023-11-22', { counterparty: { ...licenceHolder, name: '新しい 三郎' } });
});
afterAll(() => t.close());

const tradein = (id: string) => db().select().from(tradeins).all().find((x) => x.id === id)!;
const customer = (id: string) => db().select().from(customers).all().find((x) => x.id === id)!;
const auditRows = () => (db().$client.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;

describe('retention purge', () => {
  it('the day before and on the third anniversary: nothing of that day goes', async () => {
    for (const d of ['2026-11-19', '2026-11-20']) {
      setDay(d);
      const r = (await purge(true)).json();
      expect(r.candidates.tradeins.map((x: { id: string }) => x.id), d).not.toContain(a.id);
    }
  });

  it('the dry run lists what would go, with ids and dates only, and writes nothing', async () => {
    setDay('2026-11-21');
    const before = auditRows();
    const res = await purge(true);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ dryRun: true, runId: null, asOf: '2026-11-21', counts: null });
    expect(r.candidates.tradeins).toEqual([{ id: a.id, date: '2023-11-20', erasableFrom: '2026-11-21' }]);
    expect(r.candidates.idDocuments).toEqual([{ id: docA.id, tradeinId: a.id }]);
    expect(r.candidates.disposals).toEqual([]); // the sale of 2023-11-21 is kept through 2026-11-21
    expect(r.candidates.provisionRecords).toEqual([]);
    expect(r.candidates.customers).toEqual([{ id: a.customerId }]);
    expect(res.body).not.toContain('古い');
    expect(auditRows()).toBe(before);
    expect(tradein(a.id).anonymizedAt).toBeNull();
  });

  it('the day after: anonymises the entry and its ID image (file deleted), leaves a tombstone, keeps what is still retained', async () => {
    setDay('2026-11-21');
    const res = await purge(false);
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toMatchObject({ tradeins: 1, idDocuments: 1, customers: 1, disposals: 0, provisionRecords: 0, blobsDeleted: 1, blobDeleteFailures: 0 });
    expect(tradein(a.id)).toMatchObject({ cpName: null, cpAddress: null, customerId: null, businessDate: '2023-11-20', total: 50000 });
    expect(tradein(b.id)).toMatchObject({ cpName: '新しい 三郎', anonymizedAt: null });
    expect(db().select().from(idDocuments).all().find((d) => d.id === docA.id)).toMatchObject({ blobKey: null, extraction: '{}' });
    expect(await t.app.daicho.deps.blobs.exists(docA.blobKey)).toBe(false);
    expect(customer(a.customerId)).toMatchObject({ name: '', address: null, dateOfBirth: null });
    expect(customer(b.customerId).name).toBe('新しい 三郎');
    expect(db().select().from(disposals).all().find((d) => d.id === saleId)!.buyerName).toBe('買手 二郎');
    const runs = (await t.inject({ method: 'GET', url: '/privacy/purge/runs', token: t.adminToken })).json().items;
    expect(runs[0]).toMatchObject({ trigger: 'api', status: 'done', asOf: '2026-11-21' });
  });

  it('the audit chain verifies after the purge', async () => {
    expect(verifyAuditChain(db())).toMatchObject({ ok: true });
    const api = await t.inject({ method: 'GET', url: '/audit/verify', token: compliance });
    expect(api.json()).toMatchObject({ ok: true });
    const details = JSON.stringify(db().$client.prepare('SELECT details FROM audit_log').all());
    expect(details).not.toContain('古い');
  });

  it("next day: the sale's buyer, the provision record and the buyer's record go; the later entry stays until its own date", async () => {
    setDay('2026-11-22');
    const r = (await purge(false)).json();
    expect(r.counts).toMatchObject({ tradeins: 0, disposals: 1, provisionRecords: 1, customers: 1 });
    expect(db().select().from(disposals).all().find((d) => d.id === saleId)).toMatchObject({ buyerName: null, buyerAddress: null, buyerCustomerId: null, price: 80000 });
    expect(db().select().from(provisionRecords).all().map((p) => p.id)).not.toContain(provisionId);
    expect(customer(buyerId).name).toBe('');
    setDay('2026-11-23');
    expect((await purge(false)).json().counts).toMatchObject({ tradeins: 1, customers: 1 });
    expect(tradein(b.id).cpName).toBeNull();
    expect(verifyAuditChain(db()).ok).toBe(true);
  });

  it('refuses a second run while one holds the lock (409), and both the dry run and a stale lock are not blocked', async () => {
    setDay('2026-11-23');
    const c = db().$client;
    c.prepare("INSERT INTO privacy_purge_lock (name, run_id, acquired_at, heartbeat_at) VALUES ('retention_purge', 'other-run', ?, ?)").run(now.toISOString(), now.toISOString());
    try {
      const res = await purge(false);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'purge_running', runId: 'other-run' });
      expect((await purge(true)).statusCode).toBe(200);
      const cli = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'purge'], { env: { ...process.env, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } }).catch((e) => e);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('purge_running');
      const dry = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'purge', '--dry-run'], { env: { ...process.env, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' } });
      expect(dry.stdout).toContain('DRY RUN');
      expect(dry.stdout).not.toContain('新しい');
    } finally {
      c.prepare('DELETE FROM privacy_purge_lock').run();
    }
    // a holder that stopped beating 30 minutes ago is presumed dead
    const old = new Date(now.getTime() - 31 * 60_000).toISOString();
    c.prepare("INSERT INTO privacy_purge_lock (name, run_id, acquired_at, heartbeat_at) VALUES ('retention_purge', 'dead-run', ?, ?)").run(old, old);
    expect((await purge(false)).statusCode).toBe(200);
  });

  it('two runs at once: the second is refused while the first is deleting files, nothing half-done', async () => {
    setDay('2026-11-23');
    const c = await completedTradein(t, staff, store.id, '2023-11-01', { counterparty: { ...licenceHolder, name: '同時 四郎' } });
    await seedIdDocument(t, store.id, { tradeinId: c.id, name: '同時 四郎' });
    const blobs = t.app.daicho.deps.blobs;
    const original = blobs.delete.bind(blobs);
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const atGate = new Promise<void>((r) => (reached = r));
    blobs.delete = async (key: string) => {
      reached();
      await gate;
      return original(key);
    };
    try {
      const first = purge(false);
      await atGate;
      const second = await purge(false);
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('purge_running');
      release();
      expect((await first).json().counts).toMatchObject({ tradeins: 1, idDocuments: 1, blobsDeleted: 1 });
    } finally {
      blobs.delete = original;
    }
    expect(db().select().from(privacyPurgeRuns).all().filter((r) => r.status === 'running')).toEqual([]);
    expect(verifyAuditChain(db()).ok).toBe(true);
  });

  it('only compliance and admin may purge', async () => {
    expect((await purge(true, staff)).statusCode).toBe(403);
    expect((await purge(true, t.adminToken)).statusCode).toBe(200);
    expect((await t.inject({ method: 'POST', url: '/privacy/purge', token: compliance, payload: {} })).statusCode).toBe(400);
  });
});

describe('the daily job', () => {
  it('runs on its own at PURGE_AT (Asia/Tokyo) and is stopped with the app', async () => {
    // 03:29:59.5 in Tokyo: the job is due half a second after start.
    const fixed: Clock = { now: () => new Date('2026-11-21T18:29:59.500Z') };
    const app = await buildTestApp({ build: { clock: fixed }, env: { PURGE_ENABLED: 'true', PURGE_AT: '03:30' } });
    try {
      const runs = () => app.app.daicho.db.select().from(privacyPurgeRuns).all();
      for (let i = 0; i < 60 && !runs().some((r) => r.status === 'done'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(runs()).toEqual([expect.objectContaining({ trigger: 'schedule', status: 'done', asOf: '2026-11-22' })]);
    } finally {
      await app.close();
    }
  });
});

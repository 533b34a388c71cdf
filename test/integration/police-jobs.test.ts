// Packet jobs: a failure is recorded (code, audit) and leaves no file behind; a job cut short by a
// stop is marked failed at the next start; closing the app waits for a running job.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { sha256Hex } from '../../src/shared/hash.js';
import { recoverExports } from '../../src/police/exports/recover-exports.js';
import { runExportProcess } from '../../src/police/exports/run-export-process.js';
import type { Clock } from '../../src/shared/context.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { auditCount, completedPurchase, imei, inquiryBody, phone, seedIdImage, syntheticImage, waitForExport } from '../helpers/police-factory.js';

const clock: Clock = { now: () => new Date('2026-11-22T03:00:00Z') };

async function approvedInquiry(t: TestApp) {
  const store = t.makeStore();
  const staff = t.tokenFor('staff', [store.id]).token;
  const alice = t.tokenFor('compliance').token;
  const bob = t.tokenFor('compliance').token;
  const id = imei('35000000000001');
  const tr = await completedPurchase(t, staff, store.id, { items: [phone(id)] });
  const docId = await seedIdImage(t, { id: tr.id, storeId: store.id }, { image: await syntheticImage(320, 200, 'jpeg') });
  const q = (await t.inject({ method: 'POST', url: '/police/inquiries', token: alice, payload: inquiryBody(store.id, { criteria: { identifiers: [id] } }) })).json();
  await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/search`, token: alice });
  await t.inject({ method: 'PUT', url: `/police/inquiries/${q.id}/selection`, token: alice, payload: { itemIds: [tr.items[0]!.id] } });
  await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/approve`, token: bob });
  return { q, alice, docId };
}

/** An export row as create-export leaves it, for driving the job machinery directly. */
function exportRow(t: TestApp, id: string, inquiryId: string, status: 'queued' | 'running') {
  t.app.daicho.db.$client.prepare(`INSERT INTO police_exports (id, inquiry_id, status, records_total, created_at) VALUES (?, ?, ?, 1, '2026-11-22T00:00:00Z')`).run(id, inquiryId, status);
}

/** The export row's state as the job left it. */
function exportState(t: TestApp, id: string) {
  return t.app.daicho.db.$client.prepare('SELECT status, error_code FROM police_exports WHERE id = ?').get(id) as { status: string; error_code: string | null };
}

/** A fresh app on the fixed clock, with an approved inquiry; closed afterwards whatever happens. */
async function withInquiry(fn: (t: TestApp, inq: Awaited<ReturnType<typeof approvedInquiry>>) => Promise<void>): Promise<void> {
  const t = await buildTestApp({ build: { clock } });
  try {
    await fn(t, await approvedInquiry(t));
  } finally {
    await t.close();
  }
}

describe('packet jobs', () => {
  it('an image that does not match its recorded hash fails the job: code, audit, nothing left behind', () =>
    withInquiry(async (t, { q, alice, docId }) => {
      t.app.daicho.db.$client.prepare('UPDATE id_documents SET sha256 = ? WHERE id = ?').run('0'.repeat(64), docId);
      const job = (await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/exports`, token: alice })).json();
      const done = await waitForExport(t, job.id, alice);
      expect(done).toMatchObject({ status: 'failed', errorCode: 'packet_image_mismatch', sha256: null });
      expect(auditCount(t, 'police_export.fail', job.id)).toBe(1);
      expect(fs.readdirSync(t.config.paths.tmpDir).filter((f) => f.endsWith('.part'))).toEqual([]);
      const dl = await t.inject({ method: 'GET', url: `/police/exports/${job.id}/download`, token: alice });
      expect(dl.json()).toMatchObject({ code: 'export_not_ready', exportStatus: 'failed' });
    }));

  it('a job left queued or running by a stop is marked failed (interrupted) at start', () =>
    withInquiry(async (t, { q }) => {
      exportRow(t, 'stuck-1', q.id, 'running');
      expect(recoverExports(t.sys)).toBe(1);
      expect(exportState(t, 'stuck-1')).toEqual({ status: 'failed', error_code: 'interrupted' });
      expect(auditCount(t, 'police_export.fail', 'stuck-1')).toBe(1);
    }));

  it('runs in a child process; one that dies without finishing leaves the export failed, audited', () =>
    withInquiry(async (t, { q }) => {
      exportRow(t, 'doomed-1', q.id, 'queued');
      let pid: number | undefined;
      const r = await runExportProcess(t.sys, 'doomed-1', {
        onSpawn: (child) => {
          pid = child.pid;
          child.kill('SIGKILL');
        },
      });
      expect(pid).not.toBe(process.pid);
      expect(r.exitCode).toBeNull();
      expect(exportState(t, 'doomed-1')).toEqual({ status: 'failed', error_code: 'packet_process_failed' });
      expect(auditCount(t, 'police_export.fail', 'doomed-1')).toBe(1);
    }));

  it('a child that finishes reports its own peak memory and leaves the export done', () =>
    withInquiry(async (t, { q }) => {
      exportRow(t, 'fine-1', q.id, 'queued');
      const r = await runExportProcess(t.sys, 'fine-1');
      expect(r.exitCode).toBe(0);
      expect(r.maxRssMiB).toBeGreaterThan(20);
      expect(exportState(t, 'fine-1')).toEqual({ status: 'done', error_code: null });
    }));

  it('streams the download and breaks it, never ending cleanly, when the stored packet was altered', () =>
    withInquiry(async (t, { q, alice }) => {
      const job = (await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/exports`, token: alice })).json();
      const done = await waitForExport(t, job.id, alice);
      const ok = await t.inject({ method: 'GET', url: `/police/exports/${job.id}/download`, token: alice });
      expect(ok.statusCode).toBe(200);
      expect(Number(ok.headers['content-length'])).toBe(ok.rawPayload.length);
      expect(sha256Hex(ok.rawPayload)).toBe(done.sha256);
      const { blob_key: key } = t.app.daicho.db.$client.prepare('SELECT blob_key FROM police_exports WHERE id = ?').get(job.id) as { blob_key: string };
      const file = path.join(t.config.paths.blobDir, key.slice(0, 2), key.slice(2, 4), key);
      const bytes = fs.readFileSync(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 1;
      fs.writeFileSync(file, bytes);
      // Headers are out before the check can finish; what must never happen is a body that arrives
      // whole: the altered packet stops short of its Content-Length.
      // Over a real socket, as a client would see it.
      const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const received = await fetch(`${url}/police/exports/${job.id}/download`, { headers: { authorization: `Bearer ${alice}` } }).then(
        async (r) => (await r.arrayBuffer()).byteLength,
        () => 0,
      ).catch(() => 0);
      expect(received).toBeLessThan(ok.rawPayload.length);
    }));

  it('closing the app waits for a running packet job', async () => {
    const t = await buildTestApp({ build: { clock } });
    const { q, alice } = await approvedInquiry(t);
    const job = (await t.inject({ method: 'POST', url: `/police/inquiries/${q.id}/exports`, token: alice })).json();
    await t.app.close();
    const db = openDatabase(t.config.paths.dbFile, { migrate: false });
    try {
      expect(db.$client.prepare('SELECT status FROM police_exports WHERE id = ?').get(job.id)).toEqual({ status: 'done' });
    } finally {
      db.$client.close();
      fs.rmSync(path.resolve(t.dataDir), { recursive: true, force: true });
    }
  });
});

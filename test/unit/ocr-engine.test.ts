// The real tesseract.js pool: recognition of a synthetic licence, back-pressure, timeouts, crashes,
// and a proof that it runs with the network made impossible. One worker and small images keep it
// to a few seconds of CPU, since other test files run beside it.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker as ThreadWorker } from 'node:worker_threads';
// The generator first: it points fontconfig at Noto Sans JP before sharp loads.
import { type SynthDoc, foldForMatch, generateDocument, ocrContains } from '../fixtures/synth/index.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { TesseractPool } from '../../src/identity/ocr/tesseract-pool.js';
import { jobParams } from '../../src/identity/ocr/tesseract-job.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cacheDir = mkdtempSync(join(tmpdir(), 'daicho-ocr-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** The worker threads under the pool (private state, read only to kill one on purpose). */
function threads(pool: TesseractPool): ThreadWorker[] {
  const slots = (pool as unknown as { slots: { worker: { worker: ThreadWorker } | null }[] }).slots;
  return slots.flatMap((s) => (s.worker ? [s.worker.worker] : []));
}

/** The threads a slot keeps for languages other than its first worker's (see langWorkers). */
function langThreads(pool: TesseractPool): ThreadWorker[] {
  const slots = (pool as unknown as { slots: { others: Map<string, { worker: ThreadWorker }> }[] }).slots;
  return slots.flatMap((s) => [...s.others.values()].map((w) => w.worker));
}

async function waitFor(cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobParams', () => {
  it('passes a known resolution to tesseract, rounded and within the range it believes', () => {
    expect(jobParams({ psm: 6 }).user_defined_dpi).toBeUndefined();
    expect(jobParams({ psm: 6, dpi: 296.7 }).user_defined_dpi).toBe('297');
    expect(jobParams({ dpi: 20 }).user_defined_dpi).toBe('70');
    expect(jobParams({ dpi: 9000 }).user_defined_dpi).toBe('2400');
  });
});

describe('TesseractPool (real tesseract)', () => {
  let pool: TesseractPool;
  let licence: SynthDoc<'drivers_licence'>;
  let nameStrip: Buffer; // the top rows of the licence: a quick job
  const said: string[] = []; // what tesseract printed, as the pool logged it

  beforeAll(async () => {
    pool = new TesseractPool({ workers: 1, maxQueue: 2, cacheDir, logger: { warn: () => {}, debug: (o) => said.push(String((o as { ocrWorker: string }).ocrWorker)) } });
    [licence] = await Promise.all([generateDocument('drivers_licence', { seed: 4 }), pool.ready()]);
    nameStrip = await sharp(licence.png).extract({ left: 0, top: 20, width: 1000, height: 140 }).png().toBuffer();
  });
  afterAll(() => pool?.close());

  it('starts and warms a worker for eng beside the jpn one at boot: no MRZ waits for one', async () => {
    expect(threads(pool)).toHaveLength(1);
    expect(langThreads(pool)).toHaveLength(1); // before any eng job
    const eng = langThreads(pool)[0]!.threadId;
    const digits = await pool.recognize(nameStrip, { lang: 'eng', whitelist: '0123456789' });
    expect(digits.text).toMatch(/^[0-9\s]*$/);
    expect(langThreads(pool).map((t) => t.threadId)).toEqual([eng]);
  });

  it('reads the name and licence number of a generated licence, with line boxes', async () => {
    expect(pool.isReady()).toBe(true);
    const r = await pool.recognize(licence.png, { lang: 'jpn' });
    expect(ocrContains(r.text, licence.truth.name)).toBe(true);
    expect(ocrContains(r.text, licence.truth.licenceNumber)).toBe(true);
    // The line holding the number lies on the region where the generator drew it.
    const line = r.lines.find((l) => foldForMatch(l.text).includes(licence.truth.licenceNumber));
    const want = licence.truth.regions.licenceNumber!;
    expect(line).toBeDefined();
    expect(line!.bbox.y0).toBeLessThan(want.y1);
    expect(line!.bbox.y1).toBeGreaterThan(want.y0);
    expect(line!.words.length).toBeGreaterThan(0);
    expect(r.ms).toBeGreaterThan(0);
  });

  it("logs what tesseract prints instead of writing it to the process's stderr", async () => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    onTestFinished(() => spy.mockRestore());
    // One line of the card as a PNG without a resolution (made from raw pixels, as the re-reads'
    // crops are): tesseract takes it for 25 dpi, uses 70 and says so.
    const { data, info } = await sharp(licence.png).extract({ left: 0, top: 40, width: 700, height: 60 }).raw().toBuffer({ resolveWithObject: true });
    const line = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png().toBuffer();
    said.length = 0;
    await pool.recognize(line, { lang: 'jpn', psm: 7 });
    await waitFor(() => said.some((l) => /resolution/i.test(l)), 2_000);
    await new Promise((r) => setTimeout(r, 50)); // a stray stderr write would have landed by now
    expect(stderr.filter((l) => /resolution|tesseract|leptonica/i.test(l))).toEqual([]);
  });

  it('applies a whitelist and another language to one job only', async () => {
    const digits = await pool.recognize(nameStrip, { lang: 'eng', whitelist: '0123456789' });
    expect(digits.text).toMatch(/^[0-9\s]*$/);
    const after = await pool.recognize(nameStrip, { lang: 'jpn' });
    expect(ocrContains(after.text, licence.truth.name)).toBe(true);
  });

  it('keeps another language in a thread of its own: going back and forth switches no model', async () => {
    const first = threads(pool)[0]!.threadId;
    const eng = langThreads(pool);
    expect(eng).toHaveLength(1); // started at boot
    expect(eng[0]!.threadId).not.toBe(first);
    const digits = await pool.recognize(nameStrip, { lang: 'eng', whitelist: '0123456789' });
    expect(digits.text).toMatch(/^[0-9\s]*$/);
    const after = await pool.recognize(nameStrip, { lang: 'jpn' });
    expect(ocrContains(after.text, licence.truth.name)).toBe(true);
    expect(threads(pool)[0]!.threadId).toBe(first);
    expect(langThreads(pool).map((t) => t.threadId)).toEqual([eng[0]!.threadId]);
  });

  it('replaces the slot when its other-language thread dies under a job, and still answers it', async () => {
    const victim = langThreads(pool)[0]!;
    const job = pool.recognize(nameStrip, { lang: 'eng', whitelist: '0123456789' });
    await new Promise((r) => setTimeout(r, 20));
    await victim.terminate();
    const r = await job;
    expect(r.text).toMatch(/^[0-9\s]*$/);
    expect(langThreads(pool).map((t) => t.threadId)).not.toContain(victim.threadId);
    const after = await pool.recognize(nameStrip, { lang: 'jpn' });
    expect(ocrContains(after.text, licence.truth.name)).toBe(true);
  });

  it('refuses at once with ocr_queue_full when the queue is full', async () => {
    const accepted = [1, 2, 3].map(() => pool.recognize(nameStrip, { lang: 'jpn' })); // 1 running + 2 queued
    expect(pool.stats()).toMatchObject({ busy: 1, queued: 2, maxQueue: 2 });
    const t0 = Date.now();
    const refused = await pool.recognize(nameStrip, { lang: 'jpn' }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(50);
    expect(refused).toMatchObject({ status: 503, code: 'ocr_queue_full' });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await Promise.all(accepted); // the accepted ones still complete
  });

  it('times out an overlong job, replaces its worker, and serves the next job', async () => {
    const before = threads(pool).map((t) => t.threadId);
    await expect(pool.recognize(licence.png, { lang: 'jpn', timeoutMs: 30 })).rejects.toMatchObject({ status: 503, code: 'ocr_timeout' });
    const next = await pool.recognize(nameStrip, { lang: 'jpn' });
    expect(ocrContains(next.text, licence.truth.name)).toBe(true);
    expect(threads(pool).map((t) => t.threadId)).not.toEqual(before);
  });

  it('replaces a worker that dies under a job, and still answers that job', async () => {
    const victim = threads(pool)[0]!;
    const job = pool.recognize(nameStrip, { lang: 'jpn' });
    await victim.terminate(); // as if the wasm aborted mid-recognition
    const r = await job;
    expect(ocrContains(r.text, licence.truth.name)).toBe(true);
    expect(threads(pool)[0]!.threadId).not.toBe(victim.threadId);
  });

  it('replaces an idle worker that died', async () => {
    const victim = threads(pool)[0]!;
    await victim.terminate();
    await waitFor(() => threads(pool).length === 1 && threads(pool)[0]!.threadId !== victim.threadId);
    const r = await pool.recognize(nameStrip, { lang: 'jpn' });
    expect(ocrContains(r.text, licence.truth.name)).toBe(true);
  });

  it('close() rejects running and queued jobs, then every later call', async () => {
    const jobs = [1, 2].map(() => pool.recognize(nameStrip, { lang: 'jpn' }).catch((e: unknown) => e));
    await pool.close();
    for (const e of await Promise.all(jobs)) expect(e).toMatchObject({ code: 'ocr_closed' });
    await expect(pool.recognize(nameStrip, { lang: 'jpn' })).rejects.toMatchObject({ code: 'ocr_closed' });
    expect(pool.isReady()).toBe(false);
    expect(threads(pool)).toHaveLength(0);
    expect(langThreads(pool)).toHaveLength(0);
  });
});

describe('TesseractPool start failures', () => {
  it('reports a worker that does not start in time, and does not leak its thread', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    const pool = new TesseractPool({ workers: 1, cacheDir, startTimeoutMs: 1 });
    await expect(pool.ready()).rejects.toThrow(/failed to start/);
    expect(pool.isReady()).toBe(false);
    // The late worker is terminated when it finally arrives (or told to exit if it never does).
    await waitFor(() => ports() === before, 20_000);
    await pool.close();
  });

  it('answers a job whose other-language worker fails to start for it: the slot is replaced and the job tried again', async () => {
    const pool = new TesseractPool({ workers: 1, cacheDir, warmLangs: [] });
    await pool.ready();
    expect(langThreads(pool)).toHaveLength(0); // none warmed: eng starts on first use
    const before = threads(pool)[0]!.threadId;
    const doc = await generateDocument('drivers_licence', { seed: 5 });
    const strip = await sharp(doc.png).extract({ left: 0, top: 20, width: 1000, height: 140 }).png().toBuffer();
    // The eng worker is spawned synchronously by this call, under a 1 ms start limit: it fails.
    const limits = pool as unknown as { startTimeoutMs: number };
    limits.startTimeoutMs = 1;
    const job = pool.recognize(strip, { lang: 'eng', whitelist: '0123456789' });
    limits.startTimeoutMs = 30_000;
    expect((await job).text).toMatch(/^[0-9\s]*$/);
    expect(threads(pool)[0]!.threadId).not.toBe(before);
    expect(langThreads(pool)).toHaveLength(1);
    await pool.close();
  });

  it('with langWorkers 0, one worker switches to another language and back', async () => {
    const pool = new TesseractPool({ workers: 1, cacheDir, langWorkers: 0 });
    const doc = await generateDocument('drivers_licence', { seed: 5 });
    const strip = await sharp(doc.png).extract({ left: 0, top: 20, width: 1000, height: 140 }).png().toBuffer();
    await pool.ready();
    const digits = await pool.recognize(strip, { lang: 'eng', whitelist: '0123456789' });
    expect(digits.text).toMatch(/^[0-9\s]*$/);
    const r = await pool.recognize(strip, { lang: 'jpn' });
    expect(ocrContains(r.text, doc.truth.name)).toBe(true);
    expect(langThreads(pool)).toHaveLength(0);
    await pool.close();
  });

  it('answers an undecodable image with a 400 and keeps the worker', async () => {
    const pool = new TesseractPool({ workers: 1, cacheDir });
    await pool.ready();
    const before = threads(pool)[0]!.threadId;
    await expect(pool.recognize(Buffer.from('not an image'), { lang: 'jpn' })).rejects.toMatchObject({ status: 400, code: 'ocr_image_unreadable' });
    expect(threads(pool)[0]!.threadId).toBe(before);
    await pool.close();
  });
});

// Proof of offline operation: a child process starts a pool in an EMPTY cache folder and reads a
// licence while (a) every network entry point of Node is patched, in the main thread and in the
// worker threads, to record and refuse, and (b) when the kernel allows it, the process has no
// network at all (`unshare -n`: a namespace with only a down loopback).
describe('TesseractPool offline', () => {
  it('starts and recognises with zero network attempts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'daicho-ocr-offline-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const doc = await generateDocument('drivers_licence', { seed: 4, variant: 'degraded' });
    writeFileSync(join(dir, 'card.png'), doc.png);
    writeFileSync(join(dir, 'no-net.cjs'), NO_NET_PRELOAD);
    writeFileSync(join(dir, 'child.mts'), childScript(join(ROOT, 'src/identity/ocr/tesseract-pool.ts')));
    const log = join(dir, 'net.log');
    writeFileSync(log, '');

    const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;
    const node = [process.execPath, '--import', 'tsx', join(dir, 'child.mts'), dir];
    const [cmd, ...args] = canUnshare ? ['unshare', '-n', ...node] : node;
    const child = spawnSync(cmd!, args, {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: `--require ${join(dir, 'no-net.cjs')}`, NET_LOG: log },
    });
    const out = child.stdout.trim().split('\n').pop() ?? '';
    expect(child.status, child.stderr).toBe(0);
    const result = JSON.parse(out) as { text: string; controlBlocked: boolean; attemptsBeforeControl: number };
    const attempts = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);

    expect(result.attemptsBeforeControl).toBe(0);
    expect(ocrContains(result.text, doc.truth.licenceNumber)).toBe(true);
    // The guard works: the deliberate fetch at the end was seen and refused.
    expect(result.controlBlocked).toBe(true);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toContain('fetch');
    // The language data came from node_modules into the empty cache folder, nowhere else.
    expect(readFileSync(join(dir, 'tessdata', 'jpn.traineddata.gz')).length).toBeGreaterThan(1e6);
  });
});

// Records and refuses every way out of the process. Connections to a Unix socket path are local IPC
// (tsx's loader pings its CLI over one) and are let through: they cannot leave the machine.
const NO_NET_PRELOAD = `
const fs = require('node:fs');
const record = (what) => {
  fs.appendFileSync(process.env.NET_LOG, what + '\\n');
  throw new Error('network disabled in this test: ' + what);
};
const isIpc = (a) => (typeof a === 'string' && !/^\\d+$/.test(a)) || (a !== null && typeof a === 'object' && typeof a.path === 'string');
const net = require('node:net'), tls = require('node:tls'), http = require('node:http'), https = require('node:https'), dns = require('node:dns');
const connect = net.connect, socketConnect = net.Socket.prototype.connect;
net.connect = net.createConnection = function (...a) { return isIpc(a[0]) ? connect.apply(this, a) : record('net.connect ' + JSON.stringify(a[0])); };
net.Socket.prototype.connect = function (...a) {
  const first = Array.isArray(a[0]) ? a[0][0] : a[0];
  return isIpc(first) ? socketConnect.apply(this, a) : record('net.Socket.connect ' + JSON.stringify(first));
};
tls.connect = (...a) => record('tls.connect ' + JSON.stringify(a[0]));
for (const m of [http, https]) { m.request = (u) => record('http.request ' + u); m.get = (u) => record('http.get ' + u); }
dns.lookup = (h) => record('dns.lookup ' + h);
dns.promises.lookup = async (h) => record('dns.lookup ' + h);
globalThis.fetch = async (url) => record('fetch ' + url);
`;

function childScript(poolPath: string): string {
  return `
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TesseractPool } from ${JSON.stringify(poolPath)};
const dir = process.argv[2];
const pool = new TesseractPool({ workers: 1, cacheDir: join(dir, 'tessdata'), startTimeoutMs: 20000 });
await pool.ready();
const r = await pool.recognize(readFileSync(join(dir, 'card.png')), { lang: 'jpn' });
await pool.close();
const attemptsBeforeControl = readFileSync(process.env.NET_LOG, 'utf8').split('\\n').filter(Boolean).length;
let controlBlocked = false;
try { await fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/jpn'); } catch { controlBlocked = true; }
console.log(JSON.stringify({ text: r.text, controlBlocked, attemptsBeforeControl }));
`;
}

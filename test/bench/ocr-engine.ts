// OCR engine benchmark on synthetic documents (never asserts; prints figures):
//   npx tsx test/bench/ocr-engine.ts [--n 10] [--kind drivers_licence] [--variants clean,degraded,hard]
//                                    [--workers N] [--lang jpn|jpn+eng|eng] [--psm 6]
// 1. latency: one document at a time on warm workers → median / p95 ms per variant;
// 2. throughput: all documents submitted at once to the full pool → documents/s;
// plus a crude content check (name and main number present in the text) until the field parsers
// extend this with per-field accuracy (use `runLatency` / `foldForMatch` below).

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type DocKind, type SynthDoc, type Variant, foldForMatch, generateDocument } from '../fixtures/synth/index.js';
import type { OcrEngine, OcrOptions, OcrResult } from '../../src/identity/ocr/engine.js';
import { TesseractPool } from '../../src/identity/ocr/tesseract-pool.js';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LatencyRow {
  doc: SynthDoc;
  result: OcrResult;
  wallMs: number;
  /** Process CPU time during the job: with one job at a time this is the latency on an idle core,
   *  a figure that survives a busy machine (wall time does not). */
  cpuMs: number;
}

/** One document at a time: latency as a lone customer at the counter would see it. */
export async function runLatency(engine: OcrEngine, docs: SynthDoc[], opts: OcrOptions): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const doc of docs) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = await engine.recognize(doc.png, opts);
    const c = process.cpuUsage(c0);
    rows.push({ doc, result, wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
  }
  return rows;
}

/** Everything at once (callers keep docs.length ≤ maxQueue + workers). */
export async function runThroughput(engine: OcrEngine, docs: SynthDoc[], opts: OcrOptions): Promise<number> {
  const t0 = performance.now();
  await Promise.all(docs.map((d) => engine.recognize(d.png, opts)));
  return docs.length / ((performance.now() - t0) / 1000);
}

/** The values whose presence in the OCR text is checked, per kind. */
export function keyValues(doc: SynthDoc): Record<string, string> {
  const t = doc.truth;
  switch (t.kind) {
    case 'drivers_licence': return { name: t.name, number: t.licenceNumber, expiry: t.expiry.text };
    case 'my_number_front': return { name: t.name, dob: t.dateOfBirth.text };
    case 'my_number_back': return { name: t.name, myNumber: t.myNumber };
    case 'residence_card': return { name: t.name, number: t.cardNumber };
    case 'health_insurance': return { name: t.name, insurer: t.insurerNumber };
    case 'juminhyo': return { name: t.name, address: t.address };
    case 'passport': return { name: t.surname, number: t.passportNumber, mrz2: t.mrz[1] };
  }
}

const fmt = (n: number) => n.toFixed(0).padStart(6);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '10' },
      kind: { type: 'string', default: 'drivers_licence' },
      variants: { type: 'string', default: 'clean,degraded,hard' },
      workers: { type: 'string', default: String(os.cpus().length) },
      lang: { type: 'string', default: 'jpn' },
      psm: { type: 'string', default: '6' },
    },
  });
  const n = Number(values.n);
  const kind = values.kind as DocKind;
  const variants = values.variants.split(',') as Variant[];
  const opts: OcrOptions = { lang: values.lang as OcrOptions['lang'], psm: Number(values.psm) };
  const workers = Number(values.workers);

  const rss0 = process.memoryUsage().rss;
  const pool = new TesseractPool({ workers, cacheDir: os.tmpdir() + '/daicho-bench-tessdata', maxQueue: 1000, initialLang: opts.lang });
  let t0 = performance.now();
  await pool.ready();
  const readyMs = performance.now() - t0;
  const rssReady = process.memoryUsage().rss;
  console.log(`pool: ${workers} workers, lang ${opts.lang}, psm ${opts.psm}; ready (start + warm-up) in ${readyMs.toFixed(0)} ms; ` +
    `RSS ${(rss0 / 1e6).toFixed(0)} → ${(rssReady / 1e6).toFixed(0)} MB (${((rssReady - rss0) / 1e6 / workers).toFixed(0)} MB/worker)`);

  for (const variant of variants) {
    t0 = performance.now();
    const docs: SynthDoc[] = [];
    for (let seed = 1; seed <= n; seed++) docs.push(await generateDocument(kind, { seed, variant }));
    const genMs = (performance.now() - t0) / n;
    const rows = await runLatency(pool, docs, opts);
    const wall = rows.map((r) => r.wallMs).sort((a, b) => a - b);
    const cpu = rows.map((r) => r.cpuMs).sort((a, b) => a - b);
    const found: Record<string, number> = {};
    for (const r of rows) {
      const text = foldForMatch(r.result.text);
      for (const [k, v] of Object.entries(keyValues(r.doc))) found[k] = (found[k] ?? 0) + (text.includes(foldForMatch(v)) ? 1 : 0);
    }
    const docsPerS = await runThroughput(pool, docs, opts);
    const w = docs[0]!.width;
    const hits = Object.entries(found).map(([k, c]) => `${k} ${c}/${n}`).join(', ');
    console.log(`${kind} ${variant.padEnd(8)} ${w}px  wall median ${fmt(percentile(wall, 50))} p95 ${fmt(percentile(wall, 95))} ms, ` +
      `cpu median ${fmt(percentile(cpu, 50))} p95 ${fmt(percentile(cpu, 95))} ms  ` +
      `pool ${docsPerS.toFixed(2)} docs/s  (generate ${genMs.toFixed(0)} ms/doc)  found: ${hits}`);
  }
  const load = os.loadavg()[0]!.toFixed(1);
  console.log(`RSS after runs: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB; load average ${load} on ${os.cpus().length} CPUs (wall times inflate above 1 per CPU)`);
  await pool.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

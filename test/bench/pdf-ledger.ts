/**
 * Benchmark: render a 1,000-entry 古物台帳 PDF. Run: npx tsx test/bench/pdf-ledger.ts
 * Prints the median of 3 timed runs after one warm-up (the first render also reads the 5.4 MB
 * fonts and JIT-compiles fontkit), the peak RSS of the process and the PDF size. Target: < 1 s.
 * Benchmarks print; they never assert on time.
 */
import { type LedgerPdfEntry, renderLedgerPdf } from '../../src/shared/pdf/ledger.js';

const ENTRIES = 1_000;
const NAMES = ['𠮷田 太郎', '髙橋 一郎', '山﨑 花子', '佐藤 次郎', '渡邊 美穂'];
const ITEMS = [
  ['機械工具類', 'スマートフォン', 'Apple iPhone 13 青 128GB IMEI 35-209900-'],
  ['時計・宝飾品類', '腕時計', 'SEIKO SBGA211 白文字盤 裏蓋刻印 No.'],
  ['事務機器類', 'ノートパソコン', 'Lenovo ThinkPad X1 Carbon 天板に擦り傷 S/N PF-'],
  ['写真機類', 'デジタルカメラ', 'Canon EOS R6 ボディ シャッター回数約1.2万回 No.'],
] as const;

function entry(i: number): LedgerPdfEntry {
  const [categoryLabel, description, features] = ITEMS[i % ITEMS.length] as (typeof ITEMS)[number];
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    id: `bench-${i}`,
    intake: { date: `2026-11-${day}`, kind: i % 7 === 0 ? 'consignment' : 'purchase' },
    disposal: i % 5 === 0 ? { date: '2026-11-30', kind: 'sale' } : null,
    categoryLabel,
    description,
    quantity: 1,
    features: `${features}${String(176000 + i).padStart(6, '0')}`,
    counterparty: {
      address: `東京都新宿区西新宿${(i % 8) + 1}丁目${(i % 30) + 1}番${(i % 12) + 1}号${i % 3 === 0 ? ' 新宿グリーンタワービル十二階' : ''}`,
      name: NAMES[i % NAMES.length] as string,
      occupation: i % 2 ? '会社員' : '自営業',
      age: 20 + (i % 55),
    },
    method: i % 4 === 0 ? '1号 / 個人番号カード' : '1号 / 運転免許証',
    amended: i % 50 === 0,
  };
}

const input = {
  store: { name: 'リユース堂 新宿店', permitNumber: '第301012345678号', commission: '東京都公安委員会' },
  period: { from: '2026-11-01', to: '2026-11-30' },
  printedAt: new Date('2026-11-30T09:00:00Z'),
  entries: Array.from({ length: ENTRIES }, (_, i) => entry(i)),
};

async function timed(): Promise<{ seconds: number; bytes: number }> {
  const start = process.hrtime.bigint();
  const pdf = await renderLedgerPdf(input);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, bytes: pdf.length };
}

const warmUp = await timed();
const runs = [await timed(), await timed(), await timed()];
const median = runs.map((r) => r.seconds).sort((a, b) => a - b)[1] as number;
const pdf = await renderLedgerPdf(input);
const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

console.log(`pdf-ledger: ${ENTRIES} entries, ${pages} pages`);
console.log(`  warm-up (first render, reads fonts): ${warmUp.seconds.toFixed(3)} s`);
console.log(`  median of 3: ${median.toFixed(3)} s (runs ${runs.map((r) => r.seconds.toFixed(3)).join(', ')}; target < 1 s)`);
console.log(`  PDF size: ${(warmUp.bytes / 1024).toFixed(0)} KiB`);
// maxRSS is in kibibytes on Linux.
console.log(`  peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LedgerPdfEntry, type LedgerPdfInput, renderLedgerPdf } from '../../src/shared/pdf/ledger.js';
import { loadLedgerTemplate } from '../../src/shared/pdf/ledger-template.js';
import { renderLedgerPdfOnThread, stopLedgerThread } from '../../src/shared/pdf/ledger-thread.js';
import { compactText, type ExtractedPdf, extractPdfText } from '../helpers/pdf-text.js';

// Wider than its column (≈126 pt) at 7.5 pt, so it must wrap onto several lines.
const LONG_ADDRESS = '東京都千代田区霞が関二丁目一番一号中央合同庁舎第二号館十九階一九〇一号室（株式会社サンプル気付）';
// Rare name kanji: 𠮷 (outside the BMP), 髙, 﨑 (U+FA11) and 塚 as the compatibility ideograph
// U+FA10, which NFC would silently turn into 塚 (U+585A): names must print as recorded.
const NAMES = ['𠮷田 太郎', '髙橋 一郎', '山﨑 花子', '佐藤 次郎', '\uFA10本 三郎'] as const;

function entry(i: number, overrides: Partial<LedgerPdfEntry> = {}): LedgerPdfEntry {
  return {
    id: `entry-${i}`,
    intake: { date: '2026-11-02', kind: i % 5 === 0 ? 'consignment' : 'purchase' },
    disposal: i % 4 === 0 ? { date: '2026-11-20', kind: 'sale' } : null,
    categoryLabel: '機械工具類',
    description: `スマートフォン〈${i}〉`,
    quantity: 1 + (i % 3),
    features: `Apple iPhone 13 青 IMEI 35-209900-${176000 + i}-1 画面右上に傷あり。`,
    counterparty: {
      address: i % 10 === 0 ? LONG_ADDRESS : `大阪府大阪市北区梅田${(i % 3) + 1}丁目${i}番`,
      name: NAMES[i % NAMES.length] as string,
      occupation: '会社員',
      age: 20 + (i % 50),
    },
    method: '1号 / 運転免許証',
    amended: i % 17 === 0,
    ...overrides,
  };
}

function ledger(entries: LedgerPdfEntry[], overrides: Partial<LedgerPdfInput> = {}): LedgerPdfInput {
  return {
    store: { name: 'リユース堂 新宿店', permitNumber: '第301012345678号', commission: '東京都公安委員会' },
    period: { from: '2026-11-01', to: '2026-11-30' },
    printedAt: new Date('2026-11-22T05:05:00Z'), // 14:05 in Tokyo
    entries,
    ...overrides,
  };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const ENTRIES = Array.from({ length: 64 }, (_, i) => entry(i));
const DISPOSAL_ONLY = entry(64, {
  intake: null,
  disposal: { date: '2026-11-21', kind: 'consignment_handover' },
  categoryLabel: '時計・宝飾品類',
  description: '腕時計〈64〉',
  counterparty: null,
  buyer: { address: '神奈川県横浜市中区1-1', name: '鈴木 﨑三', occupation: '自営業', age: null },
  method: null,
});

describe('renderLedgerPdf', () => {
  let pdf: Buffer;
  let out: ExtractedPdf;
  beforeAll(async () => {
    pdf = await renderLedgerPdf(ledger([...ENTRIES, DISPOSAL_ONLY]));
    out = await extractPdfText(pdf);
  });

  it('prints landscape A4 pages, several for 65 entries', () => {
    expect(out.pages.length).toBeGreaterThan(2);
    for (const [w, h] of out.sizes) expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
  });

  it('repeats the form header, store, permit, commission, period, print time and N / M on every page', () => {
    const words = ['古物台帳', '別記様式第15号', '受入れ', '払出し', '年月日', '区別', '品目', '数量', '特徴',
      '相手方の住所・氏名・職業・年齢', '確認の区分及び方法', '営業所名称', '古物商許可番号', '公安委員会', '期間', '印刷日時'];
    const n = out.pages.length;
    out.compactPages.forEach((page, i) => {
      for (const w of words) expect(page, `page ${i + 1}: ${w}`).toContain(w);
      expect(page).toContain('リユース堂新宿店');
      expect(page).toContain('第301012345678号');
      expect(page).toContain('東京都公安委員会');
      expect(page).toContain('2026年11月1日〜2026年11月30日');
      expect(page).toContain('2026年11月22日14:05');
      expect(page).toContain(`${i + 1}/${n}頁`);
    });
  });

  it('prints every entry once, one row per item, with rare-kanji names intact', () => {
    const all = [...ENTRIES, DISPOSAL_ONLY];
    for (const e of all) expect(count(out.compact, compactText(e.description)), e.description).toBe(1);
    for (const name of [...NAMES, '鈴木 﨑三']) {
      const expected = all.filter((e) => e.counterparty?.name === name || e.buyer?.name === name).length;
      expect(count(out.compact, compactText(name)), name).toBe(expected);
    }
    expect(count(out.compact, '訂正あり')).toBe(all.filter((e) => e.amended).length);
    expect(out.compact).toContain('委託に基づく引渡し');
    expect(out.compact).toContain('2026年11月2日買受け');
    expect(out.compact).toContain('会社員・20歳');
  });

  it('wraps a long address inside its cell and never draws past a column or the margins', () => {
    expect(out.compact).toContain(compactText(LONG_ADDRESS));
    expect(out.text).not.toContain(LONG_ADDRESS); // it was split across lines
    const t = loadLedgerTemplate();
    const edges = [t.page.margin];
    for (const c of t.columns) edges.push((edges.at(-1) as number) + c.width);
    const groupLabels = new Set(Object.values(t.groups));
    out.items.forEach((items, p) => {
      const [width, height] = out.sizes[p] as [number, number];
      const tableTop = Math.max(...items.filter((i) => groupLabels.has(i.str)).map((i) => i.y)) + 1;
      for (const item of items) {
        expect(item.x).toBeGreaterThanOrEqual(t.page.margin - 0.5);
        expect(item.x + item.width).toBeLessThanOrEqual(width - t.page.margin + 0.5);
        expect(item.y).toBeGreaterThan(t.page.margin); // nothing in the bottom margin
        expect(item.y).toBeLessThan(height - t.page.margin);
        if (item.y > tableTop || groupLabels.has(item.str)) continue;
        const col = edges.findIndex((e, j) => j + 1 < edges.length && item.x >= e - 0.01 && item.x < (edges[j + 1] as number));
        expect(col, `column of "${item.str}"`).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width, `"${item.str}" overflows`).toBeLessThanOrEqual((edges[col + 1] as number) + 0.01);
      }
    });
  });

  it('puts the buyer under 払出し and marks missing data', () => {
    const last = out.compactPages.at(-1) as string;
    expect(last).toContain('2026年11月21日委託に基づく引渡し神奈川県横浜市中区1-1鈴木﨑三自営業');
    expect(last).not.toContain('自営業・');
  });

  it('embeds Noto Sans JP subsets rather than whole fonts', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Bold/);
    expect(count(raw, '/FontFile2')).toBe(2);
    expect(raw).not.toContain('/Helvetica');
    expect(pdf.length).toBeLessThan(1_000_000); // each full TTF is 5.4 MB
  });

  it('writes the document info with the fixed date', () => {
    expect(out.info.Title).toBe('古物台帳 リユース堂 新宿店 2026年11月1日 〜 2026年11月30日');
    expect(out.info.Author).toBe('リユース堂 新宿店');
    expect(out.info.CreationDate).toBe('D:20261122050500Z');
    expect(out.info.ModDate).toBe('D:20261122050500Z');
  });

  it('is byte-reproducible, and any change to the input changes the bytes and the /ID', async () => {
    const again = await renderLedgerPdf(ledger([...ENTRIES, DISPOSAL_ONLY]));
    expect(sha256(again)).toBe(sha256(pdf));
    const changed = await renderLedgerPdf(ledger([...ENTRIES, { ...DISPOSAL_ONLY, quantity: DISPOSAL_ONLY.quantity + 1 }]));
    expect(sha256(changed)).not.toBe(sha256(pdf));
    const trailerId = (b: Buffer) => /\/ID \[<([0-9a-f]{32})>/.exec(b.toString('latin1').slice(-400))?.[1];
    expect(trailerId(pdf)).toMatch(/^[0-9a-f]{32}$/);
    expect(trailerId(changed)).not.toBe(trailerId(pdf));
  });
});

describe('renderLedgerPdf with no entries', () => {
  it('prints one page that says 該当なし, with the full header', async () => {
    const pdf = await renderLedgerPdf(ledger([], { period: { from: '2026-12-01', to: '2026-12-31' } }));
    const out = await extractPdfText(pdf);
    expect(out.pages).toHaveLength(1);
    const page = out.compactPages[0] as string;
    for (const w of ['古物台帳', '受入れ', '払出し', '該当なし', '第301012345678号', '2026年12月1日〜2026年12月31日', '1/1頁']) {
      expect(page).toContain(w);
    }
  });
});

// GET /ledger/print renders on a thread of its own: the same bytes, and the event loop free.
describe('renderLedgerPdfOnThread', () => {
  afterAll(() => stopLedgerThread());

  it('gives the same bytes as rendering here; prints queue in order; an invalid date stays a RangeError', async () => {
    const input = ledger([...ENTRIES, DISPOSAL_ONLY]);
    const [a, b] = await Promise.all([renderLedgerPdfOnThread(input), renderLedgerPdfOnThread(ledger(ENTRIES.slice(0, 3)))]);
    expect(sha256(a)).toBe(sha256(await renderLedgerPdf(input)));
    expect(sha256(b)).toBe(sha256(await renderLedgerPdf(ledger(ENTRIES.slice(0, 3)))));
    await expect(renderLedgerPdfOnThread(ledger([entry(1, { intake: { date: '2026-02-30', kind: 'purchase' } })]))).rejects.toBeInstanceOf(RangeError);
    // The thread survives a failed print.
    expect((await renderLedgerPdfOnThread(input)).equals(a)).toBe(true);
  });

  it('leaves the event loop free while a long ledger is laid out', async () => {
    const big = ledger(Array.from({ length: 2500 }, (_, i) => entry(i)));
    // The longest pause between ticks of a 5 ms timer, against how long the print took: laid out
    // on this thread, the pause would be most of the print.
    let last = performance.now();
    let longest = 0;
    const tick = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const t0 = performance.now();
    const pdf = await renderLedgerPdfOnThread(big);
    const took = performance.now() - t0;
    clearInterval(tick);
    longest = Math.max(longest, performance.now() - last); // the pause up to the end counts too
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(took).toBeGreaterThan(200);
    expect(longest).toBeLessThan(took / 4);
  });
});

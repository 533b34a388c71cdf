import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatJpDate, formatJpDateTime } from '../../src/shared/pdf/dates.js';
import { createPdfDocument, decoratePages, FONT_REGULAR, renderToBuffer, stampContentId } from '../../src/shared/pdf/document.js';
import { drawLines, wrapText } from '../../src/shared/pdf/wrap.js';
import { extractPdfText } from '../helpers/pdf-text.js';

const FIXED = new Date('2026-11-22T05:05:00Z');
const style = { font: FONT_REGULAR, size: 10 };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function newDoc() {
  return createPdfDocument({ title: 'テスト', fixedDate: FIXED });
}

function widthOf(doc: PDFKit.PDFDocument, s: string): number {
  return doc.font(style.font).fontSize(style.size).widthOfString(s);
}

async function render(body: string, pages = 1): Promise<Buffer> {
  const doc = newDoc();
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    drawLines(doc, [body], 50, 100, { ...style, width: 400, lineHeight: 14 });
  }
  decoratePages(doc, ({ number, count }) =>
    drawLines(doc, [`${number} / ${count}`], 50, 800, { ...style, width: 400, lineHeight: 14, align: 'right' }),
  );
  return renderToBuffer(doc);
}

describe('wrapText', () => {
  const doc = newDoc();
  const em = widthOf(doc, 'あ');

  it('wraps a long Japanese address to lines that fit, losing nothing', () => {
    const address = '東京都千代田区霞が関二丁目一番一号 中央合同庁舎第二号館十九階（株式会社サンプル気付）';
    const lines = wrapText(doc, address, 120, style);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(widthOf(doc, line)).toBeLessThanOrEqual(120);
    expect(lines.join('').replace(/\s/g, '')).toBe(address.replace(/\s/g, ''));
  });

  it('keeps closing punctuation off the start of a line and opening brackets off the end (禁則)', () => {
    const width = em * 10 + 0.5;
    expect(wrapText(doc, 'あいうえおかきくけこ。さしす', width, style)).toEqual(['あいうえおかきくけ', 'こ。さしす']);
    expect(wrapText(doc, 'あいうえおかきくけ「こ」', width, style)).toEqual(['あいうえおかきくけ', '「こ」']);
  });

  it('keeps Latin words whole and splits only a word longer than the line', () => {
    const width = widthOf(doc, 'Apple iPhone') + 1;
    expect(wrapText(doc, 'Apple iPhone 13', width, style)).toEqual(['Apple iPhone', '13']);
    const serial = '352099001761481352099001761481';
    const lines = wrapText(doc, serial, 60, style);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(serial);
    for (const line of lines) expect(widthOf(doc, line)).toBeLessThanOrEqual(60);
  });

  it('honours explicit newlines, blank lines and grapheme clusters (IVS, surrogate pairs)', () => {
    expect(wrapText(doc, '住所\n\n氏名', 200, style)).toEqual(['住所', '', '氏名']);
    expect(wrapText(doc, '', 200, style)).toEqual(['']);
    expect(wrapText(doc, '葛\u{E0100}城', em + 0.5, style)).toEqual(['葛\u{E0100}', '城']);
    expect(wrapText(doc, '𠮷田', em + 0.5, style)).toEqual(['𠮷', '田']);
  });
});

describe('dates', () => {
  it('prints calendar dates as given and timestamps as the Tokyo calendar date', () => {
    expect(formatJpDate('2026-11-22')).toBe('2026年11月22日');
    expect(formatJpDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatJpDate('2026-11-21T15:30:00Z')).toBe('2026年11月22日');
    expect(formatJpDateTime(new Date('2026-11-21T15:05:00Z'))).toBe('2026年11月22日 00:05');
    expect(() => formatJpDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatJpDate('not a date')).toThrow(RangeError);
  });
});

describe('createPdfDocument / renderToBuffer', () => {
  it('renders identical bytes for identical input, with fixed dates', async () => {
    const [a, b] = [await render('古物台帳 𠮷田'), await render('古物台帳 𠮷田')];
    expect(sha256(a)).toBe(sha256(b));
    const out = await extractPdfText(a);
    expect(out.info.CreationDate).toBe('D:20261122050500Z');
    expect(out.info.Title).toBe('テスト');
  });

  it('derives the trailer /ID from the content, not only from title and date', async () => {
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]/.exec(b.toString('latin1'))?.slice(1);
    const [a, b] = [await render('髙橋'), await render('山﨑')];
    expect(id(a)?.[0]).toBe(id(a)?.[1]);
    expect(id(a)?.[0]).not.toBe(id(b)?.[0]);
    expect(stampContentId(a).equals(a)).toBe(true); // idempotent
  });

  it('decorates every page once the page count is known', async () => {
    const out = await extractPdfText(await render('本文', 3));
    expect(out.compactPages).toHaveLength(3);
    expect(out.compactPages).toEqual(['本文1/3', '本文2/3', '本文3/3']);
  });

  it('rejects an invalid fixed date and a buffer that is not a pdfkit PDF', () => {
    expect(() => createPdfDocument({ title: 'x', fixedDate: new Date(Number.NaN) })).toThrow(RangeError);
    expect(() => stampContentId(Buffer.from('not a pdf'))).toThrow(/trailer/);
  });
});

describe('buffered pages', () => {
  // createPdfDocument joins a finished page's content chunks (pdfkit keeps one small buffer per
  // drawing operator until the end). This pins the pdfkit internals it relies on: if an upgrade
  // renames them, memory would quietly grow again with every page of a long ledger.
  it('hold one content chunk per finished page, and the text still reads back on every page', async () => {
    const doc = newDoc();
    const chunks = () => (doc as unknown as { _pageBuffer: { content: { buffer: unknown[] } }[] })._pageBuffer.map((p) => p.content.buffer.length);
    for (let p = 0; p < 3; p++) {
      if (p > 0) doc.addPage();
      for (let line = 0; line < 20; line++) drawLines(doc, [`頁${p + 1} 行${line + 1} 東京都新宿区西新宿二丁目`], 50, 100 + line * 14, { ...style, width: 400, lineHeight: 14 });
    }
    expect(chunks().slice(0, 2)).toEqual([1, 1]);
    expect(chunks()[2]).toBeGreaterThan(20);
    const { compactPages } = await extractPdfText(await renderToBuffer(doc));
    for (const p of [1, 2, 3]) expect(compactPages[p - 1]).toContain(`頁${p}行20東京都新宿区西新宿二丁目`);
  });
});

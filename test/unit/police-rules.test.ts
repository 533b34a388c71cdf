// Pure pieces of police work, table-tested: the hold period (rule 35), the notice period (rule
// 32), match keys, the CSV reader and the notice CSV layout, and the rule 37 scrubber.
import { describe, expect, it } from 'vitest';
import { holdPeriodIssues } from '../../src/police/holds/create-hold.js';
import { parseCsv } from '../../src/police/notices/csv.js';
import { descKey, identifierNorms, identifierValues } from '../../src/police/notices/notice-keys.js';
import { parseNoticeCsv } from '../../src/police/notices/parse-notice-csv.js';
import { scrubDeep, scrubString } from '../../src/identity/masking/scrub-export.js';
import { addMonths } from '../../src/shared/japanese.js';

describe('hold period (古物営業法21条: 30日以内)', () => {
  const today = '2026-11-22';
  it.each([
    ['2026-11-22', '2026-12-22', null],
    ['2026-11-22', '2026-12-23', 'hold_too_long'],
    ['2026-11-22', '2026-11-22', null],
    ['2026-11-22', '2026-11-21', 'hold_ends_before_order'],
    ['2026-11-23', '2026-11-30', 'order_in_future'],
    ['2026-10-01', '2026-10-31', 'hold_already_ended'],
    ['2026-11-20', '2026-12-20', null],
    ['2026-11-20', '2026-12-21', 'hold_too_long'], // the 31st day after the order
    ['2026-11-01', '2026-12-01', null],
  ])('%s → %s: %s', (order, end, code) => {
    expect(holdPeriodIssues(order, end, today)?.code ?? null).toBe(code);
  });
});

describe('notice period (古物営業法19条: 六月間)', () => {
  it.each([
    ['2026-05-31', '2026-11-30'],
    ['2026-08-31', '2027-02-28'],
    ['2027-08-31', '2028-02-29'],
    ['2026-01-15', '2026-07-15'],
  ])('arrival %s → active until %s', (arrival, until) => expect(addMonths(arrival, 6)).toBe(until));
});

describe('match keys', () => {
  it('normalises identifiers as the ledger does, across kinds', () => {
    const n = identifierNorms({ imei: '35-209900-176148-1', serialNumber: 'ｓｎ　１２３' });
    expect(n).toMatchObject({ imeiNorm: '352099001761481', serialNorm: 'SN123' });
    expect(identifierValues(n)).toEqual(['SN123', '352099001761481']);
  });
  it('brand|model|colour needs all three', () => {
    expect(descKey({ brand: 'Ａｐｐｌｅ', model: 'iPhone 15-Pro', colour: '黒' })).toBe('APPLE|IPHONE15PRO|黒');
    expect(descKey({ brand: 'Apple', model: 'iPhone 15' })).toBeNull();
  });
});

describe('CSV reader (RFC 4180)', () => {
  it('reads quotes, doubled quotes, embedded newlines, CRLF, a BOM, and skips blank lines', () => {
    const rows = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"multi\nline",z\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'z'] },
    ]);
  });
  it('names the line of an unclosed quote', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(/not closed/);
  });
});

describe('notice CSV layout', () => {
  const header = 'issuing_agency,notice_number,arrival_date,description,imei';
  it('groups rows into notices and accepts 和暦 dates', () => {
    const r = parseNoticeCsv(`${header}\n警視庁,1,令和8年11月1日,A,\n警視庁,1,2026-11-01,B,356938035643809\n警視庁,2,2026/11/02,C,`);
    expect(r.issues).toEqual([]);
    expect(r.notices.map((n) => [n.noticeNumber, n.arrivalDate, n.items.length])).toEqual([
      ['1', '2026-11-01', 2],
      ['2', '2026-11-02', 1],
    ]);
    expect(r.lines).toEqual([2, 4]);
  });
  it('reports unknown columns, missing required columns, conflicting rows and bad encodings', () => {
    expect(parseNoticeCsv('issuing_agency,notice_number,colour_code\nx,y,z').issues.map((i) => i.code)).toEqual(['unknown_column', 'missing_column', 'missing_column']);
    const conflict = parseNoticeCsv(`${header}\n警視庁,1,2026-11-01,A,\n警視庁,1,2026-11-02,B,`);
    expect(conflict.issues).toEqual([{ path: 'rows.3.arrival_date', code: 'conflicts_with_notice', message: 'differs from line 2 of the same notice' }]);
    expect(parseNoticeCsv(`${header}\n\uFFFD,1,2026-11-01,A,`).issues[0]!.code).toBe('encoding_not_utf8');
    expect(parseNoticeCsv(`${header}\n警視庁,1,2026-11-01,A`).issues[0]!.code).toBe('column_count');
  });
});

describe('rule 37 scrubber', () => {
  it.each([
    ['個人番号 1234 5678 9018 控え', '個人番号 **** **** **** 控え', 1],
    ['123456789019', '123456789019', 0], // bad check digit: not a My Number
    ['保険者番号：06135018 記号・番号 12-345', '保険者番号：******** 記号・番号 **-***', 2],
    ['登録番号 品川 300 さ 12-34', '登録番号 品川 300 さ 12-34', 0],
    ['IMEI 356938035643809', 'IMEI 356938035643809', 0],
  ])('%s', (input, output, count) => {
    expect(scrubString(input)).toEqual({ text: output, count });
  });
  it('walks objects and arrays', () => {
    expect(scrubDeep({ a: ['x 123456789018'], b: { c: 1 } })).toEqual({ value: { a: ['x ************'], b: { c: 1 } }, masked: 1 });
  });
});

// Turns a notice CSV (layout: NOTICE-CSV.md) into RegisterNotice inputs, collecting every problem
// with its line number instead of stopping at the first: the import is all-or-nothing, and the
// person fixing the file should see everything that is wrong at once.
import type { FieldIssue } from '../../shared/errors.js';
import { isIsoDate, parseJapaneseDate } from '../../shared/japanese.js';
import { ITEM_CATEGORY_LABELS, ItemCategory } from '../../tradeins/rules/index.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { type NoticeItemInput, RegisterNotice } from './schemas.js';

export const NOTICE_CSV_COLUMNS = [
  'issuing_agency',
  'notice_number',
  'arrival_date',
  'kind',
  'description',
  'category',
  'brand',
  'model',
  'colour',
  'serial_number',
  'imei',
  'chassis_number',
  'plate_number',
  'item_notes',
  'notice_notes',
] as const;
type Column = (typeof NOTICE_CSV_COLUMNS)[number];
const REQUIRED: Column[] = ['issuing_agency', 'notice_number', 'arrival_date', 'description'];
export const MAX_ROWS = 5000;

const ITEM_FIELDS: Record<string, keyof NoticeItemInput> = {
  description: 'description', brand: 'brand', model: 'model', colour: 'colour', serial_number: 'serialNumber', imei: 'imei',
  chassis_number: 'chassisNumber', plate_number: 'plateNumber', item_notes: 'notes',
};
const KINDS: Record<string, 'stolen' | 'lost'> = { stolen: 'stolen', lost: 'lost', 盗難: 'stolen', 被害: 'stolen', 遺失: 'lost', 紛失: 'lost' };
const CATEGORY_BY_LABEL = new Map(Object.entries(ITEM_CATEGORY_LABELS).map(([code, label]) => [label, code]));

export interface ParsedNotices {
  notices: RegisterNotice[];
  /** The line each notice starts on, for messages. */
  lines: number[];
  rows: number;
  issues: FieldIssue[];
}

export function parseNoticeCsv(text: string): ParsedNotices {
  const issues: FieldIssue[] = [];
  const issue = (line: number, column: string, code: string, message: string) => issues.push({ path: `rows.${line}.${column}`, code, message });
  if (text.includes('\uFFFD')) {
    issue(1, 'file', 'encoding_not_utf8', 'the file is not UTF-8 (save it as "CSV UTF-8")');
    return { notices: [], lines: [], rows: 0, issues };
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw err;
    issue(err.line, 'file', 'csv_syntax', err.message);
    return { notices: [], lines: [], rows: 0, issues };
  }
  const [header, ...rows] = records;
  if (!header) {
    issue(1, 'file', 'empty', 'the file has no header row');
    return { notices: [], lines: [], rows: 0, issues };
  }
  const names = header.fields.map((f) => f.trim());
  names.forEach((n) => {
    if (!(NOTICE_CSV_COLUMNS as readonly string[]).includes(n)) issue(header.line, n || '(blank)', 'unknown_column', 'not a column of the notice CSV layout');
  });
  for (const r of REQUIRED) if (!names.includes(r)) issue(header.line, r, 'missing_column', 'required column is missing');
  if (!rows.length) issue(header.line, 'file', 'no_rows', 'the file has a header but no rows');
  if (rows.length > MAX_ROWS) issue(header.line, 'file', 'too_many_rows', `at most ${MAX_ROWS} rows per file`);
  if (issues.length) return { notices: [], lines: [], rows: rows.length, issues };

  const groups = new Map<string, { first: number; input: Record<string, unknown>; items: NoticeItemInput[]; lines: number[] }>();
  for (const rec of rows) {
    if (rec.fields.length !== names.length) {
      issue(rec.line, 'file', 'column_count', `expected ${names.length} fields, found ${rec.fields.length}`);
      continue;
    }
    const v = Object.fromEntries(names.map((n, i) => [n, rec.fields[i]!.trim()])) as Partial<Record<Column, string>>;
    const arrival = v.arrival_date ? (isIsoDate(v.arrival_date) ? v.arrival_date : parseJapaneseDate(v.arrival_date)) : null;
    if (!v.arrival_date) issue(rec.line, 'arrival_date', 'required', 'the arrival date (到達日) is required');
    else if (!arrival) issue(rec.line, 'arrival_date', 'invalid_date', 'not a date (YYYY-MM-DD or 令和8年5月1日)');
    const kind = v.kind ? KINDS[v.kind] : 'stolen';
    if (!kind) issue(rec.line, 'kind', 'invalid', 'stolen or lost (盗難 / 遺失)');
    const category = v.category ? (ItemCategory.safeParse(v.category).success ? v.category : CATEGORY_BY_LABEL.get(v.category)) : undefined;
    if (v.category && !category) issue(rec.line, 'category', 'invalid', 'one of the 13 品目 (code or Japanese label)');
    const item: Record<string, string> = {};
    for (const [col, key] of Object.entries(ITEM_FIELDS)) if (v[col as Column]) item[key] = v[col as Column]!;
    if (category) item.category = category;
    const key = `${v.issuing_agency ?? ''}\u0000${v.notice_number ?? ''}`;
    const notice = { issuingAgency: v.issuing_agency, noticeNumber: v.notice_number, kind, arrivalDate: arrival ?? v.arrival_date, notes: v.notice_notes || undefined };
    const g = groups.get(key);
    if (!g) groups.set(key, { first: rec.line, input: notice, items: [item as NoticeItemInput], lines: [rec.line] });
    else {
      // One notice, many rows: the notice-level columns must agree on every row.
      for (const f of ['arrivalDate', 'kind', 'notes'] as const) {
        if (notice[f] !== undefined && g.input[f] !== undefined && notice[f] !== g.input[f]) issue(rec.line, f === 'notes' ? 'notice_notes' : f === 'arrivalDate' ? 'arrival_date' : 'kind', 'conflicts_with_notice', `differs from line ${g.first} of the same notice`);
      }
      g.items.push(item as NoticeItemInput);
      g.lines.push(rec.line);
    }
  }
  const notices: RegisterNotice[] = [];
  const lines: number[] = [];
  for (const g of groups.values()) {
    const parsed = RegisterNotice.safeParse({ ...g.input, items: g.items });
    if (parsed.success) {
      notices.push(parsed.data);
      lines.push(g.first);
      continue;
    }
    for (const zi of parsed.error.issues) {
      const [head, index, field] = zi.path.map(String);
      const line = head === 'items' && index !== undefined ? (g.lines[Number(index)] ?? g.first) : g.first;
      const column = head === 'items' ? (ITEM_COLUMN[field ?? ''] ?? 'description') : (NOTICE_COLUMN[head ?? ''] ?? 'file');
      // A row already reported for this column (e.g. an unreadable date) is not reported twice.
      if (!issues.some((x) => x.path === `rows.${line}.${column}`)) issue(line, column, zi.code, zi.message);
    }
  }
  return { notices, lines, rows: rows.length, issues };
}

const NOTICE_COLUMN: Record<string, string> = { issuingAgency: 'issuing_agency', noticeNumber: 'notice_number', arrivalDate: 'arrival_date', kind: 'kind', notes: 'notice_notes' };
const ITEM_COLUMN: Record<string, string> = { ...Object.fromEntries(Object.entries(ITEM_FIELDS).map(([col, key]) => [key, col])), category: 'category' };

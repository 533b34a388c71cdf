import { formatJpDate, formatJpDateTime } from './dates.js';
import { createPdfDocument, decoratePages, FONT_BOLD, FONT_REGULAR, renderToBuffer } from './document.js';
import { fill, type LedgerTemplate, loadLedgerTemplate } from './ledger-template.js';
import { drawTable, type TableHeaderCell, type TableStyle } from './table.js';
import { type DrawLinesOptions, drawLines, measurer, wrapText } from './wrap.js';

/**
 * The printable 古物台帳 (古物営業法 第16条; 施行規則 第17条 別記様式第15号). Electronic records
 * must be printable at the 営業所 at once (法 第18条1項 「直ちに書面に表示」): this is that print.
 */
export interface LedgerPdfInput {
  store: { name: string; permitNumber: string; commission: string };
  /** ISO calendar dates (YYYY-MM-DD), inclusive. */
  period: { from: string; to: string };
  /** Shown on every page in Asia/Tokyo, and used as the PDF's fixed creation date. */
  printedAt: Date;
  entries: LedgerPdfEntry[];
}

export interface LedgerPdfEntry {
  id: string;
  intake: { date: string; kind: 'purchase' | 'exchange' | 'consignment' } | null;
  /** consignment_handover = 委託に基づく引渡し (selling a consigned article); returns are 返還. */
  disposal: { date: string; kind: 'sale' | 'consignment_handover' | 'consignment_return' | 'return' } | null;
  categoryLabel: string;
  description: string;
  quantity: number;
  features: string;
  /**
   * The other party of the recorded transaction: printed under 受入れ when the entry has an
   * intake, otherwise under 払出し (e.g. a sale of a watch ≥ ¥10,000 recorded on its own).
   * null when the law lets it be omitted (e.g. the buyer of a car, 法 第16条 ただし書).
   */
  /** The counterparty of the intake (受入れ). */
  counterparty: { address: string; name: string; occupation: string; age: number | null } | null;
  /** The buyer of a recorded sale (払出し), when Rule 18 requires the buyer's details. */
  buyer?: { address: string; name: string; occupation: string; age: number | null } | null;
  /** 確認の区分及び方法, e.g. "1号 / 運転免許証". */
  method: string | null;
  /** Corrected after first recording: marked so the print shows an amendment history exists. */
  amended: boolean;
}

const STYLE = { padding: 3, lineSpacing: 1.3, borderWidth: 0.5, headerFill: '#e8e8e8' };
const GAP_BELOW_HEADER = 6;

/**
 * Renders the ledger for a period: landscape A4, one row per item in the order given, the same
 * bytes for the same input. Throws RangeError on an invalid date. Pure compute (no I/O after
 * the first call loads fonts and template): call it outside any database transaction.
 */
export async function renderLedgerPdf(input: LedgerPdfInput): Promise<Buffer> {
  const t = loadLedgerTemplate();
  const period = `${formatJpDate(input.period.from)}${t.text.periodSeparator}${formatJpDate(input.period.to)}`;
  const fields = { ...input.store, storeName: input.store.name, period, printedAt: formatJpDateTime(input.printedAt) };
  const doc = createPdfDocument({
    title: `${t.title} ${input.store.name} ${period}`,
    author: input.store.name,
    subject: t.form,
    fixedDate: input.printedAt,
    size: t.page.size,
    layout: t.page.layout,
    margin: t.page.margin,
  });
  const margin = t.page.margin;
  const width = doc.page.width - 2 * margin;
  const tableWidth = t.columns.reduce((s, c) => s + c.width, 0);
  if (tableWidth > width + 0.01) throw new Error(`ledger template columns (${tableWidth} pt) exceed the page (${width} pt)`);

  const header = layoutPageHeader(doc, t, fields, width);
  const style: TableStyle = { ...STYLE, font: FONT_REGULAR, boldFont: FONT_BOLD, fontSize: t.fontSizes.body, headerFontSize: t.fontSizes.tableHeader };
  const rows = input.entries.map((e, i) => entryRow(t, e, i));
  const y = drawTable(
    doc,
    { x: margin, top: margin + header.height + GAP_BELOW_HEADER, bottom: doc.page.height - margin, columns: t.columns, header: headerCells(t), style },
    rows,
  );
  if (rows.length === 0) {
    // An empty period still prints: the page itself shows that nothing was recorded (該当なし).
    const h = t.fontSizes.body * 4;
    doc.lineWidth(STYLE.borderWidth).rect(margin, y, tableWidth, h).stroke();
    drawLines(doc, [t.text.noEntries], margin, y + (h - t.fontSizes.body * 1.3) / 2, {
      font: FONT_REGULAR, size: t.fontSizes.body, width: tableWidth, lineHeight: t.fontSizes.body * 1.3, align: 'center',
    });
  }
  // Every page repeats the store, permit, commission, period and print time, and "N / M 頁".
  decoratePages(doc, (page) => {
    for (const item of header.items) drawLines(doc, item.lines, item.x, item.y, item);
    const pageText = fill(t.text.pageNumber, { page: page.number, pages: page.count });
    const size = t.fontSizes.headerField;
    drawLines(doc, [pageText], margin, margin, { font: FONT_REGULAR, size, width, lineHeight: header.titlePitch, align: 'right' });
  });
  return renderToBuffer(doc);
}

function entryRow(t: LedgerTemplate, e: LedgerPdfEntry, index: number): string[] {
  const none = t.text.notRecorded;
  const party = e.counterparty ? formatCounterparty(t, e.counterparty) : none;
  const cells: Record<(typeof t.columns)[number]['key'], string> = {
    no: String(index + 1),
    intakeDate: e.intake ? formatJpDate(e.intake.date) : '',
    intakeKind: e.intake ? t.kinds.intake[e.intake.kind] : '',
    item: `${e.categoryLabel}\n${e.description}`,
    quantity: String(e.quantity),
    features: e.features,
    intakeCounterparty: e.intake ? party : '',
    method: e.method ?? (e.intake ? none : ''),
    disposalDate: e.disposal ? formatJpDate(e.disposal.date) : '',
    disposalKind: e.disposal ? t.kinds.disposal[e.disposal.kind] : '',
    disposalCounterparty: e.disposal && e.buyer ? formatCounterparty(t, e.buyer) : '',
    remarks: e.amended ? t.text.amended : '',
  };
  return t.columns.map((c) => cells[c.key]);
}

function formatCounterparty(t: LedgerTemplate, p: NonNullable<LedgerPdfEntry['counterparty']>): string {
  const age = p.age === null ? '' : fill(t.text.age, { age: p.age });
  const occupationAndAge = [p.occupation, age].filter((s) => s !== '').join('・');
  return [p.address, p.name, occupationAndAge].filter((s) => s !== '').join('\n');
}

/** Two header rows: group labels (受入れ / 払出し) over their columns; ungrouped span both. */
function headerCells(t: LedgerTemplate): TableHeaderCell[] {
  const cells: TableHeaderCell[] = [];
  for (const [i, c] of t.columns.entries()) {
    if (!c.group) {
      cells.push({ label: c.label, col: i, row: 0, rowSpan: 2 });
      continue;
    }
    if (t.columns[i - 1]?.group !== c.group) {
      let span = 1;
      while (t.columns[i + span]?.group === c.group) span++;
      cells.push({ label: t.groups[c.group], col: i, colSpan: span, row: 0 });
    }
    cells.push({ label: c.label, col: i, row: 1 });
  }
  return cells;
}

type PositionedText = DrawLinesOptions & { lines: string[]; x: number; y: number };

/**
 * Lays the page header out once (it is the same on every page): the form reference and the
 * title, then the fields in a grid, each a bold label followed by its value wrapped to the cell.
 */
function layoutPageHeader(doc: PDFKit.PDFDocument, t: LedgerTemplate, fields: Record<string, string>, width: number) {
  const m = t.page.margin;
  const fs = t.fontSizes;
  const titlePitch = fs.title * 1.3;
  const items: PositionedText[] = [
    { lines: [t.form], x: m, y: m, font: FONT_REGULAR, size: fs.form, width, lineHeight: titlePitch },
    { lines: [t.title], x: m, y: m, font: FONT_BOLD, size: fs.title, width, lineHeight: titlePitch, align: 'center' },
  ];
  const perLine = t.headerFieldsPerLine;
  const cellWidth = width / perLine;
  const pitch = fs.headerField * 1.35;
  let y = m + titlePitch + 2;
  for (let start = 0; start < t.headerFields.length; start += perLine) {
    let rowLines = 1;
    t.headerFields.slice(start, start + perLine).forEach((f, i) => {
      const x = m + i * cellWidth;
      const label = `${f.label}${t.text.labelSeparator}`;
      const bold = { font: FONT_BOLD, size: fs.headerField };
      const labelWidth = measurer(doc, bold)(label);
      const valueWidth = Math.max(cellWidth - labelWidth - 8, fs.headerField * 2);
      const value = wrapText(doc, fields[f.key] ?? '', valueWidth, { font: FONT_REGULAR, size: fs.headerField });
      items.push({ lines: [label], x, y, ...bold, width: labelWidth, lineHeight: pitch });
      items.push({ lines: value, x: x + labelWidth, y, font: FONT_REGULAR, size: fs.headerField, width: valueWidth, lineHeight: pitch });
      rowLines = Math.max(rowLines, value.length);
    });
    y += rowLines * pitch;
  }
  return { items, height: y - m, titlePitch };
}

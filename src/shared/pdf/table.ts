import { drawLines, wrapText } from './wrap.js';

export type Align = 'left' | 'center' | 'right';

export interface TableColumn {
  width: number;
  align?: Align;
}

/** A header cell on a grid of header rows; spans let a group label sit over its columns. */
export interface TableHeaderCell {
  label: string;
  col: number;
  colSpan?: number;
  row?: number;
  rowSpan?: number;
}

export interface TableStyle {
  font: string;
  boldFont: string;
  fontSize: number;
  headerFontSize: number;
  /** Cell padding in points. */
  padding: number;
  /** Line pitch as a multiple of the font size. */
  lineSpacing: number;
  borderWidth: number;
  headerFill: string;
}

export interface TableLayout {
  x: number;
  /** Where the table starts on every page (below the page header). */
  top: number;
  /** Lowest y a row may reach (above the page footer). */
  bottom: number;
  columns: TableColumn[];
  header: TableHeaderCell[];
  style: TableStyle;
}

/**
 * Draws a bordered table with wrapping cells, repeating the header on each new page. A row that
 * does not fit goes to the next page; a row taller than a whole page is split between pages, so
 * nothing is ever drawn below `bottom`. Returns the y just below the last row.
 */
export function drawTable(doc: PDFKit.PDFDocument, layout: TableLayout, rows: readonly string[][]): number {
  const { columns, style } = layout;
  const body = { font: style.font, size: style.fontSize };
  const pitch = style.fontSize * style.lineSpacing;
  const header = layoutHeader(doc, layout);
  let y = drawHeader(doc, layout, header, layout.top);
  const firstRowY = y;

  for (const row of rows) {
    let cells = columns.map((c, i) => wrapText(doc, row[i] ?? '', c.width - 2 * style.padding, body));
    for (;;) {
      const lines = Math.max(1, ...cells.map((c) => c.length));
      const room = Math.floor((layout.bottom - y - 2 * style.padding) / pitch);
      if (room < lines && y > firstRowY) {
        doc.addPage();
        y = drawHeader(doc, layout, header, layout.top);
        continue;
      }
      const take = Math.max(1, Math.min(lines, room));
      const height = take * pitch + 2 * style.padding;
      drawGrid(doc, layout, y, height);
      let x = layout.x;
      columns.forEach((col, i) => {
        const part = (cells[i] ?? []).slice(0, take);
        drawLines(doc, part, x + style.padding, y + style.padding, { ...body, width: col.width - 2 * style.padding, lineHeight: pitch, align: col.align });
        x += col.width;
      });
      y += height;
      if (take === lines) break;
      cells = cells.map((c) => c.slice(take)); // the rest of an over-tall row continues overleaf
      doc.addPage();
      y = drawHeader(doc, layout, header, layout.top);
    }
  }
  return y;
}

interface HeaderBox {
  lines: string[];
  x: number;
  width: number;
  dy: number;
  height: number;
}

/** Wraps the header labels and sizes the header rows once per table. */
function layoutHeader(doc: PDFKit.PDFDocument, layout: TableLayout): { boxes: HeaderBox[]; height: number } {
  const { style, columns } = layout;
  const bold = { font: style.boldFont, size: style.headerFontSize };
  const pitch = style.headerFontSize * style.lineSpacing;
  const colX = columns.map((_, i) => layout.x + columns.slice(0, i).reduce((s, c) => s + c.width, 0));
  const cells = layout.header.map((h) => {
    const span = columns.slice(h.col, h.col + (h.colSpan ?? 1));
    const width = span.reduce((s, c) => s + c.width, 0);
    const lines = wrapText(doc, h.label, width - 2 * style.padding, bold);
    return { h, row: h.row ?? 0, rowSpan: h.rowSpan ?? 1, lines, width, x: colX[h.col] ?? layout.x };
  });
  const rowCount = Math.max(1, ...cells.map((c) => c.row + c.rowSpan));
  const rowHeight = new Array<number>(rowCount).fill(pitch + 2 * style.padding);
  for (const c of cells) {
    const need = c.lines.length * pitch + 2 * style.padding;
    const last = c.row + c.rowSpan - 1;
    const have = rowHeight.slice(c.row, last + 1).reduce((s, h) => s + h, 0);
    if (need > have) rowHeight[last] = (rowHeight[last] ?? 0) + need - have;
  }
  const offset = (r: number) => rowHeight.slice(0, r).reduce((s, h) => s + h, 0);
  const boxes = cells.map((c) => ({
    lines: c.lines,
    x: c.x,
    width: c.width,
    dy: offset(c.row),
    height: offset(c.row + c.rowSpan) - offset(c.row),
  }));
  return { boxes, height: offset(rowCount) };
}

function drawHeader(doc: PDFKit.PDFDocument, layout: TableLayout, header: { boxes: HeaderBox[]; height: number }, y: number): number {
  const { style } = layout;
  const pitch = style.headerFontSize * style.lineSpacing;
  doc.lineWidth(style.borderWidth);
  for (const b of header.boxes) {
    doc.rect(b.x, y + b.dy, b.width, b.height).fillAndStroke(style.headerFill, 'black');
    const textTop = y + b.dy + (b.height - b.lines.length * pitch) / 2;
    drawLines(doc, b.lines, b.x + style.padding, textTop, {
      font: style.boldFont,
      size: style.headerFontSize,
      width: b.width - 2 * style.padding,
      lineHeight: pitch,
      align: 'center',
    });
  }
  return y + header.height;
}

/** One stroke per row: the outer box plus the column rules (cheaper than a rect per cell). */
function drawGrid(doc: PDFKit.PDFDocument, layout: TableLayout, y: number, height: number): void {
  const width = layout.columns.reduce((s, c) => s + c.width, 0);
  doc.lineWidth(layout.style.borderWidth).strokeColor('black');
  doc.rect(layout.x, y, width, height);
  let x = layout.x;
  for (const col of layout.columns.slice(0, -1)) {
    x += col.width;
    doc.moveTo(x, y).lineTo(x, y + height);
  }
  doc.stroke();
}

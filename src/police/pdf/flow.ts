// A top-to-bottom layout for the police documents (回答書, records, 不正品申告記録): headings,
// wrapped paragraphs, label/value tables, tables with a repeated header row, and images scaled
// to fit. Built on the shared deterministic PDF layer (Japanese wrapping with 禁則, fixed dates).
// Everything is measured before it is drawn, so nothing is drawn below the bottom margin.
import { FONT_BOLD, FONT_REGULAR } from '../../shared/pdf/document.js';
import { drawLines, wrapText } from '../../shared/pdf/wrap.js';

const PAD = 3;
const BORDER = 0.5;
const HEADER_FILL = '#e8e8e8';

export interface FlowOptions {
  margin: number;
  /** Body font size; line pitch is 1.35 × size. */
  size: number;
  /** Room kept free at the bottom of every page (for the page number). */
  footer: number;
}

export class Flow {
  y: number;
  readonly x: number;
  readonly width: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly o: FlowOptions,
  ) {
    this.x = o.margin;
    this.y = o.margin;
    this.width = doc.page.width - 2 * o.margin;
  }

  get bottom(): number {
    return this.doc.page.height - this.o.margin - this.o.footer;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.o.margin;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.o.margin) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  text(text: string, opts: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; indent?: number } = {}): void {
    const size = opts.size ?? this.o.size;
    const style = { font: opts.bold ? FONT_BOLD : FONT_REGULAR, size };
    const pitch = size * 1.35;
    const indent = opts.indent ?? 0;
    for (const line of wrapText(this.doc, text, this.width - indent, style)) {
      this.ensure(pitch);
      drawLines(this.doc, [line], this.x + indent, this.y, { ...style, width: this.width - indent, lineHeight: pitch, align: opts.align });
      this.y += pitch;
    }
  }

  /** Label/value rows (label column `labelWidth` wide); a tall row continues on the next page. */
  fields(rows: [string, string][], labelWidth = 110): void {
    this.table([{ width: labelWidth }, { width: this.width - labelWidth }], null, rows, { labelColumn: true });
  }

  /** A bordered table; `header` is repeated at the top of each page it spans. */
  table(columns: { width: number; label?: string }[], header: string[] | null, rows: string[][], opts: { labelColumn?: boolean } = {}): void {
    const size = this.o.size;
    const pitch = size * 1.35;
    const wrapAll = (cells: string[], bold: (i: number) => boolean) =>
      columns.map((c, i) => wrapText(this.doc, cells[i] ?? '', c.width - 2 * PAD, { font: bold(i) ? FONT_BOLD : FONT_REGULAR, size }));
    const head = header ? wrapAll(header, () => true) : null;
    const headHeight = head ? Math.max(1, ...head.map((l) => l.length)) * pitch + 2 * PAD : 0;
    const drawRow = (cells: string[][], height: number, fill: boolean, bold: (i: number) => boolean) => {
      let x = this.x;
      this.doc.lineWidth(BORDER);
      columns.forEach((c, i) => {
        if (fill) this.doc.rect(x, this.y, c.width, height).fillAndStroke(HEADER_FILL, 'black');
        else this.doc.rect(x, this.y, c.width, height).stroke();
        drawLines(this.doc, cells[i] ?? [], x + PAD, this.y + PAD, { font: bold(i) ? FONT_BOLD : FONT_REGULAR, size, width: c.width - 2 * PAD, lineHeight: pitch });
        x += c.width;
      });
      this.y += height;
    };
    const drawHead = () => {
      if (head) drawRow(head, headHeight, true, () => true);
    };
    this.ensure(headHeight + pitch + 2 * PAD);
    drawHead();
    const isLabel = (i: number) => !!opts.labelColumn && i === 0;
    for (const row of rows) {
      let cells = wrapAll(row, isLabel);
      for (;;) {
        const lines = Math.max(1, ...cells.map((c) => c.length));
        const room = Math.floor((this.bottom - this.y - 2 * PAD) / pitch);
        if (room < Math.min(lines, 3) && this.y > this.o.margin + headHeight) {
          this.newPage();
          drawHead();
          continue;
        }
        const take = Math.max(1, Math.min(lines, room));
        drawRow(cells.map((c) => c.slice(0, take)), take * pitch + 2 * PAD, false, isLabel);
        if (take === lines) break;
        cells = cells.map((c) => c.slice(take));
        this.newPage();
        drawHead();
      }
    }
  }

  /** An image (its pixel size given) scaled to the text width and at most `maxHeight`, captioned above. */
  image(data: Buffer, size: { width: number; height: number }, caption: string, maxHeight: number): void {
    const pitch = this.o.size * 1.35;
    const scale = Math.min(this.width / size.width, maxHeight / size.height);
    const w = size.width * scale;
    const h = size.height * scale;
    this.ensure(h + pitch + 6);
    this.text(caption);
    this.doc.image(data, this.x + (this.width - w) / 2, this.y, { width: w, height: h });
    this.y += h + 6;
  }
}

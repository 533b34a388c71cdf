// Renders the 不正品申告記録 (record of a report under 古物営業法15条3項) from
// templates/police-suspicion-report.json. Pure compute: call it outside any transaction.
import type { Store } from '../../admin/schemas.js';
import { ageOn, isIsoDate } from '../../shared/japanese.js';
import { formatJpDate, formatJpDateTime } from '../../shared/pdf/dates.js';
import { createPdfDocument, decoratePages, FONT_REGULAR, renderToBuffer } from '../../shared/pdf/document.js';
import { drawLines } from '../../shared/pdf/wrap.js';
import type { TradeinRow } from '../../tradeins/internal.js';
import type { SuspicionReport } from '../reports/schemas.js';
import { Flow } from './flow.js';
import { fill, label, suspicionReportTemplate } from './templates.js';

const MARGIN = 40;

export interface ReportPdfInput {
  report: SuspicionReport;
  recordedBy: string | null;
  store: Store;
  tradein: TradeinRow;
  items: { lineNo: number; category: string; description: string; quantity: number; features: string }[];
}

export async function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const t = suspicionReportTemplate();
  const f = t.fields;
  const none = t.none;
  const { report: r, tradein: tr, store } = input;
  const doc = createPdfDocument({ title: `${t.title} ${r.id}`, author: store.name, subject: t.subtitle, fixedDate: new Date(r.createdAt), margin: MARGIN });
  const flow = new Flow(doc, { margin: MARGIN, size: 10, footer: 14 });
  flow.text(t.title, { size: 16, bold: true, align: 'center' });
  flow.text(t.subtitle, { align: 'center' });
  flow.gap(10);
  flow.text(t.sections.report, { bold: true });
  flow.fields([
    [label(f, 'reportedAt'), formatJpDateTime(new Date(r.reportedAt))],
    [label(f, 'station'), r.station],
    [label(f, 'officer'), r.officerName],
    [label(f, 'channel'), t.channels[r.channel]],
    [label(f, 'summary'), r.summary],
    [label(f, 'reason'), r.reason ?? none],
  ]);
  flow.gap(8);
  flow.text(t.sections.transaction, { bold: true });
  flow.fields([
    [label(f, 'store'), `${store.name}\n${store.address}`],
    [label(f, 'permit'), `${store.permitNumber}（${store.commission}）`],
    [label(f, 'date'), formatJpDate(tr.businessDate)],
    [label(f, 'kind'), t.kinds[tr.kind]],
  ]);
  flow.gap(8);
  flow.text(t.sections.items, { bold: true });
  const widths = [30, 90, 150, 30, flow.width - 300];
  flow.table(widths.map((w) => ({ width: w })), t.itemColumns, input.items.map((i) => [String(i.lineNo), i.category, i.description, String(i.quantity), i.features || none]));
  flow.gap(8);
  flow.text(t.sections.counterparty, { bold: true });
  const dob = tr.cpDateOfBirth;
  const age = dob && isIsoDate(dob) ? fill(t.ageUnit, { age: ageOn(dob, tr.businessDate) }) : none;
  flow.fields([
    [label(f, 'name'), tr.cpName ?? none],
    [label(f, 'address'), tr.cpAddress ?? none],
    [label(f, 'occupation'), tr.cpOccupation ?? none],
    [label(f, 'age'), age],
  ]);
  flow.gap(8);
  flow.fields([
    [label(f, 'recordedBy'), input.recordedBy ?? none],
    [label(f, 'recordedAt'), formatJpDateTime(new Date(r.createdAt))],
  ]);
  decoratePages(doc, (p) => {
    drawLines(doc, [fill(t.pageNumber, { page: p.number, pages: p.count })], MARGIN, doc.page.height - MARGIN - 10, { font: FONT_REGULAR, size: 8, width: doc.page.width - 2 * MARGIN, lineHeight: 10, align: 'center' });
  });
  return renderToBuffer(doc);
}

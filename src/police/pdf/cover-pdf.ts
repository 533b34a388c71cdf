// data/cover.pdf: the 回答書 (answer letter) of a packet, worded by templates/police-answer-letter
// .json: addressee, date, the answering 営業所 with its 古物商許可番号, responder and preparer,
// the legal basis, the list of records, the attachments and how to verify them. Dated with the
// approval instant, so the same inquiry renders to the same bytes.
import { formatJpDate } from '../../shared/pdf/dates.js';
import { createPdfDocument, decoratePages, FONT_REGULAR, renderToBuffer } from '../../shared/pdf/document.js';
import { drawLines } from '../../shared/pdf/wrap.js';
import type { PacketContent, PacketRecord } from '../packet/types.js';
import { Flow } from './flow.js';
import { answerLetterTemplate, fill, recordsTemplate } from './templates.js';

const MARGIN = 36;
const SIZE = 9.5;

function identifiers(r: PacketRecord): string {
  const i = r.item.identifiers;
  const labels = recordsTemplate().matchedOn;
  return (Object.entries(i) as [string, string | null][])
    .filter(([, v]) => v)
    .map(([k, v]) => `${labels[k] ?? k} ${v}`)
    .join('\n');
}

export async function renderCoverPdf(c: PacketContent, opts: { fingerprint: string; images: number }): Promise<Buffer> {
  const t = answerLetterTemplate();
  const rt = recordsTemplate();
  const h = c.header;
  const at = new Date(h.approvedAt);
  const basis = t.legalBasis[h.inquiry.legalBasis];
  const values = {
    agency: h.inquiry.agency,
    station: h.inquiry.station,
    officer: h.inquiry.officerName,
    reference: h.inquiry.referenceNumber,
    receivedDate: formatJpDate(h.inquiry.receivedDate),
    legalBasis: basis,
    legalBasisText: h.inquiry.legalBasisText ?? basis,
    date: formatJpDate(at),
    storeName: h.dealer.storeName,
    storeAddress: h.dealer.address,
    permitNumber: h.dealer.permitNumber,
    commission: h.dealer.commission,
    approver: h.approvedBy,
    preparer: h.preparedBy,
    count: c.records.length,
    images: opts.images,
    fingerprint: opts.fingerprint,
  };
  const doc = createPdfDocument({ title: `${t.title} ${h.inquiry.referenceNumber} ${h.inquiry.id}`, author: h.dealer.storeName, subject: t.subtitles[h.inquiry.legalBasis], fixedDate: at, margin: MARGIN });
  const f = new Flow(doc, { margin: MARGIN, size: SIZE, footer: 14 });
  f.text(fill(t.date, values), { align: 'right' });
  f.gap(6);
  f.text(fill(t.addressee, values), { size: 11 });
  f.text(fill(t.officer, values));
  f.gap(6);
  for (const line of t.sender) f.text(fill(line, values), { align: 'right' });
  f.gap(12);
  f.text(t.title, { size: 16, bold: true, align: 'center' });
  f.text(t.subtitles[h.inquiry.legalBasis], { align: 'center' });
  f.gap(10);
  f.text(fill(t.body, values));
  if (h.inquiry.legalBasisText) f.text(fill(t.basisNote, values));
  f.text(t.minimal);
  f.gap(8);
  f.text(t.recordsHeading, { align: 'center', bold: true });
  f.text(fill(t.recordsSummary, values));
  f.gap(4);
  const rows = c.records.map((r) => {
    const cell: Record<(typeof t.columns)[number]['key'], string> = {
      no: String(r.recordNo),
      date: formatJpDate(r.intake.date),
      kind: rt.kinds.intake[r.intake.kind],
      item: `${r.item.categoryLabel}\n${r.item.description}`,
      identifiers: identifiers(r),
      counterparty: r.counterparty?.name ?? rt.none,
      store: r.storeName,
    };
    return t.columns.map((col) => cell[col.key]);
  });
  f.table(t.columns, t.columns.map((col) => col.label), rows);
  f.gap(10);
  f.text(t.attachmentsHeading, { bold: true });
  for (const a of t.attachments) f.text(`・${fill(a, values)}`, { indent: 8 });
  f.gap(6);
  f.text(fill(t.integrity, values));
  f.gap(6);
  f.text(t.closing, { align: 'right' });
  decoratePages(doc, (p) => {
    drawLines(doc, [fill(t.pageNumber, { page: p.number, pages: p.count })], MARGIN, doc.page.height - MARGIN - 10, { font: FONT_REGULAR, size: 8, width: doc.page.width - 2 * MARGIN, lineHeight: 10, align: 'center' });
  });
  return renderToBuffer(doc);
}

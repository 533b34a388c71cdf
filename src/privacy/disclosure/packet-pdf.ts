// The disclosure packet as a Japanese PDF (保有個人データ開示書): portrait A4, one label/value
// table per record, the same bytes for the same packet (fixed creation date). Pure compute: called
// before the transaction that records the grant.
import { formatJpDate, formatJpDateTime } from '../../shared/pdf/dates.js';
import { createPdfDocument, decoratePages, FONT_BOLD, FONT_REGULAR, renderToBuffer } from '../../shared/pdf/document.js';
import { drawTable, type TableStyle } from '../../shared/pdf/table.js';
import { drawLines, wrapText } from '../../shared/pdf/wrap.js';
import type { Packet } from './build-packet.js';
import { disclosureTemplate, fill, label } from './packet-template.js';

const MARGIN = 40;
const FOOTER = 18;
const SIZE = 9;
const STYLE: TableStyle = { font: FONT_REGULAR, boldFont: FONT_BOLD, fontSize: SIZE, headerFontSize: SIZE, padding: 3, lineSpacing: 1.35, borderWidth: 0.5, headerFill: '#e8e8e8' };

export async function renderPacketPdf(p: Packet, masked: number): Promise<Buffer> {
  const t = disclosureTemplate();
  const at = new Date(p.request.generatedAt);
  const doc = createPdfDocument({ title: `${t.title} ${p.request.id}`, subject: t.subtitle, fixedDate: at, margin: MARGIN });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  let y = MARGIN;
  const para = (text: string, o: { size?: number; bold?: boolean; align?: 'left' | 'center' } = {}) => {
    const size = o.size ?? SIZE + 1;
    const style = { font: o.bold ? FONT_BOLD : FONT_REGULAR, size };
    const pitch = size * 1.4;
    for (const line of wrapText(doc, text, width, style)) {
      if (y + pitch > bottom()) {
        doc.addPage();
        y = MARGIN;
      }
      drawLines(doc, [line], MARGIN, y, { ...style, width, lineHeight: pitch, align: o.align });
      y += pitch;
    }
  };
  const heading = (text: string) => {
    if (y + 60 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    y += 8;
    para(text, { size: 11, bold: true });
    y += 2;
  };
  const table = (title: string, columns: number[], rows: string[][], header?: string[]) => {
    if (y + 40 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    const head = header ? header.map((h, i) => ({ label: h, col: i })) : [{ label: title, col: 0, colSpan: columns.length }];
    y = drawTable(doc, { x: MARGIN, top: y, bottom: bottom(), columns: columns.map((w) => ({ width: w })), header: head, style: STYLE }, rows) + 6;
  };
  const kv = (title: string, rows: [string, string][]) => table(title, [120, width - 120], rows.map(([k, v]) => [label(t.fields, k), v]));
  const d = (v: string | null | undefined) => (v ? formatJpDate(v) : t.none);
  const s = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? t.none : String(v));

  para(t.title, { size: 16, bold: true, align: 'center' });
  para(t.subtitle, { align: 'center' });
  y += 6;
  para(fill(t.intro, { receivedDate: formatJpDate(p.request.receivedDate), requestId: p.request.id }));
  para(fill(t.generated, { generatedAt: formatJpDateTime(at) }));
  if (masked) para(fill(t.masked, { count: masked }));
  const empty = !p.customers.length && !p.tradeins.length && !p.disposals.length && !p.idDocuments.length && !p.thirdPartyProvisions.length;
  if (empty) para(t.noData);
  else para(t.retentionNote);

  heading(t.sections.customers);
  if (!p.customers.length) para(t.none);
  for (const [i, c] of p.customers.entries()) {
    kv(fill(t.recordTitles.customers, { n: i + 1 }), [
      ['id', c.id], ['name', s(c.name)], ['kanaName', s(c.kanaName)], ['address', s(c.address)], ['occupation', s(c.occupation)],
      ['dateOfBirth', d(c.dateOfBirth)], ['contact', s(c.contact)], ['createdAt', formatJpDateTime(new Date(c.createdAt))],
      ['corrections', c.corrections.length ? c.corrections.map((k) => `${formatJpDateTime(new Date(k.at))} ${k.fields.map((f) => label(t.fields, f)).join('・')}`).join('\n') : t.none],
    ]);
  }
  heading(t.sections.tradeins);
  if (!p.tradeins.length) para(t.none);
  for (const [i, r] of p.tradeins.entries()) {
    kv(fill(t.recordTitles.tradeins, { n: i + 1, date: formatJpDate(r.date) }), [
      ['id', r.id], ['kind', label(t.kinds, r.kind)], ['status', label(t.statuses, r.status)],
      ['name', s(r.counterparty.name)], ['address', s(r.counterparty.address)], ['occupation', s(r.counterparty.occupation)], ['dateOfBirth', d(r.counterparty.dateOfBirth)],
      ['items', r.items.map((it) => `${it.categoryLabel}　${it.description}　×${it.quantity}　${Object.values(it.features).filter((v) => typeof v === 'string' || typeof v === 'number').join(' ')}`).join('\n') || t.none],
      ['total', r.total.toLocaleString('ja-JP')],
      ['verification', r.verification ? `${r.verification.ledgerLabel}（${label(t.statuses, r.verification.status)}）` : t.none],
      ['documentTypes', r.verification?.documentTypes.filter(Boolean).join('・') || t.none],
      ['amendments', r.amendments.length ? r.amendments.map((a) => `第${a.version}版 ${formatJpDateTime(new Date(a.at))}`).join('\n') : t.none],
      ['retainedUntil', d(r.retainedUntil)],
    ]);
  }
  heading(t.sections.disposals);
  if (!p.disposals.length) para(t.none);
  for (const [i, r] of p.disposals.entries()) {
    kv(fill(t.recordTitles.disposals, { n: i + 1, date: formatJpDate(r.date) }), [
      ['id', r.id], ['kind', label(t.kinds, r.kind)], ['price', r.price.toLocaleString('ja-JP')],
      ['buyer', [r.buyer.name, r.buyer.address, r.buyer.occupation, r.buyer.dateOfBirth ? formatJpDate(r.buyer.dateOfBirth) : null].filter(Boolean).join('　') || t.none],
      ['retainedUntil', d(r.retainedUntil)],
    ]);
  }
  heading(t.sections.idDocuments);
  if (!p.idDocuments.length) para(t.none);
  else table('', [180, 80, 120, width - 380], p.idDocuments.map((x) => [x.documentType, label(t.sides, x.side), formatJpDate(x.createdAt), x.imageStored ? t.yes : t.no]), t.columns.idDocuments);
  heading(t.sections.marketingConsent);
  if (!p.marketingConsent.length) para(t.none);
  else table('', [width / 2, width / 2], p.marketingConsent.map((c) => [d(c.givenOn), d(c.withdrawnOn)]), t.columns.marketingConsent);
  heading(t.sections.optOuts);
  if (!p.optOuts.length) para(t.none);
  else table('', [width / 3, width / 3, width / 3], p.optOuts.map((o) => [label(t.scopes, o.scope), formatJpDateTime(new Date(o.registeredAt)), o.revokedAt ? formatJpDateTime(new Date(o.revokedAt)) : t.none]), t.columns.optOuts);
  heading(t.sections.thirdPartyProvisions);
  if (!p.thirdPartyProvisions.length) para(t.none);
  for (const [i, r] of p.thirdPartyProvisions.entries()) {
    kv(fill(t.recordTitles.thirdPartyProvisions, { n: i + 1 }), [
      ['providedOn', r.firstProvidedOn === r.lastProvidedOn ? formatJpDate(r.firstProvidedOn) : `${formatJpDate(r.firstProvidedOn)}〜${formatJpDate(r.lastProvidedOn)}`],
      ['recipientName', r.recipientName], ['recipientAddress', s(r.recipientAddress)], ['dataItems', r.dataItems.join('・')],
      ['basis', label(t.basis, r.basis) + (r.consentObtainedOn ? `（${formatJpDate(r.consentObtainedOn)}）` : '')], ['provisions', String(r.provisions)],
    ]);
  }
  decoratePages(doc, ({ number, count }) => {
    drawLines(doc, [fill(t.pageNumber, { page: number, count })], MARGIN, doc.page.height - MARGIN - FOOTER + 4, { font: FONT_REGULAR, size: 8, width, lineHeight: 12, align: 'center' });
  });
  return renderToBuffer(doc);
}

// data/records.pdf: one section per record — the Act 16 ledger fields, the verification method and
// documents, the 払出し, staff and times, the amendment history, and the images themselves. It is
// streamed: each image is fetched, embedded (JPEG bytes pass through unchanged) and written out
// before the next is fetched, and the writer waits for the consumer (the ZIP) to drain, so memory
// stays bounded however many records a packet holds. Page contents are small and buffered for
// the "N / M 頁" footer; image data is not.
import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import { formatJpDate, formatJpDateTime } from '../../shared/pdf/dates.js';
import { createPdfDocument, decoratePages, FONT_REGULAR } from '../../shared/pdf/document.js';
import { drawLines } from '../../shared/pdf/wrap.js';
import type { PacketContent, PacketRecord, Party, RecordImage } from '../packet/types.js';
import { Flow } from './flow.js';
import { answerLetterTemplate, fill, label, recordsTemplate } from './templates.js';

const MARGIN = 36;
const SIZE = 8.5;
const IMAGE_MAX_HEIGHT = 320;

export interface RecordsPdfOptions {
  /** Where the PDF goes; its highWaterMark bounds how much is queued before the writer waits. */
  out: PassThrough;
  image: (img: RecordImage) => Promise<Buffer>;
  onRecord?: (done: number) => void;
  /** Aborts a wait for the consumer (it failed and will not drain). */
  signal?: AbortSignal;
}

const when = (iso: string | null) => (iso ? formatJpDateTime(new Date(iso)) : null);

function partyRows(p: Party | null, none: string): [string, string][] {
  const f = recordsTemplate().fields;
  const age = p?.age != null ? fill(recordsTemplate().ageUnit, { age: p.age }) : none;
  return [
    [label(f, 'address'), p?.address ?? none],
    [label(f, 'name'), p?.name ?? none],
    [label(f, 'kanaName'), p?.kanaName ?? none],
    [label(f, 'occupation'), p?.occupation ?? none],
    [label(f, 'age'), age],
    [label(f, 'dateOfBirth'), p?.dateOfBirth ? formatJpDate(p.dateOfBirth) : none],
  ];
}

/**
 * What pdfkit can embed synchronously. A JPEG passes through untouched. pdfkit decodes a PNG with
 * an alpha channel or interlacing through async zlib and writes it whenever that finishes, so the
 * PDF's object order (its bytes) would depend on timing: such a PNG is flattened to plain RGB
 * first. Anything else (a WebP photo) is converted for display; the file itself stays original.
 * sharp is loaded only then: most packets are all JPEG, and loading it cost the packet's process
 * about 0.1 s of start-up.
 */
async function embeddable(bytes: Buffer): Promise<Buffer> {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return bytes;
  const { default: sharp } = await import('sharp');
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const m = await sharp(bytes).metadata();
    return m.hasAlpha || m.isProgressive ? sharp(bytes).flatten({ background: '#ffffff' }).png({ progressive: false, palette: false }).toBuffer() : bytes;
  }
  return sharp(bytes).jpeg({ quality: 90 }).toBuffer();
}

async function drawRecord(f: Flow, r: PacketRecord, o: RecordsPdfOptions): Promise<void> {
  const t = recordsTemplate();
  const fl = t.fields;
  const none = t.none;
  f.text(fill(t.recordHeading, { no: r.recordNo, date: formatJpDate(r.intake.date), storeName: r.storeName }), { size: 12, bold: true });
  f.gap(4);
  f.text(t.sections.ledger, { bold: true });
  f.fields([
    [label(fl, 'date'), formatJpDate(r.intake.date)],
    [label(fl, 'kind'), t.kinds.intake[r.intake.kind]],
    [label(fl, 'category'), r.item.categoryLabel],
    [label(fl, 'description'), r.item.description],
    [label(fl, 'quantity'), String(r.item.quantity)],
    [label(fl, 'unitPrice'), r.item.unitPrice.toLocaleString('ja-JP')],
    [label(fl, 'features'), r.item.featuresText || none],
    ...partyRows(r.counterparty, none),
    [label(fl, 'matchedOn'), r.matchedOn.map((m) => t.matchedOn[m] ?? m).join('・') || none],
  ]);
  f.gap(4);
  f.text(t.sections.verification, { bold: true });
  const v = r.verification;
  f.fields([
    [label(fl, 'method'), v?.ledgerLabel || none],
    [label(fl, 'documents'), v?.documents.map((d) => d.label).join('・') || none],
    [label(fl, 'status'), v ? (t.verificationStatus[v.status as keyof typeof t.verificationStatus] ?? v.status) : none],
  ]);
  if (r.disposal) {
    f.gap(4);
    f.text(t.sections.disposal, { bold: true });
    const d = r.disposal;
    const party = d.counterparty ? [d.counterparty.address, d.counterparty.name, d.counterparty.occupation].filter(Boolean).join('\n') : none;
    f.fields([
      [label(fl, 'disposalDate'), formatJpDate(d.date)],
      [label(fl, 'disposalKind'), t.kinds.disposal[d.kind]],
      [label(fl, 'disposalParty'), party],
    ]);
  }
  f.gap(4);
  f.text(t.sections.staff, { bold: true });
  const s = r.staff;
  const who = (name: string | null, at: string | null) => [name ?? none, when(at) ?? none].join('　');
  f.fields([
    [label(fl, 'createdBy'), who(s.createdBy, s.createdAt)],
    [label(fl, 'verifiedBy'), who(s.verifiedBy, s.verifiedAt)],
    [label(fl, 'completedBy'), who(s.completedBy, s.completedAt)],
  ]);
  f.gap(4);
  f.text(t.sections.amendments, { bold: true });
  if (!r.amendments.length) f.text(t.noAmendments);
  else {
    const widths = [28, 90, 70, 120, f.width - 308];
    const rows = r.amendments.map((a) => [String(a.version), when(a.changedAt) ?? '', a.author ?? none, a.reason, a.changes.map((c) => `${c.field}: ${c.before ?? none}`).join('\n')]);
    f.table(widths.map((w) => ({ width: w })), t.amendmentColumns, rows);
  }
  f.gap(4);
  f.text(t.sections.images, { bold: true });
  if (!r.images.length) f.text(t.noImages);
  for (const img of r.images) {
    const caption = fill(t.imageCaption[img.kind], { documentType: img.documentTypeLabel ?? none, side: (img.side && t.sides[img.side]) || (img.side ?? none), file: img.file ?? '' });
    f.image(await embeddable(await o.image(img)), img, caption, IMAGE_MAX_HEIGHT);
  }
}

export async function writeRecordsPdf(c: PacketContent, o: RecordsPdfOptions): Promise<void> {
  const t = recordsTemplate();
  const h = c.header;
  const doc = createPdfDocument({ title: `${t.title} ${h.inquiry.referenceNumber} ${h.inquiry.id}`, author: h.dealer.storeName, fixedDate: new Date(h.approvedAt), margin: MARGIN });
  const ended = once(doc, 'end');
  doc.on('data', (chunk: Buffer) => o.out.write(chunk));
  const f = new Flow(doc, { margin: MARGIN, size: SIZE, footer: 14 });
  f.text(`${t.title}　${h.inquiry.referenceNumber}`, { size: 14, bold: true, align: 'center' });
  f.gap(6);
  for (const [i, r] of c.records.entries()) {
    if (i > 0) f.newPage();
    await drawRecord(f, r, o);
    o.onRecord?.(i + 1);
    if (o.out.writableNeedDrain) await once(o.out, 'drain', { signal: o.signal });
  }
  const pageNumber = answerLetterTemplate().pageNumber;
  decoratePages(doc, (p) => {
    drawLines(doc, [fill(pageNumber, { page: p.number, pages: p.count })], MARGIN, doc.page.height - MARGIN - 10, { font: FONT_REGULAR, size: 8, width: doc.page.width - 2 * MARGIN, lineHeight: 10, align: 'center' });
  });
  doc.end();
  await ended;
  o.out.end();
}

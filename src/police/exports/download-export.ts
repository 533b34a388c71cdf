// Hands over a packet. Every download is audited; the first download of an export is the
// provision itself: it is entered in the internal police provision log (DOMAIN rule 38: requester,
// legal basis, approver, data items, date) — not in the customer-facing APPI Art. 29 register,
// from which a provision 法令に基づく is exempt (Art. 27(1)(1)) — and the inquiry becomes exported.
import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeExports, policeInquiries, policeProvisions } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, IntegrityError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { COMPLIANCE, getInquiry } from '../internal.js';

// A packet is hundreds of MB: it is streamed (decrypted as read), never held. Its recorded hash is
// checked as it goes out; a stored packet that fails the check (or the blob's own GCM tag) breaks
// the stream before its last bytes, so the recipient never holds a complete-looking altered file,
// and the X-Content-SHA256 header tells them what a whole one hashes to.
export async function downloadExport({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ stream: Readable; size: number; filename: string; sha256: string }> {
  requireRole(ctx.actor, COMPLIANCE);
  const exp = writeTx(ctx.db, (tx) => {
    const e = tx.select().from(policeExports).where(eq(policeExports.id, id)).get();
    if (!e) throw new NotFoundError('Export');
    if (e.status !== 'done' || !e.blobKey || !e.sha256) throw new ConflictError('export_not_ready', 'This packet is not ready.', { exportStatus: e.status });
    const inquiry = getInquiry(tx, e.inquiryId);
    if (inquiry.status !== 'approved' && inquiry.status !== 'exported') throw new ConflictError('inquiry_not_approved', `An inquiry that is ${inquiry.status} cannot be provided.`);
    const now = nowIso(ctx);
    const existing = tx.select({ id: policeProvisions.id }).from(policeProvisions).where(eq(policeProvisions.exportId, e.id)).get();
    const provisionId = existing?.id ?? newId();
    if (!existing) {
      const summary = JSON.parse(e.summary ?? '{}') as { dataItems?: string[]; records?: string[] };
      tx.insert(policeProvisions)
        .values({
          id: provisionId,
          inquiryId: inquiry.id,
          exportId: e.id,
          agency: inquiry.agency,
          station: inquiry.station,
          officerName: inquiry.officerName,
          referenceNumber: inquiry.referenceNumber,
          legalBasis: inquiry.legalBasis,
          legalBasisText: inquiry.legalBasisText,
          requestedBy: inquiry.createdBy,
          approvedBy: inquiry.approvedBy,
          providedBy: ctx.actor.userId,
          providedAt: now,
          dataItems: JSON.stringify(summary.dataItems ?? []),
          records: JSON.stringify(summary.records ?? []),
          packetSha256: e.sha256,
        })
        .run();
    }
    if (inquiry.status === 'approved') tx.update(policeInquiries).set({ status: 'exported', exportedAt: now, updatedAt: now }).where(eq(policeInquiries.id, inquiry.id)).run();
    tx.update(policeExports).set({ downloads: e.downloads + 1 }).where(eq(policeExports.id, e.id)).run();
    emitAudit(tx, ctx, { action: 'police_export.download', details: { inquiryId: inquiry.id, sha256: e.sha256, provisionId, firstProvision: !existing } }, { entityType: 'police_export', entityId: e.id });
    return { blobKey: e.blobKey, sha256: e.sha256, reference: inquiry.referenceNumber };
  });
  const { stream, size } = await ctx.blobs.getStream(exp.blobKey);
  const hash = createHash('sha256');
  // The last chunk is held back until the whole has been checked: a packet that fails arrives
  // short of its Content-Length, which every HTTP client reports as an incomplete download.
  let held: Buffer | null = null;
  const checked = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      cb(null, previous ?? undefined);
    },
    flush(cb) {
      if (hash.digest('hex') !== exp.sha256) return cb(new IntegrityError('packet_tampered', 'The stored packet does not match its recorded hash.'));
      if (held) this.push(held);
      cb();
    },
  });
  return { stream: pipeline(stream, checked, () => {}), size, filename: `police-packet-${id.slice(0, 8)}.zip`, sha256: exp.sha256 };
}

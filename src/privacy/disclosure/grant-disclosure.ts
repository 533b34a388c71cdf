// Grants a disclosure request (個人情報保護法33条; DOMAIN rule 42): builds the packet (JSON, the
// electronic copy, and a Japanese PDF), scans it for forbidden numbers, stores both encrypted and
// answers the request. Each copy can then be downloaded once (download-disclosure.ts); copies not
// fetched expire. A subject with no data gets the same kind of packet, saying nothing is held.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { privacyDisclosures } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { IntegrityError } from '../../shared/errors.js';
import { myNumberFields } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { ANSWER_ROLES, closeRequestRow, emptyResult, getOpenRequest, subjectCustomers } from '../internal.js';
import { loadSubjectData } from '../subject-data.js';
import { buildPacket, sectionCounts } from './build-packet.js';
import { renderPacketPdf } from './packet-pdf.js';

/** A copy not downloaded within this many days is deleted by the purge. */
export const DISCLOSURE_TTL_DAYS = 30;

export type DisclosureRow = typeof privacyDisclosures.$inferSelect;

export async function grantDisclosure({ ctx, requestId }: { ctx: Ctx; requestId: string }) {
  requireRole(ctx.actor, ANSWER_ROLES);
  const request = getOpenRequest(ctx.db, ctx.actor, requestId, ['disclosure']);
  const generatedAt = nowIso(ctx);
  const { packet, masked } = buildPacket(loadSubjectData(ctx.db, subjectCustomers(ctx.db, request)), { requestId: request.id, receivedDate: request.receivedDate, generatedAt });
  // Scrubbed already; a survivor would be a bug in the scrubber, so refuse rather than send it.
  if (myNumberFields(packet, '').length) throw new IntegrityError('forbidden_number_in_packet', 'The disclosure packet could not be made safe.');
  const json = Buffer.from(`${JSON.stringify(packet, null, 2)}\n`);
  const pdf = await renderPacketPdf(packet, masked);
  const staged = [await ctx.blobs.stage(json), await ctx.blobs.stage(pdf)] as const;
  try {
    const row = writeTx(ctx.db, (tx) => {
      const current = getOpenRequest(tx, ctx.actor, requestId, ['disclosure']);
      const grant: DisclosureRow = {
        id: newId(),
        requestId: current.id,
        storeId: current.storeId,
        jsonBlobKey: staged[0].key,
        jsonSha256: staged[0].sha256,
        pdfBlobKey: staged[1].key,
        pdfSha256: staged[1].sha256,
        grantedBy: ctx.actor.userId,
        grantedAt: generatedAt,
        expiresAt: new Date(ctx.clock.now().getTime() + DISCLOSURE_TTL_DAYS * 86_400_000).toISOString(),
        jsonDownloadedAt: null,
        jsonDownloadedBy: null,
        pdfDownloadedAt: null,
        pdfDownloadedBy: null,
      };
      tx.insert(privacyDisclosures).values(grant).run();
      closeRequestRow(tx, ctx, current, 'fulfilled', { ...emptyResult(), disclosures: [grant.id] });
      emitAudit(tx, ctx, { action: 'privacy_disclosure.grant', details: { requestId: current.id, jsonSha256: grant.jsonSha256, pdfSha256: grant.pdfSha256, sections: sectionCounts(packet), masked } }, { entityType: 'privacy_disclosure', entityId: grant.id, storeId: grant.storeId });
      return grant;
    });
    for (const s of staged) await s.publish();
    return toDisclosureView(row);
  } catch (err) {
    for (const s of staged) await s.discard();
    throw err;
  }
}

export function toDisclosureView(g: DisclosureRow) {
  return {
    id: g.id,
    requestId: g.requestId,
    grantedAt: g.grantedAt,
    expiresAt: g.expiresAt,
    copies: {
      json: { sha256: g.jsonSha256, downloadedAt: g.jsonDownloadedAt, available: !!g.jsonBlobKey },
      pdf: { sha256: g.pdfSha256, downloadedAt: g.pdfDownloadedAt, available: !!g.pdfBlobKey },
    },
  };
}

export function getDisclosureRow(db: Ctx['db'], id: string): DisclosureRow | undefined {
  return db.select().from(privacyDisclosures).where(eq(privacyDisclosures.id, id)).get();
}

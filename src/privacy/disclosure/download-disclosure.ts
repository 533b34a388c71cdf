// Downloads one copy (JSON or PDF) of a disclosure grant, once. The download is audited in the
// transaction that marks it taken, and the stored copy is deleted right after: the business keeps
// the hashes of what it disclosed, not a second copy of the person's data.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { privacyDisclosures } from '../../db/schema/index.js';
import { type Ctx, canSeeStore, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { ANSWER_ROLES } from '../internal.js';
import { type DisclosureRow, getDisclosureRow } from './grant-disclosure.js';

export type CopyFormat = 'json' | 'pdf';

function visible(ctx: Ctx, row: DisclosureRow | undefined): DisclosureRow {
  if (!row || !canSeeStore(ctx.actor, row.storeId)) throw new NotFoundError('Disclosure');
  return row;
}

function copyOf(row: DisclosureRow, format: CopyFormat) {
  return format === 'json' ? { key: row.jsonBlobKey, sha256: row.jsonSha256, taken: row.jsonDownloadedAt } : { key: row.pdfBlobKey, sha256: row.pdfSha256, taken: row.pdfDownloadedAt };
}

export async function downloadDisclosure({ ctx, id, format }: { ctx: Ctx; id: string; format: CopyFormat }): Promise<{ bytes: Buffer; contentType: string; filename: string }> {
  requireRole(ctx.actor, ANSWER_ROLES);
  const first = visible(ctx, getDisclosureRow(ctx.db, id));
  const copy = copyOf(first, format);
  if (copy.taken) throw new ConflictError('already_downloaded', 'This copy has already been downloaded; a copy is given once per grant.', { downloadedAt: copy.taken });
  if (!copy.key || first.expiresAt <= nowIso(ctx)) throw new ConflictError('disclosure_expired', 'This copy has expired; grant the disclosure again on a new request.', { expiresAt: first.expiresAt });
  // Read before marking: a failed read leaves the copy downloadable.
  const bytes = await ctx.blobs.get(copy.key);
  writeTx(ctx.db, (tx) => {
    const row = visible(ctx, tx.select().from(privacyDisclosures).where(eq(privacyDisclosures.id, id)).get());
    if (copyOf(row, format).taken) throw new ConflictError('already_downloaded', 'This copy has already been downloaded; a copy is given once per grant.');
    const at = nowIso(ctx);
    const set = format === 'json' ? { jsonDownloadedAt: at, jsonDownloadedBy: ctx.actor.userId, jsonBlobKey: null } : { pdfDownloadedAt: at, pdfDownloadedBy: ctx.actor.userId, pdfBlobKey: null };
    tx.update(privacyDisclosures).set(set).where(eq(privacyDisclosures.id, id)).run();
    emitAudit(tx, ctx, { action: 'privacy_disclosure.download', details: { requestId: row.requestId, format, sha256: copy.sha256 } }, { entityType: 'privacy_disclosure', entityId: row.id, storeId: row.storeId });
  });
  await ctx.blobs.delete(copy.key);
  return { bytes, contentType: format === 'json' ? 'application/json; charset=utf-8' : 'application/pdf', filename: `disclosure-${first.requestId}.${format}` };
}

// The packet job: load the approved selection, stream the ZIP into a staged (encrypted) blob,
// then record the result and its audit row in one transaction, publish the blob (ARCHITECTURE
// rule 3), and only then mark the export done. Progress is written as it goes; the generation time is kept on the
// export row, never inside the packet. A failure is recorded with a code, and the blob discarded.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { policeExports } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { DomainError } from '../../shared/errors.js';
import { getInquiry } from '../internal.js';
import { buildPacket } from '../packet/build-packet.js';
import { loadPacketContent } from '../packet/load-records.js';
import { useSigningKey } from '../packet/use-signing-key.js';
import { dataItemsOf } from './data-items.js';

const PROGRESS_EVERY_MS = 250;

export async function runExport(ctx: Ctx, exportId: string): Promise<void> {
  const exp = ctx.db.select().from(policeExports).where(eq(policeExports.id, exportId)).get();
  if (!exp) return;
  const progress = ctx.db.$client.prepare('UPDATE police_exports SET percent = ?, records_done = ? WHERE id = ?');
  try {
    ctx.db.update(policeExports).set({ status: 'running', startedAt: nowIso(ctx) }).where(eq(policeExports.id, exportId)).run();
    const content = loadPacketContent(ctx.db, getInquiry(ctx.db, exp.inquiryId));
    const key = useSigningKey(ctx);
    let last = 0;
    const { output, done } = buildPacket({
      content,
      key,
      fetch: (blobKey) => ctx.blobs.get(blobKey),
      onProgress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && p.step < p.steps) return;
        last = now;
        progress.run(Math.floor((100 * p.step) / p.steps), p.recordsDone, exportId);
      },
    });
    const staging = ctx.blobs.stageOnThread(output);
    const [staged, built] = await Promise.all([staging, done]).catch(async (err: unknown) => {
      // Whichever side failed, the other is settled before the error is recorded.
      await Promise.allSettled([staging.then((s) => s.discard()), done]);
      throw err;
    });
    try {
      writeTx(ctx.db, (tx) => {
        const summary = { dataItems: dataItemsOf(content), records: content.records.map((r) => r.itemId), images: built.images, root: built.root };
        // Still 'running': it becomes 'done' only once the blob is in place, so a download never
        // sees a finished export whose file is not there yet.
        tx.update(policeExports)
          .set({ blobKey: staged.key, sha256: staged.sha256, size: staged.size, keyFingerprint: key.fingerprint, summary: JSON.stringify(summary), recordsDone: content.records.length })
          .where(eq(policeExports.id, exportId))
          .run();
        emitAudit(tx, ctx, { action: 'police_export.complete', details: { inquiryId: exp.inquiryId, sha256: staged.sha256, size: staged.size, keyFingerprint: key.fingerprint } }, { entityType: 'police_export', entityId: exportId });
      });
    } catch (err) {
      await staged.discard();
      throw err;
    }
    await staged.publish();
    ctx.db.update(policeExports).set({ status: 'done', percent: 100, finishedAt: nowIso(ctx) }).where(eq(policeExports.id, exportId)).run();
  } catch (err) {
    const errorCode = err instanceof DomainError ? err.code : 'packet_failed';
    ctx.log.error({ err, exportId, errorCode }, 'police packet failed');
    writeTx(ctx.db, (tx) => {
      tx.update(policeExports).set({ status: 'failed', errorCode, finishedAt: nowIso(ctx) }).where(eq(policeExports.id, exportId)).run();
      emitAudit(tx, ctx, { action: 'police_export.fail', details: { inquiryId: exp.inquiryId, errorCode } }, { entityType: 'police_export', entityId: exportId });
    });
  }
}

// The retention purge (DOMAIN §1.4, rules 28-29, 41; issue #7 item 6): anonymises what is past its
// period, leaving tombstones, and deletes the images after each batch commits. A dry run lists
// what would go and writes nothing. The audit log is never touched — entries hold ids and hashes,
// so the chain verifies after a purge — but every anonymisation appends its own entry.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Tx, writeTx } from '../../db/client.js';
import { customers, disposals, privacyDisclosures, privacyPurgeRuns, privacyRequests, provisionRecords, tradeins } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { DomainError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { isRetentionLocked } from '../../tradeins/rules/index.js';
import { anonymizeCustomer, anonymizeDisposal, anonymizeLedgerEntry, deleteProvisionRecord, deleteUnlinkedDocument } from '../erase/anonymize.js';
import { today } from '../internal.js';
import { unlinkedDocuments } from '../subject-data.js';
import { customerCandidates, disclosureCandidates, disposalCandidates, listCandidates, provisionCandidates, requestCandidates, tradeinCandidates } from './purge-candidates.js';
import { acquirePurgeLock, heartbeat, releasePurgeLock } from './purge-lock.js';

export const PURGE_ROLES = ['compliance', 'admin'] as const;
const BATCH = 200;

export type PurgeTrigger = 'schedule' | 'api' | 'cli';
export type PurgeCounts = Record<'tradeins' | 'idDocuments' | 'disposals' | 'provisionRecords' | 'customers' | 'requests' | 'disclosureCopies' | 'blobsDeleted' | 'blobDeleteFailures', number>;

export async function runPurge({ ctx, dryRun, trigger }: { ctx: Ctx; dryRun: boolean; trigger: PurgeTrigger }) {
  requireRole(ctx.actor, PURGE_ROLES);
  const asOf = today(ctx);
  if (dryRun) return { dryRun: true as const, runId: null, asOf, candidates: listCandidates(ctx.db, asOf, nowIso(ctx)), counts: null };
  const runId = newId();
  writeTx(ctx.db, (tx) => {
    acquirePurgeLock(tx, ctx, runId);
    tx.insert(privacyPurgeRuns).values({ id: runId, trigger, status: 'running', asOf, counts: null, errorCode: null, actorId: ctx.actor.userId, startedAt: nowIso(ctx), finishedAt: null }).run();
    emitAudit(tx, ctx, { action: 'privacy_purge.start', details: { trigger, asOf } }, { entityType: 'privacy_purge', entityId: runId });
  });
  const counts: PurgeCounts = { tradeins: 0, idDocuments: 0, disposals: 0, provisionRecords: 0, customers: 0, requests: 0, disclosureCopies: 0, blobsDeleted: 0, blobDeleteFailures: 0 };
  // One batch = one transaction (with a heartbeat), then its files; a crash loses at most files
  // whose rows already let go of them.
  const batches = async <T extends { id: string }>(list: T[], each: (tx: Tx, id: string) => string[]) => {
    for (let i = 0; i < list.length; i += BATCH) {
      const keys = writeTx(ctx.db, (tx) => {
        heartbeat(tx, ctx, runId);
        return list.slice(i, i + BATCH).flatMap((x) => each(tx, x.id));
      });
      for (const key of keys) {
        try {
          await ctx.blobs.delete(key);
          counts.blobsDeleted++;
        } catch (err) {
          counts.blobDeleteFailures++;
          ctx.log.warn({ err, code: 'blob_delete_failed' }, 'purge: a stored file could not be deleted');
        }
      }
    }
  };
  try {
    // Each row is re-read and re-judged inside its transaction: the list may be stale by then.
    await batches(tradeinCandidates(ctx.db, asOf), (tx, id) => {
      const t = tx.select().from(tradeins).where(eq(tradeins.id, id)).get();
      if (!t || t.anonymizedAt || t.status !== 'completed' || isRetentionLocked(t.businessDate, asOf)) return [];
      const a = anonymizeLedgerEntry(tx, ctx, t);
      counts.tradeins++;
      counts.idDocuments += a.documents.length;
      return a.blobKeys;
    });
    await batches(disposalCandidates(ctx.db, asOf), (tx, id) => {
      const d = tx.select().from(disposals).where(eq(disposals.id, id)).get();
      if (!d || isRetentionLocked(d.businessDate, asOf)) return [];
      anonymizeDisposal(tx, ctx, d);
      counts.disposals++;
      return [];
    });
    await batches(provisionCandidates(ctx.db, asOf), (tx, id) => {
      const p = tx.select().from(provisionRecords).where(eq(provisionRecords.id, id)).get();
      if (!p || p.retainUntil >= asOf) return [];
      deleteProvisionRecord(tx, ctx, p);
      counts.provisionRecords++;
      return [];
    });
    const stillIdle = new Set(customerCandidates(ctx.db, asOf).map((c) => c.id));
    await batches([...stillIdle].map((id) => ({ id })), (tx, id) => {
      const c = tx.select().from(customers).where(eq(customers.id, id)).get();
      if (!c || c.anonymizedAt) return [];
      // Unlinked ID images of this person would otherwise outlive the record that names them.
      const keys = unlinkedDocuments(tx, [c]).map((d) => deleteUnlinkedDocument(tx, ctx, d));
      anonymizeCustomer(tx, ctx, c);
      counts.customers++;
      return keys.filter((k): k is string => !!k);
    });
    await batches(requestCandidates(ctx.db, asOf), (tx, id) => {
      tx.update(privacyRequests).set({ subjectName: null, subjectDateOfBirth: null, subjectAddress: null, proxyName: null, details: null, anonymizedAt: nowIso(ctx) }).where(eq(privacyRequests.id, id)).run();
      emitAudit(tx, ctx, { action: 'privacy_request.anonymize', details: {} }, { entityType: 'privacy_request', entityId: id });
      counts.requests++;
      return [];
    });
    await batches(disclosureCandidates(ctx.db, nowIso(ctx)), (tx, id) => {
      const g = tx.select().from(privacyDisclosures).where(eq(privacyDisclosures.id, id)).get();
      if (!g) return [];
      tx.update(privacyDisclosures).set({ jsonBlobKey: null, pdfBlobKey: null }).where(eq(privacyDisclosures.id, id)).run();
      emitAudit(tx, ctx, { action: 'privacy_disclosure.expire', details: { requestId: g.requestId } }, { entityType: 'privacy_disclosure', entityId: id, storeId: g.storeId });
      counts.disclosureCopies++;
      return [g.jsonBlobKey, g.pdfBlobKey].filter((k): k is string => !!k);
    });
  } catch (err) {
    const code = err instanceof DomainError ? err.code : 'internal_error';
    writeTx(ctx.db, (tx) => {
      tx.update(privacyPurgeRuns).set({ status: 'failed', errorCode: code, counts: JSON.stringify(counts), finishedAt: nowIso(ctx) }).where(eq(privacyPurgeRuns.id, runId)).run();
      releasePurgeLock(tx, runId);
      emitAudit(tx, ctx, { action: 'privacy_purge.fail', details: { errorCode: code } }, { entityType: 'privacy_purge', entityId: runId });
    });
    throw err;
  }
  writeTx(ctx.db, (tx) => {
    tx.update(privacyPurgeRuns).set({ status: 'done', counts: JSON.stringify(counts), finishedAt: nowIso(ctx) }).where(eq(privacyPurgeRuns.id, runId)).run();
    releasePurgeLock(tx, runId);
    emitAudit(tx, ctx, { action: 'privacy_purge.complete', details: { counts } }, { entityType: 'privacy_purge', entityId: runId });
  });
  return { dryRun: false as const, runId, asOf, candidates: null, counts };
}


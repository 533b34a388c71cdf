// The photo as staff and compliance see it: regions, the proposal job, rule 59's redaction state,
// rule 60's never-publish flag, the renditions and what the disclosure gate says today.
import { tradeinItems, tradeins } from '../db/schema/index.js';
import type { Db, Tx } from '../db/client.js';
import { eq } from 'drizzle-orm';
import { decideDisclosure, redactionState } from './gate/disclosure-rules.js';
import { type PhotoRow, type RegionRow, regionsHash } from './internal.js';
import { activeOptOutMatcher, type OptOutMatcher, type SubjectKeys } from './opt-outs/match-opt-outs.js';
import { NEVER_PUBLISH_KINDS } from './regions/kinds.js';

export function toRegionView(r: RegionRow) {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    detector: r.detector,
    confidence: r.confidence,
    x: r.x,
    y: r.y,
    width: r.width,
    height: r.height,
    status: r.status,
    dismissReason: r.dismissReason,
    neverPublish: r.neverPublish || NEVER_PUBLISH_KINDS.has(r.kind),
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  };
}

export function subjectKeys(db: Db | Tx, photo: PhotoRow): SubjectKeys {
  const item = db.select().from(tradeinItems).where(eq(tradeinItems.id, photo.itemId)).get();
  const tr = db.select({ customerId: tradeins.customerId }).from(tradeins).where(eq(tradeins.id, photo.tradeinId)).get();
  return { customerId: tr?.customerId ?? null, tradeinId: photo.tradeinId, chassisNorm: item?.chassisNorm ?? null, plateNorm: item?.plateNorm ?? null, imeiNorm: item?.imeiNorm ?? null };
}

export function gateFor(photo: PhotoRow, regions: RegionRow[], optedOut: boolean) {
  return decideDisclosure(photo, regions, regionsHash(regions), optedOut);
}

export function toPhotoView(db: Db | Tx, photo: PhotoRow, regions: RegionRow[], matcher: OptOutMatcher = activeOptOutMatcher(db)) {
  const current = regionsHash(regions);
  return {
    id: photo.id,
    storeId: photo.storeId,
    tradeinId: photo.tradeinId,
    itemId: photo.itemId,
    subject: photo.subject,
    format: photo.format,
    width: photo.width,
    height: photo.height,
    originalSha256: photo.originalSha256,
    originalStored: !!photo.originalBlobKey,
    proposals: {
      status: photo.proposalStatus,
      attempts: photo.proposalAttempts,
      error: photo.proposalError,
      summary: photo.proposalSummary ? (JSON.parse(photo.proposalSummary) as Record<string, unknown>) : null,
      updatedAt: photo.proposalUpdatedAt,
    },
    regions: regions.map(toRegionView),
    redaction: redactionState(photo.subject, regions),
    neverPublish: regions.some((r) => r.status !== 'dismissed' && (r.neverPublish || NEVER_PUBLISH_KINDS.has(r.kind))),
    renditions: { redacted: !!photo.redactedBlobKey, thumbnail: !!photo.thumbBlobKey, current: !!photo.redactedBlobKey && photo.renditionRegionsHash === current, renderedAt: photo.renderedAt },
    disclosure: decideDisclosure(photo, regions, current, matcher(subjectKeys(db, photo))),
    createdAt: photo.createdAt,
    anonymizedAt: photo.anonymizedAt,
  };
}
export type PhotoView = ReturnType<typeof toPhotoView>;

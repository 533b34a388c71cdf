// The disclosure gate (issue #5 §6), as pure rules over a photo, its regions and the opt-outs
// that match its subject. A photo may go to a dealer or buyer only when every rule passes:
//   anonymized       the evidence is gone (retention ended): nothing to serve.
//   proposals_*      the automatic detection has not finished (or failed): unreviewed PII.
//   unresolved       a region is still proposed; each must be confirmed (and is then burned in)
//                    or dismissed with a reason. For a plate (rule 59: redaction.required on a
//                    vehicle photo) a dismissal is the explicit decision — reason, user, time.
//   never_publish    a 車検証/記録事項, ID card or notification screen stands (rule 60), masked
//                    or not: the masked sheet still tells what it is, and the rule is absolute.
//   rendition_stale  the renditions were not burned from the current region set.
//   opted_out        the person asked, through a dealer or the store, that personal data in
//                    images not be disclosed (or not be given to third parties at all).
// For an opted-out subject we serve nothing rather than "fully redacted" renditions: redaction
// relies on detection, which is never complete (a plate at an angle, a face in a reflection, a
// 車台番号 on a sticker), and the opt-out is the person's no — so the safe reading is none at all.
import { NEVER_PUBLISH_KINDS, type RegionKind, type RegionStatus } from '../regions/kinds.js';

export type GateReason = 'anonymized' | 'proposals_pending' | 'proposals_failed' | 'unresolved' | 'never_publish' | 'rendition_stale' | 'opted_out';

export interface GatePhoto {
  anonymizedAt: string | null;
  proposalStatus: 'queued' | 'running' | 'done' | 'failed';
  redactedBlobKey: string | null;
  thumbBlobKey: string | null;
  renditionRegionsHash: string | null;
}

export interface GateRegion {
  kind: RegionKind;
  status: RegionStatus;
  neverPublish: boolean;
  dismissReason: string | null;
}

export interface GateDecision {
  disclosable: boolean;
  reasons: GateReason[];
}

export function decideDisclosure(photo: GatePhoto, regions: GateRegion[], currentHash: string, optedOut: boolean): GateDecision {
  const reasons: GateReason[] = [];
  if (photo.anonymizedAt) reasons.push('anonymized');
  if (photo.proposalStatus === 'queued' || photo.proposalStatus === 'running') reasons.push('proposals_pending');
  if (photo.proposalStatus === 'failed') reasons.push('proposals_failed');
  if (regions.some((r) => r.status === 'proposed' || (r.status === 'dismissed' && !r.dismissReason))) reasons.push('unresolved');
  if (regions.some((r) => r.status !== 'dismissed' && (r.neverPublish || NEVER_PUBLISH_KINDS.has(r.kind)))) reasons.push('never_publish');
  if (!photo.redactedBlobKey || !photo.thumbBlobKey || photo.renditionRegionsHash !== currentHash) reasons.push('rendition_stale');
  if (optedOut) reasons.push('opted_out');
  return { disclosable: reasons.length === 0, reasons };
}

/** Rule 59: a vehicle photo with a plate region needs it masked or explicitly waived. */
export function redactionState(subject: string, regions: GateRegion[]) {
  const plates = regions.filter((r) => r.kind === 'licence_plate');
  const required = subject === 'vehicle' && plates.length > 0;
  return {
    required,
    masked: plates.filter((r) => r.status === 'confirmed').length,
    waived: plates.filter((r) => r.status === 'dismissed').length,
    pending: plates.filter((r) => r.status === 'proposed').length,
    satisfied: !required || plates.every((r) => r.status !== 'proposed'),
  };
}

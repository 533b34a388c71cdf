// The kinds of personal data a photo region can hold (issue #5), and which of them may never be
// published in any form (DOMAIN rule 60: a 車検証 or 記録事項 sheet, an ID card; a phone screen
// with notifications is a screen_text region flagged never-publish by the detector or by staff).
export const REGION_KINDS = ['licence_plate', 'vehicle_document', 'id_document', 'face', 'screen_text', 'name_or_address', 'phone_number', 'other'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const REGION_SOURCES = ['auto', 'staff'] as const;
export const REGION_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;
export type RegionStatus = (typeof REGION_STATUSES)[number];

/** Rule 60: documents are never published, masked or not (the masked sheet still shows what it is). */
export const NEVER_PUBLISH_KINDS: ReadonlySet<RegionKind> = new Set(['vehicle_document', 'id_document']);

/** A rectangle in the photo's full-resolution pixel coordinates, after EXIF orientation. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a detector proposes. `text` stays in memory (tests, benchmark): it is never stored or logged. */
export interface Proposal {
  kind: RegionKind;
  /** Which detector found it, e.g. plate_shape, phone_number, name_label (stable codes). */
  detector: string;
  rect: Rect;
  /** 0-1. */
  confidence: number;
  neverPublish: boolean;
  text?: string;
}

// Rule 34 (古物営業法19条3項 後段): every intake while a 品触れ is active is checked as it is
// recorded. Called inside the trade-in's own write transaction (create-tradein.ts), so a matching
// intake is never committed without its task and block. Index lookups only: each identifier of
// each new item against the active notice items, and its brand|model|colour key.
import type { Tx } from '../../db/client.js';
import type { Ctx } from '../../shared/context.js';
import { prepared } from '../../db/prepared.js';
import { todayTokyo } from '../internal.js';
import { descKey, IDENTIFIER_COLUMNS, IDENTIFIER_KINDS, identifierValues, NORM_FIELDS } from './notice-keys.js';
import { type MatchCandidate, mergeCandidates, recordMatch } from './record-match.js';

/** The item columns the check needs (a tradein_items row satisfies it). */
export interface IntakeItem {
  id: string;
  tradeinId: string;
  storeId: string;
  features: string;
  serialNorm: string | null;
  imeiNorm: string | null;
  chassisNorm: string | null;
  plateNorm: string | null;
}

const ACTIVE = `n.active_until >= @today`;
const SELECT = `SELECT n.id AS noticeItemId, n.notice_id AS noticeId, p.notice_number AS noticeNumber, p.issuing_agency AS issuingAgency`;

const IDENTIFIER_SQL = `WITH v(value) AS (SELECT DISTINCT value FROM json_each(@values)),
hits(id, value) AS (
${IDENTIFIER_KINDS.map((k) => `  SELECT id, ${IDENTIFIER_COLUMNS[k]} FROM police_notice_items WHERE ${IDENTIFIER_COLUMNS[k]} IN (SELECT value FROM v)`).join('\n  UNION ALL\n')})
${SELECT}, hits.value AS value
FROM hits JOIN police_notice_items n ON n.id = hits.id JOIN police_notices p ON p.id = n.notice_id
WHERE ${ACTIVE}`;

const DESCRIPTION_SQL = `${SELECT} FROM police_notice_items n JOIN police_notices p ON p.id = n.notice_id WHERE n.desc_key = @key AND ${ACTIVE}`;

interface NoticeHit {
  noticeItemId: string;
  noticeId: string;
  noticeNumber: string;
  issuingAgency: string;
  value?: string;
}

/** Returns the match ids created (empty when nothing matched). */
export function checkIntakeAgainstNotices(tx: Tx, ctx: Ctx, items: IntakeItem[]): string[] {
  const today = todayTokyo(ctx);
  const found: MatchCandidate[] = [];
  for (const item of items) {
    const kinds = new Map<string, string[]>();
    for (const k of IDENTIFIER_KINDS) {
      const v = item[NORM_FIELDS[k]];
      if (v) kinds.set(v, [...(kinds.get(v) ?? []), k]);
    }
    const values = identifierValues(item);
    const base = { itemId: item.id, tradeinId: item.tradeinId, storeId: item.storeId };
    if (values.length) {
      for (const h of prepared(ctx.db, IDENTIFIER_SQL).all({ values: JSON.stringify(values), today }) as NoticeHit[]) {
        found.push({ ...pick(h), ...base, confidence: 'hit', matchedOn: kinds.get(h.value ?? '') ?? [] });
      }
    }
    const key = descKey(parseFeatures(item.features));
    if (key) {
      for (const h of prepared(ctx.db, DESCRIPTION_SQL).all({ key, today }) as NoticeHit[]) {
        found.push({ ...pick(h), ...base, confidence: 'review', matchedOn: ['brand', 'model', 'colour'] });
      }
    }
  }
  return mergeCandidates(found).map((c) => recordMatch(tx, ctx, c, 'intake'));
}

function pick(h: NoticeHit) {
  return { noticeItemId: h.noticeItemId, noticeId: h.noticeId, noticeNumber: h.noticeNumber, issuingAgency: h.issuingAgency };
}

function parseFeatures(json: string): Record<string, unknown> {
  try {
    const f = JSON.parse(json) as unknown;
    return f && typeof f === 'object' ? (f as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// Rule 33 (古物営業法19条3項 前段): when a 品触れ arrives, what the dealer held on its arrival date
// must be checked. "Held on the arrival date or since" = still held (draft or completed trade-in),
// or disposed of on or after the arrival date. Items disposed of before it are out of scope.
// Identifier hits go through the four identifier indexes; the description review needs the
// features JSON and scans only the rows that can still be in scope.
import type { Db } from '../../db/client.js';
import { prepared } from '../../db/prepared.js';
import { descKey, IDENTIFIER_COLUMNS, IDENTIFIER_KINDS } from './notice-keys.js';
import type { MatchCandidate } from './record-match.js';

export interface NoticeItemKeys {
  noticeId: string;
  noticeItemId: string;
  noticeNumber: string;
  issuingAgency: string;
  values: string[];
  descKey: string | null;
  /** The model part of descKey (normalised), for the scan's prefilter. */
  descModel: string | null;
}

const IN_SCOPE = `(i.status = 'held' OR EXISTS (SELECT 1 FROM disposals d WHERE d.item_id = i.id AND d.business_date >= @arrival))`;

// One equality lookup per identifier column (an OR across the columns would scan the table).
const IDENTIFIER_SQL = `WITH v(value) AS (SELECT DISTINCT value FROM json_each(@values)),
hits(id, kind, value) AS (
${IDENTIFIER_KINDS.map((k) => `  SELECT id, '${k}', ${IDENTIFIER_COLUMNS[k]} FROM tradein_items WHERE ${IDENTIFIER_COLUMNS[k]} IN (SELECT value FROM v)`).join('\n  UNION ALL\n')})
SELECT hits.kind AS kind, hits.value AS value, i.id AS itemId, i.tradein_id AS tradeinId, i.store_id AS storeId
FROM hits JOIN tradein_items i ON i.id = hits.id
WHERE ${IN_SCOPE}`;

// The review scan. For a model written in printable ASCII, normalizeIdentifier is exactly
// upper() with spaces and '-' removed (NFKC and the dash/長音 rules only touch other characters),
// so SQLite compares those in C and only a model with other characters (全角, kana, tabs) goes to
// JavaScript. Candidates are then checked on all three of brand, model and colour.
const MODEL = `(i.features ->> '$.model')`;
const DESCRIPTION_SQL = `SELECT i.id AS itemId, i.tradein_id AS tradeinId, i.store_id AS storeId,
  i.features ->> '$.brand' AS brand, ${MODEL} AS model, i.features ->> '$.colour' AS colour
FROM tradein_items i
WHERE ${MODEL} IS NOT NULL
  AND (${MODEL} GLOB '*[^ -~]*' OR upper(replace(replace(${MODEL}, ' ', ''), '-', '')) IN (SELECT value FROM json_each(@models)))
  AND ${IN_SCOPE}`;

interface IdentifierHit {
  kind: string;
  value: string;
  itemId: string;
  tradeinId: string;
  storeId: string;
}
interface DescriptionRow {
  itemId: string;
  tradeinId: string;
  storeId: string;
  brand: unknown;
  model: unknown;
  colour: unknown;
}

export function matchHoldings(db: Db, notice: { arrivalDate: string; items: NoticeItemKeys[] }): MatchCandidate[] {
  const out: MatchCandidate[] = [];
  const byValue = new Map<string, NoticeItemKeys[]>();
  for (const it of notice.items) for (const v of it.values) byValue.set(v, [...(byValue.get(v) ?? []), it]);
  if (byValue.size) {
    const hits = prepared(db, IDENTIFIER_SQL).all({ values: JSON.stringify([...byValue.keys()]), arrival: notice.arrivalDate }) as IdentifierHit[];
    for (const h of hits) {
      for (const it of byValue.get(h.value) ?? []) out.push(candidate(it, h, 'hit', [h.kind]));
    }
  }
  const byDesc = new Map<string, NoticeItemKeys[]>();
  for (const it of notice.items) if (it.descKey) byDesc.set(it.descKey, [...(byDesc.get(it.descKey) ?? []), it]);
  if (byDesc.size) {
    const models = JSON.stringify([...new Set(notice.items.map((it) => it.descModel).filter(Boolean))]);
    for (const row of prepared(db, DESCRIPTION_SQL).iterate({ arrival: notice.arrivalDate, models }) as IterableIterator<DescriptionRow>) {
      const key = descKey(row);
      const wanted = key ? byDesc.get(key) : undefined;
      if (wanted) for (const it of wanted) out.push(candidate(it, row, 'review', ['brand', 'model', 'colour']));
    }
  }
  return out;
}

function candidate(it: NoticeItemKeys, row: { itemId: string; tradeinId: string; storeId: string }, confidence: 'hit' | 'review', matchedOn: string[]): MatchCandidate {
  return { noticeId: it.noticeId, noticeItemId: it.noticeItemId, noticeNumber: it.noticeNumber, issuingAgency: it.issuingAgency, itemId: row.itemId, tradeinId: row.tradeinId, storeId: row.storeId, confidence, matchedOn };
}

// The amendment history of one record (DOMAIN rule 44) as the police see it: for each correction,
// when, who, why, and the values before it — only of this record's own fields (the counterparty,
// and this item's line). Other items of the same trade-in are not part of the answer.
import type { tradeinVersions } from '../../db/schema/index.js';
import { formatFeatures } from '../../tradeins/ledger-rows.js';
import type { Amendment } from './types.js';

type VersionRow = typeof tradeinVersions.$inferSelect;

const CP_COLUMNS: Record<string, string> = { name: 'cpName', kanaName: 'cpKanaName', address: 'cpAddress', occupation: 'cpOccupation', dateOfBirth: 'cpDateOfBirth' };

interface Snapshot {
  tradein?: Record<string, unknown>;
  items?: Record<string, unknown>[];
}

function text(v: unknown): string | null {
  return v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
}

export function amendmentsFor(versions: VersionRow[], lineNo: number, name: (id: string | null) => string | null): Amendment[] {
  const out: Amendment[] = [];
  for (const v of versions) {
    let snap: Snapshot = {};
    let fields: string[] = [];
    try {
      snap = JSON.parse(v.snapshot) as Snapshot;
      fields = JSON.parse(v.changedFields) as string[];
    } catch {
      // An unreadable history row is still listed (when, who, why), without values.
    }
    const item = snap.items?.find((i) => i.lineNo === lineNo);
    const changes: Amendment['changes'] = [];
    for (const f of fields) {
      const [head, a, b] = f.split('.');
      if (head === 'counterparty' && a) changes.push({ field: f, before: text(snap.tradein?.[CP_COLUMNS[a] ?? a]) });
      else if (head === 'items' && Number(a) === lineNo && b) {
        const before = item?.[b];
        // Anonymised snapshots are '{}': nothing personal is left to show.
        changes.push({ field: `item.${b}`, before: b === 'features' && typeof before === 'string' ? formatFeatures(before, { anonymized: false }) : text(before) });
      }
    }
    if (changes.length) out.push({ version: v.version, changedAt: v.createdAt, author: name(v.authorId), reason: v.reason, changes });
  }
  return out;
}

// GET /ledger/search: find ledger rows by an item identifier (品触れ, police inquiries: "did you
// take in IMEI …?") or by a person (name + date of birth). Compliance and admin search every
// store; staff only their own. Exact matches on normalised forms, through indexes only.
import { type Ctx, requireRole } from '../shared/context.js';
import { ValidationError } from '../shared/errors.js';
import { normalizeIdentifier, normalizeName } from '../shared/japanese.js';
import { prepared } from '../db/prepared.js';
import { INTAKE_ORDER, ROW_COLUMNS, ROW_JOINS, type RawLedgerRow, toLedgerRow } from './ledger-rows.js';
import type { LedgerSearchQuery, LedgerSearchResult } from './ledger-schemas.js';
import { LEDGER_READERS } from './list-ledger.js';

/** Enough for any real identifier or person; more means the query is too broad to be useful. */
export const SEARCH_LIMIT = 200;

// Stores the actor may search: @all = 1, or the staff member's stores as a JSON array.
const STORE_FILTER = `(@all = 1 OR i.store_id IN (SELECT value FROM json_each(@stores)))`;

// A UNION of four equality lookups, so each uses its own index (items_serial, items_imei,
// items_chassis, items_plate); an OR across the four columns would scan the table.
const IDENTIFIER_SQL = `WITH hits(id) AS (
  SELECT id FROM tradein_items WHERE serial_norm = @q
  UNION SELECT id FROM tradein_items WHERE imei_norm = @q
  UNION SELECT id FROM tradein_items WHERE chassis_norm = @q
  UNION SELECT id FROM tradein_items WHERE plate_norm = @q)
SELECT ${ROW_COLUMNS}, t.business_date AS sortDate
FROM hits
JOIN tradein_items i ON i.id = hits.id
JOIN tradeins t ON t.id = i.tradein_id
LEFT JOIN disposals d ON d.item_id = i.id AND d.ledger_required = 1
${ROW_JOINS}
WHERE t.status = 'completed' AND (t.ledger_required = 1 OR d.id IS NOT NULL) AND ${STORE_FILTER}
${INTAKE_ORDER} LIMIT @limit`;

// The recorded counterparty of an intake (tradeins_cp_name_dob). Anonymised entries are not
// found by person: that would tell who traded after the personal data was removed.
const NAME_SQL = `SELECT ${ROW_COLUMNS}, t.business_date AS sortDate
FROM tradeins t
JOIN tradein_items i ON i.tradein_id = t.id
LEFT JOIN disposals d ON d.item_id = i.id AND d.ledger_required = 1
${ROW_JOINS}
WHERE t.cp_name_norm = @name AND t.cp_date_of_birth = @dob
  AND t.status = 'completed' AND t.ledger_required = 1 AND t.anonymized_at IS NULL AND ${STORE_FILTER}
${INTAKE_ORDER} LIMIT @limit`;

export const SEARCH_SQL = { identifier: IDENTIFIER_SQL, name: NAME_SQL } as const;

type Mode = { kind: 'identifier'; q: string } | { kind: 'name'; name: string; dob: string };

function modeOf(query: LedgerSearchQuery): Mode {
  const issue = (path: string, code: string, message: string) => ({ path: `querystring.${path}`, code, message });
  const byId = query.identifier !== undefined;
  const byPerson = query.name !== undefined || query.dateOfBirth !== undefined;
  if (byId && byPerson) {
    throw new ValidationError('search_mode_ambiguous', 'Search by identifier or by name and date of birth, not both.', [
      issue('identifier', 'not_allowed', 'not with name/dateOfBirth'),
    ]);
  }
  if (byId) {
    const q = normalizeIdentifier(query.identifier!);
    if (q === '') throw new ValidationError('search_identifier_empty', 'The identifier has no letters or digits.', [issue('identifier', 'too_small', 'empty after normalisation')]);
    return { kind: 'identifier', q };
  }
  if (!byPerson) {
    throw new ValidationError('search_mode_required', 'Give an identifier, or a name and a date of birth.', [issue('identifier', 'required', 'identifier or name + dateOfBirth')]);
  }
  // A name alone matches too many people to be a lawful, proportionate lookup of personal data.
  const missing = query.name === undefined ? 'name' : query.dateOfBirth === undefined ? 'dateOfBirth' : null;
  if (missing) throw new ValidationError('search_person_incomplete', 'A person search needs both name and date of birth.', [issue(missing, 'required', 'required with the other')]);
  const name = normalizeName(query.name!);
  if (name === '') throw new ValidationError('search_person_incomplete', 'The name is empty.', [issue('name', 'too_small', 'empty after normalisation')]);
  return { kind: 'name', name, dob: query.dateOfBirth! };
}

export function searchLedger({ ctx, query }: { ctx: Ctx; query: LedgerSearchQuery }): LedgerSearchResult {
  requireRole(ctx.actor, LEDGER_READERS);
  const mode = modeOf(query);
  const scope = {
    all: ctx.actor.role === 'staff' ? 0 : 1,
    stores: JSON.stringify(ctx.actor.role === 'staff' ? ctx.actor.storeIds : []),
    limit: SEARCH_LIMIT + 1,
  };
  const rows = (
    mode.kind === 'identifier'
      ? prepared(ctx.db, IDENTIFIER_SQL).all({ ...scope, q: mode.q })
      : prepared(ctx.db, NAME_SQL).all({ ...scope, name: mode.name, dob: mode.dob })
  ) as RawLedgerRow[];
  return { items: rows.slice(0, SEARCH_LIMIT).map(toLedgerRow), limit: SEARCH_LIMIT, truncated: rows.length > SEARCH_LIMIT };
}

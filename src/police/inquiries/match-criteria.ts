// Runs an inquiry's criteria against the ledger: normalised identifiers through the four
// identifier indexes (any kind: a police request may call an IMEI a 製造番号), a person through
// the counterparty's normalised name and date of birth, then narrowed by dates, stores and
// categories. Only completed entries (the ledger). Anonymised entries are never found by person.
import type { Db } from '../../db/client.js';
import { ValidationError } from '../../shared/errors.js';
import { normalizeIdentifier, normalizeName } from '../../shared/japanese.js';
import { prepared } from '../../db/prepared.js';
import { IDENTIFIER_COLUMNS, IDENTIFIER_KINDS } from '../notices/notice-keys.js';
import type { Criteria } from './schemas.js';

/** More rows than this is not an answer to a specific question: narrow the criteria. */
export const MATCH_LIMIT = 500;

const IDENTIFIER_SQL = `WITH v(value) AS (SELECT DISTINCT value FROM json_each(@values))
${IDENTIFIER_KINDS.map((k) => `SELECT id AS itemId, '${k}' AS kind FROM tradein_items WHERE ${IDENTIFIER_COLUMNS[k]} IN (SELECT value FROM v)`).join('\nUNION ALL\n')}`;

const PERSON_SQL = `SELECT i.id AS itemId, 'person' AS kind FROM tradeins t JOIN tradein_items i ON i.tradein_id = t.id
WHERE t.cp_name_norm = @name AND t.cp_date_of_birth = @dob AND t.anonymized_at IS NULL`;

const FILTER_SQL = `SELECT i.id AS itemId, i.tradein_id AS tradeinId, i.store_id AS storeId
FROM tradein_items i JOIN tradeins t ON t.id = i.tradein_id
WHERE i.id IN (SELECT value FROM json_each(@ids)) AND t.status = 'completed'
  AND (@from IS NULL OR t.business_date >= @from) AND (@to IS NULL OR t.business_date <= @to)
  AND (@stores = '[]' OR i.store_id IN (SELECT value FROM json_each(@stores)))
  AND (@categories = '[]' OR i.category IN (SELECT value FROM json_each(@categories)))
ORDER BY t.business_date, i.id`;

export interface CriteriaMatch {
  itemId: string;
  tradeinId: string;
  storeId: string;
  matchedOn: string[];
}

/** Minimal disclosure (rule 38): something specific must be asked; dates and stores only narrow. */
export function criteriaIssues(c: Criteria, path = 'body.criteria') {
  const issues: { path: string; code: string; message: string }[] = [];
  if (!c.identifiers.length && !c.persons.length) issues.push({ path: `${path}.identifiers`, code: 'required', message: 'at least one identifier or person (name + date of birth)' });
  c.identifiers.forEach((v, i) => {
    if (!normalizeIdentifier(v)) issues.push({ path: `${path}.identifiers.${i}`, code: 'too_small', message: 'no letters or digits' });
  });
  c.persons.forEach((p, i) => {
    if (!normalizeName(p.name)) issues.push({ path: `${path}.persons.${i}.name`, code: 'too_small', message: 'empty after normalisation' });
  });
  if (c.dateFrom && c.dateTo && c.dateFrom > c.dateTo) issues.push({ path: `${path}.dateTo`, code: 'before_from', message: 'dateTo must not be before dateFrom' });
  return issues;
}

export function matchCriteria(db: Db, c: Criteria): CriteriaMatch[] {
  const hits = new Map<string, Set<string>>();
  const add = (rows: { itemId: string; kind: string }[]) => {
    for (const r of rows) hits.set(r.itemId, (hits.get(r.itemId) ?? new Set()).add(r.kind));
  };
  const values = [...new Set(c.identifiers.map(normalizeIdentifier).filter(Boolean))];
  if (values.length) add(prepared(db, IDENTIFIER_SQL).all({ values: JSON.stringify(values) }) as { itemId: string; kind: string }[]);
  for (const p of c.persons) add(prepared(db, PERSON_SQL).all({ name: normalizeName(p.name), dob: p.dateOfBirth }) as { itemId: string; kind: string }[]);
  if (!hits.size) return [];
  const rows = prepared(db, FILTER_SQL).all({
    ids: JSON.stringify([...hits.keys()]),
    from: c.dateFrom ?? null,
    to: c.dateTo ?? null,
    stores: JSON.stringify(c.storeIds),
    categories: JSON.stringify(c.categories),
  }) as Omit<CriteriaMatch, 'matchedOn'>[];
  if (rows.length > MATCH_LIMIT) {
    throw new ValidationError('criteria_too_broad', `The criteria match more than ${MATCH_LIMIT} records; narrow them (dates, stores, categories).`, [
      { path: 'body.criteria', code: 'too_broad', message: `more than ${MATCH_LIMIT} records` },
    ]);
  }
  return rows.map((r) => ({ ...r, matchedOn: [...(hits.get(r.itemId) ?? [])].sort() }));
}

// Exports the provision register (CSV for a spreadsheet, or JSON), e.g. for an Art. 33(5)
// disclosure handled outside the system or a PPC inspection. A bulk read of personal data, so it
// is audited (ids and counts only) in a transaction of its own before the bytes leave.
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';
import { queryProvisions } from './list-provisions.js';
import type { ExportProvisions, ProvisionRecord } from './schemas.js';

const COLUMNS: Array<[keyof ProvisionRecord, string]> = [
  ['id', '記録番号'],
  ['firstProvidedOn', '提供年月日（初回）'],
  ['lastProvidedOn', '提供年月日（最終）'],
  ['provisions', '提供回数'],
  ['recipientName', '提供先'],
  ['recipientAddress', '提供先の住所'],
  ['customerId', '本人の顧客番号'],
  ['customerName', '本人の氏名'],
  ['dataItems', '提供した項目'],
  ['basis', '根拠（consent=同意, opt_out=オプトアウト）'],
  ['consentObtainedOn', '同意日'],
  ['recordKind', '記録の種類'],
  ['retainUntil', '保存期限'],
];

const cell = (v: unknown): string => {
  const s = Array.isArray(v) ? v.join('・') : v === null || v === undefined ? '' : String(v);
  // Quote always; a leading = + - @ would be run as a formula by spreadsheet software.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function exportProvisions({ ctx, query }: { ctx: Ctx; query: ExportProvisions }): { body: string; contentType: string; filename: string } {
  requireRole(ctx.actor, ['compliance']);
  const rows = queryProvisions(ctx.db, query);
  writeTx(ctx.db, (tx) => {
    emitAudit(tx, ctx, { action: 'privacy_provision.export', details: { records: rows.length, format: query.format } }, { entityType: 'provision_register', entityId: newId() });
  });
  if (query.format === 'json') return { body: `${JSON.stringify({ records: rows }, null, 2)}\n`, contentType: 'application/json; charset=utf-8', filename: 'provision-records.json' };
  const lines = [COLUMNS.map(([, h]) => cell(h)).join(','), ...rows.map((r) => COLUMNS.map(([k]) => cell(r[k])).join(','))];
  // BOM: spreadsheet software in Japan opens UTF-8 CSV as Shift_JIS without it.
  return { body: `\uFEFF${lines.join('\r\n')}\r\n`, contentType: 'text/csv; charset=utf-8', filename: 'provision-records.csv' };
}

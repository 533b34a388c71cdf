// Records a leak, loss or damage of personal data and triages it (DOMAIN rule 45): whether the
// PPC must be told (規則7条), the preliminary and final report due dates (規則8条), whether the
// people must be notified (Art. 26(2)), and — for a lost ledger — the police notice of 古物営業法
// 18条2項 (DOMAIN rule 31). The decision itself is the pure rules/leak-triage.ts.
import { desc, eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { leakIncidents } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { newId } from '../../shared/ids.js';
import { compareIso, tokyoDate } from '../../shared/japanese.js';
import { type Triage, triageLeak } from '../rules/index.js';
import type { CreateIncident, Incident } from './schemas.js';

type IncidentRow = typeof leakIncidents.$inferSelect;

export function createIncident({ ctx, input }: { ctx: Ctx; input: CreateIncident }): Incident {
  requireRole(ctx.actor, ['compliance']);
  assertNoMyNumber({ summary: input.summary });
  if (compareIso(input.discoveredOn, tokyoDate(ctx.clock.now())) > 0) throw new ValidationError('discovered_in_future', 'The discovery date is in the future.', [{ path: 'discoveredOn', code: 'in_future', message: 'must not be after today' }]);
  const triage = triageLeak(input);
  const row: IncidentRow = {
    id: newId(),
    discoveredOn: input.discoveredOn,
    summary: input.summary,
    dataCategories: JSON.stringify(input.dataCategories),
    affectedCount: input.affectedCount,
    cause: input.cause,
    encryptedHighStandard: input.encryptedHighStandard,
    keyCompromised: input.keyCompromised,
    ledgerAffected: input.ledgerAffected,
    triage: JSON.stringify(triage),
    reportable: triage.reportable,
    preliminaryDue: triage.preliminaryDue,
    finalDue: triage.finalDue,
    createdBy: ctx.actor.userId,
    createdAt: nowIso(ctx),
  };
  return writeTx(ctx.db, (tx) => {
    tx.insert(leakIncidents).values(row).run();
    emitAudit(tx, ctx, { action: 'privacy_incident.create', details: { reportable: triage.reportable, affectedCount: row.affectedCount, cause: row.cause, categories: [...input.dataCategories].sort() } }, { entityType: 'leak_incident', entityId: row.id });
    return toIncidentView(row);
  });
}

export function listIncidents({ ctx }: { ctx: Ctx }): Incident[] {
  requireRole(ctx.actor, ['compliance']);
  return ctx.db.select().from(leakIncidents).orderBy(desc(leakIncidents.discoveredOn), desc(leakIncidents.createdAt)).all().map(toIncidentView);
}

export function getIncident({ ctx, id }: { ctx: Ctx; id: string }): Incident {
  requireRole(ctx.actor, ['compliance']);
  const row = ctx.db.select().from(leakIncidents).where(eq(leakIncidents.id, id)).get();
  if (!row) throw new NotFoundError('Incident');
  return toIncidentView(row);
}

function toIncidentView(r: IncidentRow): Incident {
  const t = JSON.parse(r.triage) as Triage;
  return {
    id: r.id,
    discoveredOn: r.discoveredOn,
    summary: r.summary,
    dataCategories: JSON.parse(r.dataCategories) as string[],
    affectedCount: r.affectedCount,
    cause: r.cause,
    encryptedHighStandard: r.encryptedHighStandard,
    keyCompromised: r.keyCompromised,
    ledgerAffected: r.ledgerAffected,
    ...t,
    createdAt: r.createdAt,
  };
}

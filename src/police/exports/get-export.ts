// A packet job's state and progress (records done, percent), and the internal provision log.
import { desc, eq } from 'drizzle-orm';
import { policeExports, policeProvisions } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import type { Export } from '../inquiries/schemas.js';
import { exportView } from '../inquiries/view.js';
import { COMPLIANCE, COMPLIANCE_READERS } from '../internal.js';

export function getExport({ ctx, id }: { ctx: Ctx; id: string }): Export {
  requireRole(ctx.actor, COMPLIANCE);
  const row = ctx.db.select().from(policeExports).where(eq(policeExports.id, id)).get();
  if (!row) throw new NotFoundError('Export');
  return exportView(row);
}

/** Rule 38: the internal police provision log (not the customer-facing APPI register). */
export function listProvisions({ ctx }: { ctx: Ctx }) {
  requireRole(ctx.actor, COMPLIANCE_READERS);
  return ctx.db
    .select()
    .from(policeProvisions)
    .orderBy(desc(policeProvisions.providedAt), desc(policeProvisions.id))
    .all()
    .map((p) => ({ ...p, dataItems: JSON.parse(p.dataItems) as string[], records: JSON.parse(p.records) as string[] }));
}

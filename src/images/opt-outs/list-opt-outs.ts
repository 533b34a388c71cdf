// Opt-outs with their history (all by default; active=true the standing ones, active=false the
// withdrawn ones): a dealer sees the ones that came through them, compliance all of them.
import { and, desc, eq, isNotNull, isNull, or } from 'drizzle-orm';
import { optOuts } from '../../db/schema/index.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { toPhotoOptOutView } from './subjects.js';

export function listPhotoOptOuts({ ctx, query }: { ctx: Ctx; query: { active?: 'true' | 'false' } }) {
  requireRole(ctx.actor, ['dealer', 'compliance']);
  const me = ctx.actor.userId ?? '';
  const mine = ctx.actor.role === 'dealer' ? or(eq(optOuts.dealerUserId, me), eq(optOuts.registeredBy, me)) : undefined;
  const active = query.active === 'true' ? isNull(optOuts.revokedAt) : query.active === 'false' ? isNotNull(optOuts.revokedAt) : undefined;
  const rows = ctx.db.select().from(optOuts).where(and(mine, active)).orderBy(desc(optOuts.registeredAt), desc(optOuts.id)).all();
  return { optOuts: rows.map(toPhotoOptOutView) };
}

// A member dealer (or compliance) records that a person does not want personal data in photos of
// their vehicle or device disclosed (scope image_disclosure), or not given to third parties at all
// (third_party_provision): who (the subject), when it was received, through which dealer, a note.
// Effective at once: the feed and every image fetch read opt-outs fresh. One row per scope; an
// active one for the same subject and scope is returned, not duplicated. Audited (ids and a hash
// of the identifier, never the note or the identifier itself).
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { optOuts, users } from '../../db/schema/index.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ValidationError } from '../../shared/errors.js';
import { assertNoMyNumber } from '../../shared/forbidden-numbers.js';
import { sha256Hex } from '../../shared/hash.js';
import { newId } from '../../shared/ids.js';
import { compareIso, tokyoDate } from '../../shared/japanese.js';
import { OptOutInput } from '../schemas.js';
import { type OptOutRow, resolveSubject, sameActive, toPhotoOptOutView } from './subjects.js';

const bad = (path: string, code: string, message: string) => new ValidationError(code, message, [{ path, code, message }]);

export function recordPhotoOptOut({ ctx, input }: { ctx: Ctx; input: OptOutInput }) {
  requireRole(ctx.actor, ['dealer', 'compliance']);
  const i = OptOutInput.parse(input);
  assertNoMyNumber({ note: i.note });
  if (compareIso(i.receivedOn, tokyoDate(ctx.clock.now())) > 0) throw bad('receivedOn', 'received_in_future', 'The date received is in the future.');
  // A dealer records what reached them; compliance names the dealer, or none for the counter.
  if (ctx.actor.role === 'dealer' && i.dealerUserId && i.dealerUserId !== ctx.actor.userId) throw bad('dealerUserId', 'not_your_dealer', 'A dealer records opt-outs received by themselves.');
  const dealerUserId = ctx.actor.role === 'dealer' ? ctx.actor.userId : (i.dealerUserId ?? null);
  return writeTx(ctx.db, (tx) => {
    if (dealerUserId && ctx.actor.role !== 'dealer') {
      const dealer = tx.select().from(users).where(eq(users.id, dealerUserId)).get();
      if (dealer?.role !== 'dealer') throw bad('dealerUserId', 'unknown_dealer', 'No member dealer has this id.');
    }
    const subject = resolveSubject(tx, i.subject);
    const rows: OptOutRow[] = [];
    for (const scope of [...new Set(i.scopes)]) {
      const existing = sameActive(tx, subject, scope);
      if (existing) {
        rows.push(existing);
        continue;
      }
      const row: OptOutRow = {
        id: newId(),
        customerId: subject.customerId,
        storeId: subject.storeId,
        scope,
        subjectType: subject.type,
        subjectTradeinId: subject.tradeinId,
        subjectNorm: subject.norm,
        source: dealerUserId ? 'dealer' : 'counter',
        sourceId: null,
        receivedOn: i.receivedOn,
        dealerUserId,
        note: i.note ?? null,
        registeredAt: nowIso(ctx),
        registeredBy: ctx.actor.userId,
        revokedAt: null,
        revokedBy: null,
        revokedReceivedOn: null,
        revokeNote: null,
      };
      tx.insert(optOuts).values(row).run();
      emitAudit(
        tx,
        ctx,
        { action: 'opt_out.record', details: { subjectType: subject.type, customerId: subject.customerId, tradeinId: subject.tradeinId, subjectHash: subject.norm ? sha256Hex(subject.norm) : null, scope, source: row.source, dealerUserId, receivedOn: i.receivedOn } },
        { entityType: 'opt_out', entityId: row.id, storeId: subject.storeId },
      );
      rows.push(row);
    }
    return { optOuts: rows.map(toPhotoOptOutView) };
  });
}

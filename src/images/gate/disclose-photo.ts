// One rendition served to a member dealer through the feed: a disclosure. The gate is decided
// again against fresh data (no caching past an opt-out); the bytes are read first, then one
// transaction re-checks the gate and that the rendition is still the one read, logs the
// disclosure (rendition, channel, recipient, time) and writes the third-party provision record
// (個人情報保護法29条; DOMAIN rule 41) with its audit rows. A photo the gate refuses answers 404, as
// if it did not exist: a dealer learns nothing about opt-outs or regions.
import { eq } from 'drizzle-orm';
import { emitAudit } from '../../audit/emit.js';
import { type Db, type Tx, writeTx } from '../../db/client.js';
import { customers, photoDisclosures, photos, tradeinItems, tradeins, users } from '../../db/schema/index.js';
import { recordProvision } from '../../privacy/provisions/record-provision.js';
import { type Ctx, nowIso, requireRole } from '../../shared/context.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { newId } from '../../shared/ids.js';
import { tokyoDate } from '../../shared/japanese.js';
import { regionsOf } from '../internal.js';
import { activeOptOutMatcher } from '../opt-outs/match-opt-outs.js';
import type { ImageBytes } from '../view-photo-image.js';
import { gateFor } from '../view.js';

export const FEED_CHANNEL = 'listing_feed';
const DATA_ITEMS = { vehicle: '車両写真（個人情報マスク済み）', device: '端末写真（個人情報マスク済み）', other: '商品写真（個人情報マスク済み）' } as const;

function disclosable(db: Db | Tx, id: string, rendition: 'redacted' | 'thumbnail') {
  const row = db.select({ p: photos, i: tradeinItems, t: tradeins }).from(photos).innerJoin(tradeinItems, eq(tradeinItems.id, photos.itemId)).innerJoin(tradeins, eq(tradeins.id, photos.tradeinId)).where(eq(photos.id, id)).get();
  if (row?.t.status !== 'completed' || row.i.status !== 'held') throw new NotFoundError('Photo');
  const { p, i, t } = row;
  const optedOut = activeOptOutMatcher(db)({ customerId: t.customerId, tradeinId: p.tradeinId, chassisNorm: i.chassisNorm, plateNorm: i.plateNorm, imeiNorm: i.imeiNorm });
  if (!gateFor(p, regionsOf(db, id), optedOut).disclosable) throw new NotFoundError('Photo');
  const key = rendition === 'redacted' ? p.redactedBlobKey : p.thumbBlobKey;
  const sha = rendition === 'redacted' ? p.redactedSha256 : p.thumbSha256;
  return { photo: p, customerId: t.customerId, key: key!, sha256: sha! };
}

export async function disclosePhoto({ ctx, id, rendition }: { ctx: Ctx; id: string; rendition: 'redacted' | 'thumbnail' }): Promise<ImageBytes> {
  requireRole(ctx.actor, ['dealer']);
  const first = disclosable(ctx.db, id, rendition);
  const bytes = await ctx.blobs.get(first.key);
  writeTx(ctx.db, (tx) => {
    const now = disclosable(tx, id, rendition);
    // Re-burned while we read: the client asks again and gets the new rendition.
    if (now.key !== first.key) throw new ConflictError('rendition_changed', 'The photo was updated while it was being read; request it again.');
    const recipient = ctx.actor.userId ? tx.select().from(users).where(eq(users.id, ctx.actor.userId)).get() : undefined;
    const recipientName = recipient?.name ?? 'unknown dealer';
    const customer = now.customerId ? tx.select().from(customers).where(eq(customers.id, now.customerId)).get() : undefined;
    let provisionId: string | null = null;
    let provisionNote: string | null = null;
    if (customer && !customer.anonymizedAt) {
      try {
        const r = recordProvision(tx, ctx, {
          customerId: customer.id,
          recipientType: 'third_party',
          recipient: { name: recipientName },
          dataItems: [DATA_ITEMS[now.photo.subject]],
          basis: 'opt_out',
          providedOn: tokyoDate(ctx.clock.now()),
          recordKind: 'batch',
          source: { kind: 'photo_disclosure', id: now.photo.id },
        });
        provisionId = r.record?.id ?? null;
      } catch (err) {
        // An opt-out the gate did not see (a race): disclose nothing, as for any gated photo.
        if (err instanceof ConflictError && err.code === 'provision_opted_out') throw new NotFoundError('Photo');
        throw err;
      }
    } else provisionNote = 'no_customer';
    const rowId = newId();
    tx.insert(photoDisclosures).values({ id: rowId, photoId: id, storeId: now.photo.storeId, rendition, sha256: now.sha256, channel: FEED_CHANNEL, recipientUserId: ctx.actor.userId, recipientName, provisionRecordId: provisionId, provisionNote, disclosedAt: nowIso(ctx) }).run();
    emitAudit(tx, ctx, { action: 'photo.disclose', details: { rendition, channel: FEED_CHANNEL, recipientUserId: ctx.actor.userId, sha256: now.sha256, provisionId } }, { entityType: 'photo', entityId: id, storeId: now.photo.storeId });
  });
  return { bytes, contentType: 'image/jpeg' };
}

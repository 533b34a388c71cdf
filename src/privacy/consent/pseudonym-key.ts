// The HMAC key behind marketing pseudonyms. 仮名加工情報 (Art. 41(2); DOMAIN §2.5) requires the
// means of re-identification to be kept apart from the data: the key lives in the encrypted blob
// store (AES-256-GCM under the master key), never in the database or in an export; exports carry
// only its fingerprint. Made once, on first use; a second process racing to make it uses the
// winner's key.
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { writeTx } from '../../db/client.js';
import { privacyKeys } from '../../db/schema/index.js';
import { type Ctx, nowIso } from '../../shared/context.js';

const NAME = 'marketing_pseudonym';

export async function pseudonymKey(ctx: Ctx): Promise<{ key: Buffer; fingerprint: string }> {
  const read = () => ctx.db.select().from(privacyKeys).where(eq(privacyKeys.name, NAME)).get();
  let row = read();
  if (!row) {
    const key = randomBytes(32);
    const staged = await ctx.blobs.stage(key);
    // A hash of a 256-bit random key reveals nothing usable; it tells exports made with the same key apart.
    const fingerprint = createHash('sha256').update('daicho-pseudonym-key:').update(key).digest('hex').slice(0, 16);
    const won = writeTx(ctx.db, (tx) => tx.insert(privacyKeys).values({ name: NAME, blobKey: staged.key, fingerprint, createdAt: nowIso(ctx) }).onConflictDoNothing().run().changes === 1);
    if (won) await staged.publish();
    else await staged.discard();
    row = read()!;
  }
  return { key: await ctx.blobs.get(row.blobKey), fingerprint: row.fingerprint };
}

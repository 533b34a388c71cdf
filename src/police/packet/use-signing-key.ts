// The signing key as the verbs use it: created on first use, and its creation audited.
import { emitAudit } from '../../audit/emit.js';
import { writeTx } from '../../db/client.js';
import { type Ctx, requireRole } from '../../shared/context.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';

export function useSigningKey(ctx: Ctx): SigningKey {
  const { key, created } = loadOrCreateSigningKey(ctx.config.paths.dataDir);
  if (created) {
    writeTx(ctx.db, (tx) =>
      emitAudit(tx, ctx, { action: 'police_signing_key.create', details: { keyFingerprint: key.fingerprint } }, { entityType: 'police_signing_key', entityId: key.fingerprint }),
    );
  }
  return key;
}

/** GET /police/signing-key: what a recipient needs to check a packet's signature. */
export function getSigningKey({ ctx }: { ctx: Ctx }) {
  requireRole(ctx.actor, ['staff', 'dealer', 'compliance', 'admin']);
  const key = useSigningKey(ctx);
  return { algorithm: 'Ed25519' as const, publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint, signs: 'tagmanifest-sha256.txt' };
}

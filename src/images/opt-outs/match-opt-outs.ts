// Which active opt-outs stop a photo's disclosure: any of scope image_disclosure or
// third_party_provision (giving the photo to a dealer is a third-party provision, rule 41) whose
// subject is the trade-in's customer, the trade-in, or the item's 車台番号, plate or IMEI
// (normalised). Read fresh on every feed request and every image fetch: an opt-out recorded after
// publication takes the photos out at once (nothing is cached past it).
import { isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { optOuts } from '../../db/schema/index.js';

export interface SubjectKeys {
  customerId: string | null;
  tradeinId: string;
  chassisNorm: string | null;
  plateNorm: string | null;
  imeiNorm: string | null;
}

export type OptOutMatcher = (keys: SubjectKeys) => boolean;

export function activeOptOutMatcher(db: Db | Tx): OptOutMatcher {
  const rows = db.select().from(optOuts).where(isNull(optOuts.revokedAt)).all();
  const sets = { customer: new Set<string>(), tradein: new Set<string>(), chassis_number: new Set<string>(), plate: new Set<string>(), imei: new Set<string>() };
  for (const o of rows) {
    if (o.subjectType === 'customer' && o.customerId) sets.customer.add(o.customerId);
    else if (o.subjectType === 'tradein' && o.subjectTradeinId) sets.tradein.add(o.subjectTradeinId);
    else if (o.subjectNorm && o.subjectType !== 'customer' && o.subjectType !== 'tradein') sets[o.subjectType].add(o.subjectNorm);
  }
  return (k) =>
    (!!k.customerId && sets.customer.has(k.customerId)) ||
    sets.tradein.has(k.tradeinId) ||
    (!!k.chassisNorm && sets.chassis_number.has(k.chassisNorm)) ||
    (!!k.plateNorm && sets.plate.has(k.plateNorm)) ||
    (!!k.imeiNorm && sets.imei.has(k.imeiNorm));
}

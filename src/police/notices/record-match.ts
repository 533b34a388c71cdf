// One 品触れ match becomes a "notify the police immediately" task (古物営業法19条3項; DOMAIN rules
// 33-34): a notice_match block on the item that stops its sale, return and disposal until
// compliance records that the police were told (date, officer) or that it is a false positive.
// It does not stop completing the trade-in: the intake must still be entered in the ledger.
import { emitAudit } from '../../audit/emit.js';
import type { Tx } from '../../db/client.js';
import { policeNoticeMatches } from '../../db/schema/index.js';
import { openBlock } from '../../tradeins/open-block.js';
import { type Ctx, nowIso } from '../../shared/context.js';
import { newId } from '../../shared/ids.js';

export interface MatchCandidate {
  noticeId: string;
  noticeItemId: string;
  noticeNumber: string;
  issuingAgency: string;
  itemId: string;
  tradeinId: string;
  storeId: string;
  confidence: 'hit' | 'review';
  matchedOn: string[];
}

/** Merges per (notice item, item): an identifier hit outranks a description review. */
export function mergeCandidates(list: MatchCandidate[]): MatchCandidate[] {
  const byPair = new Map<string, MatchCandidate>();
  for (const c of list) {
    const key = `${c.noticeItemId}|${c.itemId}`;
    const prev = byPair.get(key);
    if (!prev) byPair.set(key, { ...c, matchedOn: [...c.matchedOn] });
    else if (prev.confidence === 'review' && c.confidence === 'hit') byPair.set(key, { ...c, matchedOn: [...c.matchedOn] });
    else if (prev.confidence === c.confidence) prev.matchedOn = [...new Set([...prev.matchedOn, ...c.matchedOn])].sort();
  }
  // Stable order: the tasks list the same way every time.
  return [...byPair.values()].sort((a, b) => (a.noticeItemId + a.itemId < b.noticeItemId + b.itemId ? -1 : 1));
}

const LABEL = { hit: '識別番号一致', review: '特徴一致・要確認' } as const;

/** Inserts the block and the match inside the caller's transaction, with their audit rows. */
export function recordMatch(tx: Tx, ctx: Ctx, c: MatchCandidate, phase: 'holding' | 'intake'): string {
  const id = newId();
  const blockId = newId();
  const at = nowIso(ctx);
  openBlock(tx, ctx, {
    id: blockId,
    storeId: c.storeId,
    tradeinId: c.tradeinId,
    itemId: c.itemId,
    kind: 'notice_match',
    blocksCompletion: false,
    blocksDisposal: true,
    // About the goods and the notice only: no personal data in a block reason.
    reason: `品触れ（${c.issuingAgency} ${c.noticeNumber}）${LABEL[c.confidence]}: 直ちに警察官へ通報`,
    sourceId: id,
  });
  tx.insert(policeNoticeMatches)
    .values({ id, noticeId: c.noticeId, noticeItemId: c.noticeItemId, noticeNumber: c.noticeNumber, itemId: c.itemId, tradeinId: c.tradeinId, storeId: c.storeId, blockId, confidence: c.confidence, matchedOn: JSON.stringify(c.matchedOn), phase, createdAt: at })
    .run();
  emitAudit(
    tx,
    ctx,
    { action: 'police_notice_match.create', details: { noticeId: c.noticeId, itemId: c.itemId, confidence: c.confidence, matchedOn: c.matchedOn, phase } },
    { entityType: 'police_notice_match', entityId: id, storeId: c.storeId },
  );
  return id;
}

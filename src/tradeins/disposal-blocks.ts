// What stops a 払出し (sale, return, disposal) of an item today: open blocks on the item or its
// trade-in that block disposal and are still in force. A 差止め binds only for the period the
// police set (古物営業法21条: 30日以内の期間を定めて), so its block carries activeUntil = the
// end date and stops binding the day after, in Asia/Tokyo; blocks without activeUntil (report
// tasks, 品触れ matches) bind until resolved. create-disposal calls this inside its transaction.
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';

export interface BindingBlock {
  id: string;
  kind: string;
}

const SQL = `SELECT id, kind FROM blocks
WHERE status = 'open' AND blocks_disposal = 1 AND (item_id = @itemId OR tradein_id = @tradeinId)
  AND (active_until IS NULL OR active_until >= @today)
ORDER BY created_at, id`;

export function openDisposalBlocks(db: Db, q: { itemId: string; tradeinId: string; today: string }): BindingBlock[] {
  return prepared(db, SQL).all(q) as BindingBlock[];
}

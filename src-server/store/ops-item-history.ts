import type { PullOpsResponse } from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { prefixed, visible, type Viewer } from './ops-pull.js';
import { opFromRow, type OpRow } from './rows.js';

/**
 * One page of an item's ops on a branch after `since`, in change order, as
 * the viewer may see them: pull's rule and paging (hidden rows move the
 * checkpoint on but are not returned), restricted to one item. Served by the
 * ops_by_item index; a client fetches back history it evicted to free space.
 */
export async function pullItemOps(
  db: Queryable,
  viewer: Viewer,
  query: { branch: string; item: string; since: number; limit: number },
): Promise<PullOpsResponse> {
  const { branch, item, since, limit } = query;
  const rows = await db.query<OpRow & { scanned_seq: unknown }>(
    `WITH scanned AS (
       SELECT id, change_seq FROM ops
       WHERE item_id = $6 AND branch_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3)
     SELECT s.change_seq AS scanned_seq, ${prefixed('o')}
     FROM scanned s LEFT JOIN ops o ON o.id = s.id AND ${visible('o', '$4', '$5')}
     ORDER BY s.change_seq`,
    [branch, since, limit, viewer.name, viewer.owned, item],
  );
  const last = rows.at(-1);
  return {
    ops: rows.filter((row) => row.id !== null).map(opFromRow),
    checkpoint: last ? num(last.scanned_seq) : since,
    hasMore: rows.length === limit,
  };
}

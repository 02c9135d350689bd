import type {
  ApprovalDiffResponse,
  ApprovalStale,
  ItemVersion,
} from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import type { RequestRow } from './approvals-rows.js';
import { requestRow } from './approvals-rows.js';
import { accessTo } from './approvals-scope.js';
import { childrenOf } from './children.js';
import { governingOwners } from './namespaces.js';
import type { Viewer } from './ops-pull.js';
import { prefixed, visible } from './ops-pull.js';
import type { OpRow } from './rows.js';

/**
 * A request's diffs and staleness, read from the op DAG. The request stores
 * its op ids at (re)submission and ops never change, so what the ops were
 * written on (their parents outside the request) is fixed too: the diff as
 * submitted stays what it was after merges and approval, as a pull request
 * keeps its base. Today's approved heads are read beside it.
 */

/**
 * STALENESS. An undecided item is stale when approving it would leave
 * several heads: an approved head on its branch that the request's ops
 * neither build on nor are held by (a merge that took the request's ops
 * holds them; it does not make the request stale). Ownership changed when
 * the namespace's governing owners differ from those at (re)submission.
 */
export async function stalenessOf(db: Queryable, row: RequestRow): Promise<ApprovalStale | null> {
  const moved = await movedItems(db, row);
  const owners = await governingOwners(db, row.namespace);
  const ownershipChanged = JSON.stringify(owners) !== JSON.stringify([...row.owners_at_submit].sort());
  if (moved.length === 0 && !ownershipChanged) return null;
  return { items: moved, ownershipChanged };
}

async function movedItems(db: Queryable, row: RequestRow): Promise<ApprovalStale['items']> {
  const open = await db.query<{ item_id: string; path: string }>(
    'SELECT item_id, path FROM approval_items WHERE request_id = $1 AND decision IS NULL ORDER BY path, item_id',
    [row.id],
  );
  if (open.length === 0) return [];
  const heads = await approvedHeads(
    db,
    open.map((item) => item.item_id),
    row.branch_id,
  );
  const built = await ancestorsOf(db, row.op_ids);
  const holding = await headsHolding(
    db,
    heads.map((head) => head.id),
    row.op_ids,
  );
  const moved = heads.filter((head) => !built.has(head.id) && !holding.has(head.id));
  return open
    .map((item) => ({
      itemId: item.item_id,
      path: item.path,
      newerOpIds: moved.filter((head) => head.item_id === item.item_id).map((head) => head.id),
    }))
    .filter((item) => item.newerOpIds.length > 0);
}

/** The approved heads of `itemIds` on a branch: approved ops with no approved child there. */
async function approvedHeads(db: Queryable, itemIds: string[], branchId: string): Promise<OpRow[]> {
  return db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o
     WHERE o.item_id = ANY($1::text[]) AND o.branch_id = $2 AND o.status = 'approved'
       AND NOT EXISTS (SELECT 1 FROM ${childrenOf('o.id')} c
         WHERE c.branch_id = o.branch_id AND c.status = 'approved')
     ORDER BY o.server_seq`,
    [itemIds, branchId],
  );
}

/** `opIds` and every op they build on. */
async function ancestorsOf(db: Queryable, opIds: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE ancestors(id) AS (
       SELECT unnest($1::text[])
       UNION SELECT p.id FROM ancestors a JOIN ops o ON o.id = a.id CROSS JOIN LATERAL unnest(o.parents) AS p(id))
     SELECT id FROM ancestors`,
    [opIds],
  );
  return new Set(rows.map((r) => r.id));
}

/** Those of `headIds` that are, or build on, one of `opIds`. */
async function headsHolding(db: Queryable, headIds: string[], opIds: string[]): Promise<Set<string>> {
  if (headIds.length === 0) return new Set();
  const rows = await db.query<{ head: string }>(
    `WITH RECURSIVE walk(head, id) AS (
       SELECT h, h FROM unnest($1::text[]) AS h
       UNION SELECT w.head, p.id FROM walk w JOIN ops o ON o.id = w.id CROSS JOIN LATERAL unnest(o.parents) AS p(id))
     SELECT DISTINCT head FROM walk WHERE id = ANY($2::text[])`,
    [headIds, opIds],
  );
  return new Set(rows.map((r) => r.head));
}

/**
 * GET /v1/approvals/:id/diff — per item, the request's heads (its ops no
 * other of its ops builds on) against what they were written on and against
 * the approved heads on the branch now.
 */
export async function approvalDiff(db: Queryable, viewer: Viewer, id: string): Promise<ApprovalDiffResponse> {
  const { row } = await accessTo(db, await requestRow(db, id), viewer.name, id);
  const stale = row.state === 'submitted' ? await stalenessOf(db, row) : null;
  const staleItems = new Set(stale?.items.map((item) => item.itemId));
  const items = await db.query<{ item_id: string }>(
    'SELECT item_id FROM approval_items WHERE request_id = $1 ORDER BY path, item_id',
    [id],
  );
  const itemIds = items.map((item) => item.item_id);
  const current = await approvedHeads(db, itemIds, row.branch_id);
  const holding = await headsHolding(
    db,
    current.map((op) => op.id),
    row.op_ids,
  );
  const requested = await db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o
     WHERE o.id = ANY($1::text[]) AND ${visible('o', '$2', '$3')}
       AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.id = ANY($1::text[]) AND o.id = ANY(r.parents))
     ORDER BY o.server_seq`,
    [row.op_ids, viewer.name, viewer.owned],
  );
  const base = await db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o
     WHERE o.id IN (SELECT unnest(r.parents) FROM ops r WHERE r.id = ANY($1::text[]))
       AND o.id <> ALL($1::text[]) AND ${visible('o', '$2', '$3')}
     ORDER BY o.server_seq`,
    [row.op_ids, viewer.name, viewer.owned],
  );
  const of = (rows: OpRow[], itemId: string) => rows.filter((op) => op.item_id === itemId).map(versionOf);
  return {
    requestId: id,
    items: itemIds.map((itemId) => {
      const now = current.filter((op) => op.item_id === itemId);
      return {
        itemId,
        stale: staleItems.has(itemId),
        base: of(base, itemId),
        current: now.map(versionOf),
        requested: of(requested, itemId),
        included: now.length > 0 && now.every((op) => holding.has(op.id)),
      };
    }),
  };
}

function versionOf(row: OpRow): ItemVersion {
  return {
    opId: row.id,
    path: row.path,
    kind: row.kind as ItemVersion['kind'],
    content: row.content,
    deleted: row.type === 'delete',
  };
}

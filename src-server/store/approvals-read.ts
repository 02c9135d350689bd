import type {
  ApprovalDetailResponse,
  ApprovalDiffResponse,
  ApprovalStale,
  ApprovalState,
  ItemVersion,
  PullApprovalsResponse,
} from '../../src-shared/sync-protocol/index.js';
import { childrenOf } from './children.js';
import type { Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import type { RequestRow } from './approvals-rows.js';
import { REQUEST_COLUMNS, mustLoad, requestRow, requestsFromRows } from './approvals-rows.js';
import { accessTo } from './approvals-scope.js';
import { governingOwners } from './namespaces.js';
import type { Viewer } from './ops-pull.js';
import { prefixed, visible } from './ops-pull.js';
import type { OpRow } from './rows.js';
import { opFromRow } from './rows.js';

/** GET /v1/approvals/:id — the request with its staleness, and the ops the viewer may see. */
export async function getApproval(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<ApprovalDetailResponse> {
  const { row } = await accessTo(db, await requestRow(db, id), viewer.name, id);
  const request = await mustLoad(db, id);
  const stale = row.state === 'submitted' ? await stalenessOf(db, row) : null;
  const ops = await db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o WHERE o.id = ANY($1::text[]) AND ${visible('o', '$2', '$3')}
     ORDER BY o.server_seq`,
    [row.op_ids, viewer.name, viewer.owned],
  );
  return { request: { ...request, stale }, ops: ops.map(opFromRow) };
}

/**
 * One page of approval request changes after `since` that the viewer may
 * see: their own requests (role author) and requests in namespaces they own
 * (role owner). Scans up to `limit` rows in one statement; the checkpoint is
 * the last row scanned, seen or not.
 */
export async function pullApprovals(
  db: Queryable,
  viewer: Viewer,
  filter: { role?: 'author' | 'owner'; state?: ApprovalState },
  since: number,
  limit: number,
): Promise<PullApprovalsResponse> {
  // One statement for every filter: $6 is the role ('any' = both).
  const role = `(($6 <> 'owner' AND r.author = $3) OR ($6 <> 'author' AND EXISTS (
    SELECT 1 FROM unnest($4::text[]) AS own(path)
    WHERE r.namespace = own.path OR starts_with(r.namespace, own.path || '.'))))`;
  const rows = await db.query<RequestRow & { scanned_seq: unknown }>(
    `WITH scanned AS (
       SELECT id, change_seq FROM approval_requests WHERE change_seq > $1 ORDER BY change_seq LIMIT $2)
     SELECT s.change_seq AS scanned_seq, ${REQUEST_COLUMNS.split(',')
       .map((c) => `r.${c.trim()}`)
       .join(', ')}
     FROM scanned s LEFT JOIN approval_requests r ON r.id = s.id AND ${role}
       AND ($5::text IS NULL OR r.state = $5)
     ORDER BY s.change_seq`,
    [since, limit, viewer.name, viewer.owned, filter.state ?? null, filter.role ?? 'any'],
  );
  const last = rows.at(-1);
  return {
    requests: await requestsFromRows(
      db,
      rows.filter((row) => row.id !== null),
    ),
    checkpoint: last ? num(last.scanned_seq) : since,
    hasMore: rows.length === limit,
  };
}

/**
 * STALENESS. An item is stale when its branch holds approved ops that the
 * request's ops do not descend from (the item moved on, or was already in
 * conflict): approving would leave several heads. Ownership changed when
 * the namespace's governing owners differ from those at (re)submission.
 * Items already decided are not checked.
 */
export async function stalenessOf(db: Queryable, row: RequestRow): Promise<ApprovalStale | null> {
  const moved = await movedItems(db, row);
  const owners = await governingOwners(db, row.namespace);
  const ownershipChanged = JSON.stringify(owners) !== JSON.stringify([...row.owners_at_submit].sort());
  if (moved.length === 0 && !ownershipChanged) return null;
  return { items: moved, ownershipChanged };
}

async function movedItems(db: Queryable, row: RequestRow): Promise<ApprovalStale['items']> {
  const rows = await db.query<{ item_id: string; path: string; newer: string[] }>(
    `WITH RECURSIVE ancestors(id) AS (
       SELECT unnest($1::text[])
       UNION SELECT p.id FROM ancestors a JOIN ops o ON o.id = a.id CROSS JOIN LATERAL unnest(o.parents) AS p(id))
     SELECT i.item_id, i.path, array_agg(o.id ORDER BY o.server_seq) AS newer
     FROM approval_items i JOIN ops o ON o.item_id = i.item_id
     WHERE i.request_id = $2 AND i.decision IS NULL AND o.branch_id = $3 AND o.status = 'approved'
       AND o.id NOT IN (SELECT id FROM ancestors)
     GROUP BY i.item_id, i.path ORDER BY i.path, i.item_id`,
    [row.op_ids, row.id, row.branch_id],
  );
  return rows.map((r) => ({ itemId: r.item_id, path: r.path, newerOpIds: r.newer }));
}

/**
 * GET /v1/approvals/:id/diff — per item, the approved heads on the branch
 * now against the request's heads (the ops of the request no other of its
 * ops builds on), so an owner reviews against today's state.
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
  const current = await db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o
     WHERE o.item_id = ANY($1::text[]) AND o.branch_id = $2 AND o.status = 'approved'
       AND NOT EXISTS (SELECT 1 FROM ${childrenOf('o.id')} c
         WHERE c.branch_id = o.branch_id AND c.status = 'approved')
     ORDER BY o.server_seq`,
    [itemIds, row.branch_id],
  );
  const requested = await db.query<OpRow>(
    `SELECT ${prefixed('o')} FROM ops o
     WHERE o.id = ANY($1::text[]) AND ${visible('o', '$2', '$3')}
       AND NOT EXISTS (SELECT 1 FROM ops r WHERE r.id = ANY($1::text[]) AND o.id = ANY(r.parents))
     ORDER BY o.server_seq`,
    [row.op_ids, viewer.name, viewer.owned],
  );
  return {
    requestId: id,
    items: itemIds.map((itemId) => ({
      itemId,
      stale: staleItems.has(itemId),
      current: current.filter((op) => op.item_id === itemId).map(versionOf),
      requested: requested.filter((op) => op.item_id === itemId).map(versionOf),
    })),
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

/** Every request (newest change first, at most 1000), optionally in one state: for administrators. */
export async function listApprovalsForAdmin(db: Queryable, state?: ApprovalState) {
  const rows = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE $1::text IS NULL OR state = $1
     ORDER BY change_seq DESC LIMIT 1000`,
    [state ?? null],
  );
  return requestsFromRows(db, rows);
}

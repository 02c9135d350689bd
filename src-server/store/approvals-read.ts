import type {
  ApprovalDetailResponse,
  ApprovalState,
  PullApprovalsResponse,
} from '../../src-shared/sync-protocol/index.js';
import type { Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import type { RequestRow } from './approvals-rows.js';
import { REQUEST_COLUMNS, mustLoad, requestRow, requestsFromRows } from './approvals-rows.js';
import { stalenessOf } from './approvals-diff.js';
import { accessTo } from './approvals-scope.js';
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

/** Every request (newest change first, at most 1000), optionally in one state: for administrators. */
export async function listApprovalsForAdmin(db: Queryable, state?: ApprovalState) {
  const rows = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM approval_requests WHERE $1::text IS NULL OR state = $1
     ORDER BY change_seq DESC LIMIT 1000`,
    [state ?? null],
  );
  return requestsFromRows(db, rows);
}

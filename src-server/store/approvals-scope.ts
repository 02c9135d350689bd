import { compareHlc } from '../../src-shared/clock/hlc.js';
import type { Queryable } from '../db/db.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { governingOwners } from './namespaces.js';
import type { RequestRow } from './approvals-rows.js';

/** What a request's ops decide about it: its branch, its namespace, its items. */
export interface RequestScope {
  branchId: string;
  namespace: string;
  /** Each item with its path at the request's newest head op of it. */
  items: { itemId: string; path: string }[];
  /** Ops that were rejected before and come back for review. */
  reopened: string[];
}

interface CandidateRow {
  id: string;
  item_id: string;
  branch_id: string;
  path: string;
  hlc: string;
  parents: string[];
  author: string;
  namespaces: string[];
  status: string;
  approval_id: string | null;
  request_state: string | null;
  [key: string]: unknown;
}

/**
 * Checks the ops a request (`requestId`) would hold for `author`: each must
 * be stored, written by the author, not approved, and not in another open
 * request; together they must share one branch and one namespace. Any
 * problem is a 400 naming the op. Run it under the order lock, so two
 * requests can never both claim an op.
 */
export async function checkRequestOps(
  db: Queryable,
  author: string,
  requestId: string,
  opIds: string[],
): Promise<RequestScope> {
  const twice = opIds.find((id, i) => opIds.indexOf(id) !== i);
  if (twice !== undefined) throw badRequest(`Op ${twice} is listed twice`, { opId: twice, field: 'opIds' });
  const rows = await db.query<CandidateRow>(
    `SELECT o.id, o.item_id, o.branch_id, o.path, o.hlc, o.parents, o.author, o.namespaces, o.status,
       o.approval_id, r.state AS request_state
     FROM ops o LEFT JOIN approval_requests r ON r.id = o.approval_id WHERE o.id = ANY($1::text[])`,
    [opIds],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ops = opIds.map((id) => eligible(byId.get(id), id, author, requestId));
  const first = ops[0] as CandidateRow;
  let namespace = first.namespaces[0] as string;
  for (const op of ops) {
    if (op.branch_id !== first.branch_id) {
      throw badRequest(
        `Op ${op.id} is on branch ${op.branch_id} but op ${first.id} on ${first.branch_id}; one request covers one branch`,
        { opId: op.id, field: 'opIds' },
      );
    }
    for (const ns of op.namespaces) namespace = commonNamespace(namespace, ns);
    if (namespace === '') {
      throw badRequest(`Op ${op.id} shares no namespace with the other ops; split the request by namespace`, {
        opId: op.id,
        field: 'opIds',
      });
    }
  }
  await checkParents(db, ops, requestId);
  return {
    branchId: first.branch_id,
    namespace,
    items: itemsOf(ops),
    reopened: ops.filter((op) => op.status === 'rejected').map((op) => op.id),
  };
}

function eligible(
  row: CandidateRow | undefined,
  id: string,
  author: string,
  requestId: string,
): CandidateRow {
  const subject = { opId: id, field: 'opIds' };
  // Unknown and someone else's read the same, so a request never reveals another author's ops.
  if (!row || row.author !== author) {
    throw badRequest(`Op ${id} is not one of your ops on the server; push it before submitting`, subject);
  }
  if (row.status === 'approved') throw badRequest(`Op ${id} is already approved`, subject);
  if (row.approval_id !== null && row.approval_id !== requestId && row.request_state === 'submitted') {
    throw badRequest(`Op ${id} is already in open approval request ${row.approval_id}`, subject);
  }
  return row;
}

/**
 * An op may only build on ops others will see with it: approved ones, ones
 * in this request, or ones waiting in another open request (stacked work).
 * This catches a revision that forgot the rejected op its fix builds on.
 */
async function checkParents(db: Queryable, ops: CandidateRow[], requestId: string): Promise<void> {
  const inRequest = new Set(ops.map((op) => op.id));
  const outside = [...new Set(ops.flatMap((op) => op.parents))].filter((id) => !inRequest.has(id));
  if (outside.length === 0) return;
  const rows = await db.query<{
    id: string;
    status: string;
    approval_id: string | null;
    state: string | null;
  }>(
    `SELECT o.id, o.status, o.approval_id, r.state FROM ops o
     LEFT JOIN approval_requests r ON r.id = o.approval_id WHERE o.id = ANY($1::text[])`,
    [outside],
  );
  const fine = new Set(
    rows
      .filter(
        (row) => row.status === 'approved' || (row.state === 'submitted' && row.approval_id !== requestId),
      )
      .map((row) => row.id),
  );
  for (const op of ops) {
    const missing = op.parents.find((parent) => !inRequest.has(parent) && !fine.has(parent));
    if (missing !== undefined) {
      throw badRequest(
        `Op ${op.id} builds on op ${missing}, which is neither approved nor in an open request; include it`,
        { opId: op.id, field: 'opIds' },
      );
    }
  }
}

/** The deepest namespace containing both (segment-wise), or '' when they share none. */
export function commonNamespace(a: string, b: string): string {
  const left = a.split('.');
  const right = b.split('.');
  const shared: string[] = [];
  for (let i = 0; i < Math.min(left.length, right.length) && left[i] === right[i]; i++) {
    shared.push(left[i] as string);
  }
  return shared.join('.');
}

function itemsOf(ops: CandidateRow[]): { itemId: string; path: string }[] {
  const named = new Set(ops.flatMap((op) => op.parents));
  // A head of the request (no request op builds on it) wins; among heads, the newest.
  const better = (a: CandidateRow, b: CandidateRow) =>
    named.has(a.id) !== named.has(b.id) ? !named.has(a.id) : compareHlc(a.hlc, b.hlc) > 0;
  const chosen = new Map<string, CandidateRow>();
  for (const op of ops) {
    const seen = chosen.get(op.item_id);
    if (!seen || better(op, seen)) chosen.set(op.item_id, op);
  }
  return [...chosen.values()].map((op) => ({ itemId: op.item_id, path: op.path }));
}

/**
 * Who may do what with a request, read fresh from the store: the author
 * and the namespace's current governing owners see it; nobody else learns
 * it exists (404).
 */
export async function accessTo(
  db: Queryable,
  row: RequestRow | null,
  caller: string,
  id: string,
): Promise<{ row: RequestRow; isAuthor: boolean; isOwner: boolean }> {
  const isOwner = row ? (await governingOwners(db, row.namespace)).includes(caller) : false;
  const isAuthor = row?.author === caller;
  if (!row || (!isOwner && !isAuthor)) throw notFound(`No approval request ${id}`);
  return { row, isAuthor, isOwner };
}

export function ownerOnly(row: RequestRow, verb: string): Error {
  return forbidden(`Only an owner of ${row.namespace} can ${verb} this request`);
}

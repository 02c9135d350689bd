import type { ApprovalRequest } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { badRequest, conflict, forbidden } from '../errors.js';
import { mustLoad, requestRow } from './approvals-rows.js';
import type { RequestScope } from './approvals-scope.js';
import { accessTo, checkRequestOps } from './approvals-scope.js';
import { governingOwners } from './namespaces.js';
import type { OrderedTx } from './order.js';
import { orderedWrite } from './order.js';
import { textProblem } from './text.js';

export interface RequestBody {
  title: string;
  description: string;
  opIds: string[];
}

const sameBody = (row: { title: string; description: string; op_ids: string[] }, body: RequestBody) =>
  row.title === body.title &&
  row.description === body.description &&
  JSON.stringify(row.op_ids) === JSON.stringify(body.opIds);

/**
 * Submits a request. Idempotent by id: the same author and body get the
 * stored request again; anything else under that id is a 409. The ops join
 * the request (approval_id set, new change positions; rejected ones are
 * pending again).
 */
export async function submitApproval(
  db: Db,
  author: string,
  id: string,
  body: RequestBody,
): Promise<ApprovalRequest> {
  checkText(body);
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const existing = await requestRow(tx, id);
    if (existing) {
      if (existing.author === author && sameBody(existing, body)) return mustLoad(tx, id);
      throw conflict(`Approval request ${id} already exists with another body; a request id is used once`);
    }
    const scope = await checkRequestOps(tx, author, id, body.opIds);
    const owners = await governingOwners(tx, scope.namespace);
    const seqs = await drawFor(tx, body.opIds.length);
    await tx.query(
      `INSERT INTO approval_requests (id, author, title, description, namespace, branch_id, state, op_ids,
         owners_at_submit, revision, created_at, updated_at, submitted_at, change_seq)
       VALUES ($1, $2, $3, $4, $5, $6, 'submitted', $7, $8, 1, $9, $9, $9, $10)`,
      [
        id,
        author,
        body.title,
        body.description,
        scope.namespace,
        scope.branchId,
        body.opIds,
        owners,
        seqs.now,
        seqs.request,
      ],
    );
    await writeItemsAndOps(tx, id, scope, body.opIds, seqs.ops);
    return mustLoad(tx, id);
  });
}

/**
 * The author revises a rejected request: new title, description and ops
 * (typically the rejected ones plus fixes on top). It is submitted again
 * with a new revision; ops it no longer holds leave it. Items approved in an
 * earlier round stay in `items`, decided.
 */
export async function reviseApproval(
  db: Db,
  caller: string,
  id: string,
  body: RequestBody,
): Promise<ApprovalRequest> {
  checkText(body);
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const { row, isAuthor } = await accessTo(tx, await requestRow(tx, id), caller, id);
    if (!isAuthor) throw forbidden(`Only the author, ${row.author}, can revise this request`);
    if (row.state === 'submitted' && sameBody(row, body)) return mustLoad(tx, id);
    if (row.state !== 'rejected') {
      throw conflict(`Approval request ${id} is ${row.state}; only a rejected request can be revised`);
    }
    const scope = await checkRequestOps(tx, caller, id, body.opIds);
    const owners = await governingOwners(tx, scope.namespace);
    const left = row.op_ids.filter((opId) => !body.opIds.includes(opId));
    const seqs = await drawFor(tx, body.opIds.length + left.length);
    await tx.query(
      `UPDATE ops SET approval_id = NULL, change_seq = s.seq
       FROM unnest($1::text[], $2::bigint[]) AS s(id, seq)
       WHERE ops.id = s.id AND ops.approval_id = $3 AND ops.status <> 'approved'`,
      [left, seqs.ops.slice(body.opIds.length), id],
    );
    await tx.query(
      `DELETE FROM approval_items WHERE request_id = $1 AND (decision IS DISTINCT FROM 'approved'
         OR item_id = ANY($2::text[]))`,
      [id, scope.items.map((item) => item.itemId)],
    );
    await tx.query(
      `UPDATE approval_requests SET title = $2, description = $3, namespace = $4, branch_id = $5,
         state = 'submitted', op_ids = $6, owners_at_submit = $7, revision = revision + 1,
         updated_at = $8, submitted_at = $8, decided_at = NULL, decided_by = NULL, change_seq = $9
       WHERE id = $1`,
      [
        id,
        body.title,
        body.description,
        scope.namespace,
        scope.branchId,
        body.opIds,
        owners,
        seqs.now,
        seqs.request,
      ],
    );
    await writeItemsAndOps(tx, id, scope, body.opIds, seqs.ops);
    return mustLoad(tx, id);
  });
}

function checkText(body: RequestBody): void {
  for (const field of ['title', 'description'] as const) {
    const problem = textProblem(body[field]);
    if (problem) throw badRequest(`The ${field} ${problem}`, { field });
  }
}

/** One change position for the request and one per op it touches; notifies both topics. */
async function drawFor(tx: OrderedTx, ops: number) {
  const { now, changeSeqs } = await tx.draw(0, ops + 1, ['approvals', 'ops']);
  return { now, request: changeSeqs[ops] as number, ops: changeSeqs.slice(0, ops) };
}

async function writeItemsAndOps(
  tx: OrderedTx,
  id: string,
  scope: RequestScope,
  opIds: string[],
  seqs: number[],
): Promise<void> {
  await tx.query(
    `INSERT INTO approval_items (request_id, item_id, path)
     SELECT $1, i.item_id, i.path FROM unnest($2::text[], $3::text[]) AS i(item_id, path)`,
    [id, scope.items.map((item) => item.itemId), scope.items.map((item) => item.path)],
  );
  await tx.query(
    `UPDATE ops SET approval_id = $3, status = 'pending', change_seq = s.seq
     FROM unnest($1::text[], $2::bigint[]) AS s(id, seq) WHERE ops.id = s.id`,
    [opIds, seqs.slice(0, opIds.length), id],
  );
}

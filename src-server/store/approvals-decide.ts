import { randomBytes } from 'node:crypto';
import type { ApprovalRequest, ItemDecision } from '../../src-shared/sync-protocol/index.js';
import type { Db } from '../db/db.js';
import { badRequest, conflict } from '../errors.js';
import { loadItems, mustLoad, requestRow } from './approvals-rows.js';
import { accessTo, ownerOnly } from './approvals-scope.js';
import type { OrderedTx } from './order.js';
import { orderedWrite } from './order.js';
import { textProblem } from './text.js';

export interface DecisionBody {
  decision: 'approve' | 'reject';
  comment?: string;
  itemIds?: string[];
}

/**
 * An owner approves or rejects a request, whole or item by item. Ownership
 * is read under the order lock at the moment of the decision. The ops of the
 * decided items take the status (and new change positions, so every client
 * pulls them); a stale request is approved as it is, so its ops sit beside
 * the newer approved ones and clients see a conflict rather than a silent
 * overwrite. Repeating a decision already taken answers the request again.
 */
export async function decideApproval(
  db: Db,
  caller: string,
  id: string,
  body: DecisionBody,
): Promise<ApprovalRequest> {
  if (body.comment !== undefined) checkComment(body.comment);
  const outcome: ItemDecision = body.decision === 'approve' ? 'approved' : 'rejected';
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    const { row, isOwner } = await accessTo(tx, await requestRow(tx, id), caller, id);
    if (!isOwner) throw ownerOnly(row, body.decision);
    const items = await loadItems(tx, id);
    const unknown = body.itemIds?.find((itemId) => !items.some((item) => item.itemId === itemId));
    if (unknown !== undefined) {
      throw badRequest(`Item ${unknown} is not in approval request ${id}`, { field: 'itemIds' });
    }
    if (!body.itemIds && row.state !== 'submitted') {
      if (row.state === outcome) return mustLoad(tx, id); // a retry of the decision that closed it
      throw conflict(`Approval request ${id} is already ${row.state}`);
    }
    const targets = body.itemIds
      ? items.filter((item) => body.itemIds?.includes(item.itemId))
      : items.filter((item) => item.decision === null);
    const contrary = targets.find((item) => item.decision !== null && item.decision !== outcome);
    if (contrary) {
      throw conflict(`Item ${contrary.path} was already ${contrary.decision} in request ${id}`, {
        field: 'itemIds',
      });
    }
    const fresh = targets.filter((item) => item.decision === null).map((item) => item.itemId);
    if (fresh.length === 0) return mustLoad(tx, id); // a retry of a decision already taken
    if (row.state !== 'submitted') throw conflict(`Approval request ${id} is already ${row.state}`);
    await applyDecision(tx, { id, caller, outcome, itemIds: fresh, comment: body.comment });
    return mustLoad(tx, id);
  });
}

interface Decision {
  id: string;
  caller: string;
  outcome: ItemDecision;
  itemIds: string[];
  comment: string | undefined;
}

async function applyDecision(tx: OrderedTx, d: Decision): Promise<void> {
  const ops = await tx.query<{ id: string }>(
    `SELECT o.id FROM approval_requests r JOIN ops o ON o.id = ANY(r.op_ids)
     WHERE r.id = $1 AND o.approval_id = $1 AND o.item_id = ANY($2::text[]) ORDER BY o.server_seq`,
    [d.id, d.itemIds],
  );
  const { now, changeSeqs } = await tx.draw(0, ops.length + 1, ['approvals', 'ops']);
  await tx.query(
    `UPDATE ops SET status = $3, change_seq = s.seq
     FROM unnest($1::text[], $2::bigint[]) AS s(id, seq) WHERE ops.id = s.id`,
    [ops.map((op) => op.id), changeSeqs.slice(0, ops.length), d.outcome],
  );
  await tx.query(
    `UPDATE approval_items SET decision = $3, decided_by = $4, decided_at = $5
     WHERE request_id = $1 AND item_id = ANY($2::text[])`,
    [d.id, d.itemIds, d.outcome, d.caller, now],
  );
  if (d.comment !== undefined) await insertComment(tx, d.id, newCommentId(), d.caller, d.comment, now);
  // Decided once every item is: rejected if any item was, approved otherwise.
  await tx.query(
    `UPDATE approval_requests r SET updated_at = $2, change_seq = $3,
       state = CASE WHEN d.open > 0 THEN 'submitted' WHEN d.rejected > 0 THEN 'rejected' ELSE 'approved' END,
       decided_at = CASE WHEN d.open > 0 THEN NULL ELSE $2::bigint END,
       decided_by = CASE WHEN d.open > 0 THEN NULL ELSE $4::text END
     FROM (SELECT count(*) FILTER (WHERE decision IS NULL) AS open,
             count(*) FILTER (WHERE decision = 'rejected') AS rejected
           FROM approval_items WHERE request_id = $1) AS d
     WHERE r.id = $1`,
    [d.id, now, changeSeqs[ops.length], d.caller],
  );
}

/**
 * The author or a current owner comments on a request. A client-made id
 * makes a retry safe: the same comment again is answered with the request;
 * another comment under that id is a 409.
 */
export async function commentOnApproval(
  db: Db,
  caller: string,
  id: string,
  comment: { id?: string; text: string },
): Promise<ApprovalRequest> {
  checkComment(comment.text);
  return orderedWrite(db, async (tx) => {
    await tx.lock();
    await accessTo(tx, await requestRow(tx, id), caller, id);
    const commentId = comment.id ?? newCommentId();
    const [seen] = await tx.query<{ request_id: string; author: string; text: string }>(
      'SELECT request_id, author, text FROM approval_comments WHERE id = $1',
      [commentId],
    );
    if (seen) {
      if (seen.request_id === id && seen.author === caller && seen.text === comment.text) {
        return mustLoad(tx, id);
      }
      throw conflict(`Comment ${commentId} already exists with another text; a comment id is used once`);
    }
    const { now, changeSeqs } = await tx.draw(0, 1, 'approvals');
    await insertComment(tx, id, commentId, caller, comment.text, now);
    await tx.query('UPDATE approval_requests SET updated_at = $2, change_seq = $3 WHERE id = $1', [
      id,
      now,
      changeSeqs[0],
    ]);
    return mustLoad(tx, id);
  });
}

async function insertComment(
  tx: OrderedTx,
  requestId: string,
  id: string,
  author: string,
  text: string,
  now: number,
): Promise<void> {
  await tx.query(
    'INSERT INTO approval_comments (id, request_id, author, text, created_at) VALUES ($1, $2, $3, $4, $5)',
    [id, requestId, author, text, now],
  );
}

function checkComment(text: string): void {
  const problem = textProblem(text);
  if (problem) throw badRequest(`The comment ${problem}`, { field: 'text' });
}

const newCommentId = () => `cmt_${randomBytes(9).toString('base64url')}`;

import type { Queryable } from '../db/db.js';
import type { OrderedTx } from './order.js';

interface Approvable extends Record<string, unknown> {
  id: string;
  approval_id: string | null;
}

/**
 * When users become owners of `path`, their own pending ops that they now
 * govern wholly (every namespace the op touches) are approved, and their
 * open approval requests follow: an item whose ops in the request are all
 * approved is decided `approved` (by its author, who now owns it), and a
 * request with every item decided is closed as a decision would close it.
 * The order lock must be held.
 */
export async function approveOwnPending(
  tx: OrderedTx,
  path: string,
  owners: readonly string[],
): Promise<void> {
  const ops = await tx.query<Approvable>(
    `SELECT o.id, o.approval_id FROM ops o
     WHERE o.status = 'pending' AND o.author = ANY ($2::text[])
       AND EXISTS (SELECT 1 FROM unnest(o.namespaces) AS t(ns) WHERE t.ns = $1 OR starts_with(t.ns, $1 || '.'))
       AND NOT EXISTS (SELECT 1 FROM unnest(o.namespaces) AS t(ns) WHERE NOT EXISTS (
         SELECT 1 FROM namespaces n
         WHERE o.author = ANY (n.owners) AND (t.ns = n.path OR starts_with(t.ns, n.path || '.'))))
     ORDER BY o.change_seq`,
    [path, [...owners]],
  );
  if (ops.length === 0) return;
  const requests = [...new Set(ops.map((op) => op.approval_id).filter((id) => id !== null))] as string[];
  const { now, changeSeqs } = await tx.draw(0, ops.length + requests.length, ['ops', 'approvals']);
  await tx.query(
    `UPDATE ops SET status = 'approved', change_seq = s.seq
     FROM unnest($1::text[], $2::bigint[]) AS s(id, seq) WHERE ops.id = s.id`,
    [ops.map((op) => op.id), changeSeqs.slice(0, ops.length)],
  );
  if (requests.length > 0) await settleRequests(tx, requests, now, changeSeqs.slice(ops.length));
}

async function settleRequests(tx: Queryable, ids: string[], now: number, seqs: number[]): Promise<void> {
  await tx.query(
    `UPDATE approval_items i SET decision = 'approved', decided_by = r.author, decided_at = $2
     FROM approval_requests r
     WHERE r.id = i.request_id AND r.id = ANY ($1::text[]) AND r.state = 'submitted' AND i.decision IS NULL
       AND NOT EXISTS (SELECT 1 FROM ops o
         WHERE o.approval_id = r.id AND o.item_id = i.item_id AND o.status <> 'approved')`,
    [ids, now],
  );
  await tx.query(
    `UPDATE approval_requests r SET updated_at = $2, change_seq = s.seq,
       state = CASE WHEN d.open > 0 THEN 'submitted' WHEN d.rejected > 0 THEN 'rejected' ELSE 'approved' END,
       decided_at = CASE WHEN d.open > 0 THEN NULL ELSE $2::bigint END,
       decided_by = CASE WHEN d.open > 0 THEN NULL ELSE r.author END
     FROM unnest($1::text[], $3::bigint[]) AS s(id, seq),
       LATERAL (SELECT count(*) FILTER (WHERE decision IS NULL) AS open,
                  count(*) FILTER (WHERE decision = 'rejected') AS rejected
                FROM approval_items WHERE request_id = s.id) AS d
     WHERE r.id = s.id AND r.state = 'submitted'`,
    [ids, now, seqs],
  );
}

import type { OpStatus } from '../../src-shared/model/index.js';
import { childrenOf } from './children.js';
import type {
  HeadsResponse,
  PullOpsResponse,
  SetOpStatusResponse,
} from '../../src-shared/sync-protocol/index.js';
import type { Db, Queryable } from '../db/db.js';
import { num } from '../db/db.js';
import { notFound } from '../errors.js';
import { newestChangeSeq, orderedWrite } from './order.js';
import type { OpRow } from './rows.js';
import { OP_COLUMNS, opFromRow } from './rows.js';

/** Who is asking, for visibility: their name and the namespaces they own. */
export interface Viewer {
  name: string;
  owned: string[];
}

/**
 * Visibility (option A of branch-sync): approved ops, the viewer's own ops in
 * any status, and pending ops touching a namespace the viewer owns (or one
 * below it). `$u` is the viewer's name, `$o` their owned namespaces.
 */
export function visible(alias: string, u: string, o: string): string {
  return `(${alias}.status = 'approved' OR ${alias}.author = ${u} OR (${alias}.status = 'pending' AND EXISTS (
    SELECT 1 FROM unnest(${alias}.namespaces) AS t(ns), unnest(${o}::text[]) AS own(path)
    WHERE t.ns = own.path OR starts_with(t.ns, own.path || '.'))))`;
}

/**
 * One page of a branch's op changes after `since`. The page scans up to
 * `limit` rows in change order and returns those the viewer may see, in one
 * statement (one snapshot). The checkpoint is the last position scanned, so
 * hidden rows neither stall the client nor get returned.
 */
export async function pullOps(
  db: Queryable,
  viewer: Viewer,
  branch: string,
  since: number,
  limit: number,
): Promise<PullOpsResponse> {
  const rows = await db.query<OpRow & { scanned_seq: unknown }>(
    `WITH scanned AS (
       SELECT id, change_seq FROM ops WHERE branch_id = $1 AND change_seq > $2 ORDER BY change_seq LIMIT $3)
     SELECT s.change_seq AS scanned_seq, ${prefixed('o')}
     FROM scanned s LEFT JOIN ops o ON o.id = s.id AND ${visible('o', '$4', '$5')}
     ORDER BY s.change_seq`,
    [branch, since, limit, viewer.name, viewer.owned],
  );
  const last = rows.at(-1);
  return {
    ops: rows.filter((row) => row.id !== null).map(opFromRow),
    checkpoint: last ? num(last.scanned_seq) : since,
    hasMore: rows.length === limit,
  };
}

/**
 * The head ops of each item on `branch` as the viewer sees it: visible ops
 * that no other visible op on the branch names as a parent. Paged by
 * (itemId, opId). The checkpoint is read before the heads, so pulling from it
 * re-delivers anything that changes while the pages are fetched.
 *
 * Candidates come from op_heads (ops with no child on the branch at all) plus
 * the parents of the branch's ops that are not approved: an op with children
 * can only be a viewer's head when all of them are hidden from the viewer,
 * and only ops that are not approved are ever hidden. The two sets are
 * disjoint (the second has children), so the union needs no dedupe. A
 * structural head that the viewer sees is their head; the few others get
 * the exact test (no visible child on the branch).
 */
export async function listHeads(
  db: Queryable,
  viewer: Viewer,
  branch: string,
  cursor: { itemId: string; opId: string } | null,
  limit: number,
): Promise<HeadsResponse> {
  const checkpoint = await newestChangeSeq(db);
  const rows = await db.query<OpRow>(
    `WITH hidden_parents AS MATERIALIZED (
       SELECT DISTINCT unnest(u.parents) AS id FROM ops u WHERE u.branch_id = $1 AND u.status <> 'approved'),
     candidates AS (
       SELECT h.item_id, h.op_id AS id FROM op_heads h
       WHERE h.branch_id = $1 AND (h.item_id, h.op_id) > ($2, $3)
       UNION ALL
       SELECT p.item_id, p.id FROM hidden_parents hp JOIN ops p ON p.id = hp.id
       WHERE p.branch_id = $1 AND (p.item_id, p.id) > ($2, $3)
         AND NOT EXISTS (
           SELECT 1 FROM ${childrenOf('p.id')} c
           WHERE c.branch_id = p.branch_id AND ${visible('c', '$4', '$5')}))
     SELECT ${prefixed('o')} FROM candidates k JOIN ops o ON o.id = k.id
     WHERE ${visible('o', '$4', '$5')}
     ORDER BY k.item_id, k.id LIMIT $6`,
    [branch, cursor?.itemId ?? '', cursor?.opId ?? '', viewer.name, viewer.owned, limit],
  );
  const last = rows.at(-1);
  return {
    ops: rows.map(opFromRow),
    checkpoint,
    nextCursor: rows.length === limit && last ? `${last.item_id}:${last.id}` : null,
  };
}

/** Sets an op's status (approval / rejection); it takes a new change position so it is pulled again. */
export async function setOpStatus(
  db: Db,
  id: string,
  status: OpStatus,
  approvalId: string | null | undefined,
): Promise<SetOpStatusResponse> {
  return orderedWrite(db, async (tx) => {
    const [seq] = (await tx.draw(0, 1, 'ops')).changeSeqs;
    const rows = await tx.query<{ change_seq: unknown }>(
      `UPDATE ops SET status = $2, approval_id = COALESCE($3, approval_id), change_seq = $4 WHERE id = $1
       RETURNING change_seq`,
      [id, status, approvalId ?? null, seq],
    );
    if (!rows[0]) throw notFound(`Unknown op '${id}'`);
    return { id, status, changeSeq: num(rows[0].change_seq) };
  });
}

export function prefixed(alias: string): string {
  return OP_COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}

import type { OpBody } from '../../src-shared/model/index.js';
import { MAIN_BRANCH, splitPath } from '../../src-shared/model/index.js';
import type { Queryable } from '../db/db.js';
import { visible } from './ops-pull.js';

/** A stored op named as a parent by a pushed op, as far as the pusher may see it. */
export interface KnownParent {
  itemId: string;
  path: string;
}

/**
 * What the server knows about a push's ops, read in one statement per batch
 * (op-checks.ts decides from it):
 * - `parents`: the stored parents the pusher can see (an invisible op reads
 *   as unknown, so a refusal cannot tell that it exists);
 * - `items`: per `branch:item` key of an op with parents, the namespaces the
 *   item is in — those of its newest approved ops (its approved heads, and
 *   for a head that is not approved the approved ops below it);
 * - `existing`: the `branch:item` keys of parentless creates whose item
 *   already has ops there (other than ops of this batch: a re-push is fine);
 * - `branches`: the state of every branch the ops go to (main is not listed).
 */
export interface PushContext {
  parents: Map<string, KnownParent>;
  items: Map<string, Set<string>>;
  existing: Set<string>;
  branches: Map<string, string>;
}

export const itemKey = (branchId: string, itemId: string) => `${branchId}:${itemId}`;

interface ContextRow extends Record<string, unknown> {
  kind: 'parent' | 'item' | 'branch' | 'exists';
  a: string;
  b: string;
  c: string | null;
  approved: boolean | null;
}

/**
 * The item walk starts at the item's structural heads (op_heads) and climbs
 * through ops that are not approved until it meets approved ones: a pending
 * or rejected op (perhaps someone's unapproved rename) never decides where an
 * item lives. UNION stops the climb on any repeated row.
 */
const CONTEXT_SQL = `
WITH RECURSIVE keys AS (
  SELECT DISTINCT k.branch_id, k.item_id FROM unnest($2::text[], $3::text[]) AS k(branch_id, item_id)),
walk(branch_id, item_id, id, status, path, parents) AS (
  SELECT h.branch_id, h.item_id, o.id, o.status, o.path, o.parents
  FROM keys k JOIN op_heads h ON h.branch_id = k.branch_id AND h.item_id = k.item_id
  JOIN ops o ON o.id = h.op_id
  UNION
  SELECT w.branch_id, w.item_id, p.id, p.status, p.path, p.parents
  FROM walk w JOIN ops p ON p.id = ANY (w.parents)
  WHERE w.status <> 'approved' AND p.branch_id = w.branch_id AND p.item_id = w.item_id)
SELECT 'parent' AS kind, o.id AS a, o.item_id AS b, o.path AS c, NULL::boolean AS approved
FROM ops o WHERE o.id = ANY ($1::text[]) AND ${visible('o', '$5', '$6')}
UNION ALL
SELECT 'item', w.item_id, w.branch_id, w.path, w.status = 'approved' FROM walk w
UNION ALL
SELECT 'branch', b.id, b.state, NULL, NULL FROM branches b WHERE b.id = ANY ($4::text[])
UNION ALL
SELECT 'exists', k.item_id, k.branch_id, NULL, NULL
FROM unnest($7::text[], $8::text[]) AS k(branch_id, item_id)
WHERE EXISTS (SELECT 1 FROM ops o
  WHERE o.item_id = k.item_id AND o.branch_id = k.branch_id AND o.id <> ALL ($9::text[]))`;

/** Reads the push context of `ops` (deduplicated, checked one by one) for `author`, who owns `owned`. */
export async function loadPushContext(
  db: Queryable,
  author: string,
  owned: readonly string[],
  ops: readonly OpBody[],
): Promise<PushContext> {
  const inBatch = new Set(ops.map((op) => op.id));
  const parentIds = [...new Set(ops.flatMap((op) => op.parents))].filter((id) => !inBatch.has(id));
  const keys = itemKeys(ops.filter((op) => op.parents.length > 0));
  const creates = itemKeys(ops.filter((op) => op.parents.length === 0));
  const branchIds = [...new Set(ops.map((op) => op.branchId))].filter((id) => id !== MAIN_BRANCH);
  const rows = await db.query<ContextRow>(CONTEXT_SQL, [
    parentIds,
    keys.map((k) => k.branchId),
    keys.map((k) => k.itemId),
    branchIds,
    author,
    owned,
    creates.map((k) => k.branchId),
    creates.map((k) => k.itemId),
    [...inBatch],
  ]);
  const context: PushContext = {
    parents: new Map(),
    items: new Map(),
    existing: new Set(),
    branches: new Map(),
  };
  for (const row of rows) {
    if (row.kind === 'parent') context.parents.set(row.a, { itemId: row.b, path: row.c as string });
    else if (row.kind === 'branch') context.branches.set(row.a, row.b);
    else if (row.kind === 'exists') context.existing.add(itemKey(row.b, row.a));
    else if (row.approved) {
      const key = itemKey(row.b, row.a);
      const namespaces = context.items.get(key) ?? new Set<string>();
      namespaces.add(splitPath(row.c as string).namespace);
      context.items.set(key, namespaces);
    }
  }
  return context;
}

/** The (branch, item) pairs to look up: each op's own, and main's for an op on a branch. */
function itemKeys(ops: readonly OpBody[]): { branchId: string; itemId: string }[] {
  const keys = new Map<string, { branchId: string; itemId: string }>();
  for (const op of ops) {
    keys.set(itemKey(op.branchId, op.itemId), { branchId: op.branchId, itemId: op.itemId });
    if (op.branchId !== MAIN_BRANCH) {
      keys.set(itemKey(MAIN_BRANCH, op.itemId), { branchId: MAIN_BRANCH, itemId: op.itemId });
    }
  }
  return [...keys.values()];
}

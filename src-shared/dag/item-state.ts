import type { ConflictKind, ItemConflict, ItemSnapshot, ItemState, Op } from '../model/index.js';
import { snapshotOf } from '../model/index.js';
import { lowestCommonAncestor } from './lca.js';
import { compareOps, newerOp } from './order.js';

/**
 * The state of one item from its ops that a view sees (the caller filters
 * them). Null when there are none. The result depends only on the set of ops,
 * never on their order.
 *
 * Heads are the ops no other op names as a parent. One head: the item is that
 * head. Several heads: the item is in conflict, unless every head says the
 * same thing — all of them deletes, or all the same path, kind and content —
 * which is agreement, not a conflict a person needs to look at.
 */
export function itemStateFromOps(ops: readonly Op[]): ItemState | null {
  const first = ops[0];
  if (!first) return null;
  for (const op of ops) {
    if (op.itemId !== first.itemId) {
      throw new Error(`itemStateFromOps takes the ops of one item, got ${first.itemId} and ${op.itemId}`);
    }
  }
  // Most items have a short history: plain scans beat building maps and sets for them.
  const { unique, heads } = ops.length <= SMALL_HISTORY ? scanSmall(ops) : scanLarge(ops);
  const byId = heads.length === 1 ? null : new Map(unique.map((op) => [op.id, op]));
  return itemStateFromHeads(first.itemId, byId, heads);
}

const SMALL_HISTORY = 24;

/** The ops without repeats, and the heads among them, by nested scans. */
function scanSmall(ops: readonly Op[]): { unique: Op[]; heads: Op[] } {
  const unique: Op[] = [];
  for (const op of ops) if (indexOfId(unique, op.id) === -1) unique.push(op);
  const heads: Op[] = [];
  for (const op of unique) if (!namedAsParent(unique, op.id)) heads.push(op);
  return { unique, heads };
}

function indexOfId(ops: readonly Op[], id: string): number {
  for (let i = 0; i < ops.length; i++) if ((ops[i] as Op).id === id) return i;
  return -1;
}

function namedAsParent(ops: readonly Op[], id: string): boolean {
  for (const op of ops) {
    const parents = op.parents;
    for (let i = 0; i < parents.length; i++) if (parents[i] === id) return true;
  }
  return false;
}

function scanLarge(ops: readonly Op[]): { unique: Op[]; heads: Op[] } {
  const byId = new Map<string, Op>();
  const referenced = new Set<string>();
  for (const op of ops) {
    if (byId.has(op.id)) continue;
    byId.set(op.id, op);
    for (const parent of op.parents) referenced.add(parent);
  }
  const unique = [...byId.values()];
  return { unique, heads: unique.filter((op) => !referenced.has(op.id)) };
}

/**
 * The item state once its heads are known. `byId` holds the visible ops of
 * the item, needed only with several heads (for the conflict base) or none;
 * `heads` may come in any order. With no
 * heads at all the ops form a cycle, which honest clients cannot make: the
 * newest op then stands in as the only head so the item still shows.
 */
export function itemStateFromHeads(
  itemId: string,
  byId: ReadonlyMap<string, Op> | null,
  heads: readonly Op[],
): ItemState {
  if (heads.length !== 1 && !byId) throw new Error('An item with several heads, or none, needs its ops');
  const ops = byId as ReadonlyMap<string, Op>;
  const sides = heads.length > 0 ? [...heads].sort(compareOps) : [newestOf(ops)];
  const current = sides[sides.length - 1] as Op;
  const conflict = sides.length > 1 && !headsAgree(sides) ? conflictOf(ops, sides) : null;
  return Object.freeze({
    itemId,
    ...snapshotOf(current),
    heads: Object.freeze(sides.map((op) => op.id)) as string[],
    current,
    conflict,
  });
}

function conflictOf(byId: ReadonlyMap<string, Op>, sides: Op[]): ItemConflict {
  const ancestor = lowestCommonAncestor(byId, sides);
  const base = ancestor ? snapshotOf(ancestor) : null;
  return Object.freeze({ kind: conflictKind(base, sides), base, sides: Object.freeze(sides) as Op[] });
}

/**
 * What the heads disagree about. Deleted against kept is edit/delete. When
 * the heads disagree on the path, it is rename/rename if every head moved the
 * item away from the base path (or there is no base to tell), otherwise
 * rename/edit: one side moved it while another stayed and changed it.
 * Anything else is a content disagreement, edit/edit.
 */
export function conflictKind(base: ItemSnapshot | null, sides: readonly Op[]): ConflictKind {
  const deletes = sides.filter((op) => op.type === 'delete').length;
  if (deletes > 0 && deletes < sides.length) return 'edit/delete';
  const paths = new Set(sides.map((op) => op.path));
  if (paths.size > 1) {
    return !base || sides.every((op) => op.path !== base.path) ? 'rename/rename' : 'rename/edit';
  }
  return 'edit/edit';
}

function headsAgree(sides: readonly Op[]): boolean {
  if (sides.every((op) => op.type === 'delete')) return true;
  const [first, ...rest] = sides as [Op, ...Op[]];
  if (first.type === 'delete') return false;
  return rest.every(
    (op) =>
      op.type !== 'delete' &&
      op.path === first.path &&
      op.kind === first.kind &&
      op.content === first.content,
  );
}

function newestOf(byId: ReadonlyMap<string, Op>): Op {
  let newest: Op | null = null;
  for (const op of byId.values()) newest = newest ? newerOp(newest, op) : op;
  if (!newest) throw new Error('An item state needs at least one op');
  return newest;
}

import type { Op } from '../model/index.js';
import { newerOp } from './order.js';

/**
 * The lowest common ancestor of `heads` among the ops in `byId` (an op counts
 * as its own ancestor). Parents missing from `byId` (not visible in this view)
 * end the walk. When several common ancestors are equally low (criss-cross
 * history) the newest one is taken so every replica picks the same base.
 * Null when the heads share no visible ancestor.
 */
export function lowestCommonAncestor(byId: ReadonlyMap<string, Op>, heads: readonly Op[]): Op | null {
  const reach = new Map<string, number>();
  for (const head of heads) {
    for (const id of ancestorIds(byId, head)) reach.set(id, (reach.get(id) ?? 0) + 1);
  }
  const common: Op[] = [];
  for (const [id, count] of reach) {
    if (count === heads.length) common.push(byId.get(id) as Op);
  }
  // A parent of a common ancestor is a common ancestor too, but never the lowest.
  const notLowest = new Set<string>();
  for (const op of common) for (const parent of op.parents) notLowest.add(parent);
  let lowest: Op | null = null;
  for (const op of common) {
    if (!notLowest.has(op.id)) lowest = lowest ? newerOp(lowest, op) : op;
  }
  return lowest;
}

/** `head` and every visible op it descends from. */
function ancestorIds(byId: ReadonlyMap<string, Op>, head: Op): Set<string> {
  const seen = new Set<string>([head.id]);
  const stack: Op[] = [head];
  for (let op = stack.pop(); op; op = stack.pop()) {
    for (const parentId of op.parents) {
      if (seen.has(parentId)) continue;
      const parent = byId.get(parentId);
      if (!parent) continue;
      seen.add(parentId);
      stack.push(parent);
    }
  }
  return seen;
}

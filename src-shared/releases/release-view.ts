import { itemStateFromHeads } from '../dag/item-state.js';
import type { ItemState, Op } from '../model/index.js';
import type { ReleaseHead } from '../sync-protocol/releases.js';

/** A namespace as a release froze it: its live items by path, and what this machine lacks to show it. */
export interface ReleaseSnapshot {
  /** Live items at the release's heads, sorted by path (deleted items left out). */
  items: ItemState[];
  /** Items whose head ops are not on this machine (evicted or never pulled). */
  missingItemIds: string[];
}

/**
 * The items at a release's captured heads, derived from the op log with the
 * same DAG rules as a branch view: one head is the item; several heads are
 * the item in conflict (their history is walked only then, for the base).
 * The release names exact op ids, so nothing later can shift what it shows.
 */
export function releaseSnapshot(
  opById: (id: string) => Op | undefined,
  heads: readonly ReleaseHead[],
): ReleaseSnapshot {
  const items: ItemState[] = [];
  const missingItemIds: string[] = [];
  for (const [itemId, opIds] of headsByItem(heads)) {
    const headOps = opIds.map(opById);
    if (!headOps.every((op): op is Op => op !== undefined)) {
      missingItemIds.push(itemId);
      continue;
    }
    const state = itemStateFromHeads(
      itemId,
      headOps.length === 1 ? null : ancestry(opById, headOps),
      headOps,
    );
    if (!state.deleted) items.push(state);
  }
  items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { items, missingItemIds };
}

function headsByItem(heads: readonly ReleaseHead[]): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const { itemId, opId } of heads) {
    const list = byItem.get(itemId);
    if (list) list.push(opId);
    else byItem.set(itemId, [opId]);
  }
  return byItem;
}

/** The heads and every ancestor of them this machine holds (what the conflict base is found in). */
function ancestry(opById: (id: string) => Op | undefined, heads: readonly Op[]): Map<string, Op> {
  const byId = new Map<string, Op>();
  const todo = [...heads];
  for (let op = todo.pop(); op; op = todo.pop()) {
    if (byId.has(op.id)) continue;
    byId.set(op.id, op);
    for (const parent of op.parents) {
      const found = opById(parent);
      if (found && !byId.has(parent)) todo.push(found);
    }
  }
  return byId;
}

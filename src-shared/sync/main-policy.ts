import { MAIN_BRANCH, type Branch, type MainPolicy, type Op } from '../model/index.js';

/**
 * Default for new branches: `notify`. Main is pulled in the background, so
 * the branch's data is never stale when the user decides to update, but the
 * view does not shift under the user's feet (as `follow` would); and unlike
 * `isolated` / `manual`, the user learns early — with a notice naming the
 * items — when main touched something the branch is changing, instead of
 * discovering it at merge time.
 */
export const DEFAULT_MAIN_POLICY: MainPolicy = 'notify';

/** Which branches a sync of `branchId` pulls. `explicitMain`: the user asked for "Update from main". */
export function branchesToPull(branch: Branch | null, explicitMain = false): string[] {
  if (branch === null) return [MAIN_BRANCH];
  const withMain = explicitMain || branch.mainPolicy === 'follow' || branch.mainPolicy === 'notify';
  return withMain ? [branch.id, MAIN_BRANCH] : [branch.id];
}

/** True when syncing the branch moves its base to the newest main it holds. */
export function baseFollowsMain(branch: Branch): boolean {
  return branch.mainPolicy === 'follow';
}

/**
 * The branch with its base moved to the newest main this machine holds:
 * everything the server ordered, plus this instance's own main ops up to its
 * newest stamp. Returns the branch unchanged when nothing moved.
 */
export function movedBase(
  branch: Branch,
  mainOps: Iterable<Op>,
  me: { instanceId: string; hlc: string | null },
  at: number,
): Branch {
  let baseSeq = branch.baseSeq;
  for (const op of mainOps) {
    if (op.branchId === MAIN_BRANCH && op.serverSeq != null && op.serverSeq > baseSeq) baseSeq = op.serverSeq;
  }
  // Our own unsent main ops join the base too; with none, the old base stamp stays.
  const hlcMoves = me.hlc !== null && !(branch.baseInstanceId === me.instanceId && branch.baseHlc >= me.hlc);
  if (baseSeq === branch.baseSeq && !hlcMoves) return branch;
  const base = hlcMoves ? { baseHlc: me.hlc as string, baseInstanceId: me.instanceId } : {};
  return { ...branch, baseSeq, ...base, updatedAt: at };
}

export interface MainChange {
  itemId: string;
  path: string;
  opCount: number;
}

/**
 * For a `notify` branch: main ops past the branch's base that touch items
 * the branch itself changed, grouped by item (newest path shown). Empty when
 * main moved only elsewhere, so the user is not told about unrelated work.
 */
export function mainChangesTouchingBranch(branch: Branch, ops: Iterable<Op>): MainChange[] {
  const branchItems = new Set<string>();
  const mainByItem = new Map<string, Op[]>();
  for (const op of ops) {
    if (op.branchId === branch.id) branchItems.add(op.itemId);
    else if (op.branchId === MAIN_BRANCH && op.serverSeq != null && op.serverSeq > branch.baseSeq) {
      if (op.status === 'rejected') continue;
      const list = mainByItem.get(op.itemId);
      if (list) list.push(op);
      else mainByItem.set(op.itemId, [op]);
    }
  }
  const changes: MainChange[] = [];
  for (const [itemId, list] of mainByItem) {
    if (!branchItems.has(itemId)) continue;
    const newest = list.reduce((a, b) => ((a.serverSeq ?? 0) >= (b.serverSeq ?? 0) ? a : b));
    changes.push({ itemId, path: newest.path, opCount: list.length });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

import { materializeView } from '../../src-shared/dag/index.js';
import { MAIN_BRANCH, type Branch, type Op } from '../../src-shared/model/index.js';
import { mainChangesTouchingBranch, movedBase } from '../../src-shared/sync/main-policy.js';
import { viewOf } from '../../src-shared/view/branch-view.js';
import type { TetherDb } from '../db/index.js';
import type { SyncContext } from './context.js';
import type { SyncNotice } from './types.js';

/** Items in conflict in the branch's view (null: main), from what the local database holds. */
export async function conflictsIn(db: TetherDb, branch: Branch | null): Promise<number> {
  const ops: Op[] = await db.ops.byBranch(MAIN_BRANCH);
  if (branch) ops.push(...(await db.ops.byBranch(branch.id)));
  let conflicts = 0;
  for (const item of materializeView(ops, viewOf(branch)).values()) if (item.conflict) conflicts += 1;
  return conflicts;
}

/**
 * Moves the branch's base to the newest main held locally (Update from main,
 * or every sync under `follow`). Works offline with what is local. Items
 * changed on both sides simply become conflicts in the branch view.
 */
export async function moveBaseToMain(ctx: SyncContext, branch: Branch): Promise<Branch> {
  const mainOps = await ctx.db.ops.byBranch(MAIN_BRANCH);
  let newestOwn: string | null = null;
  for (const op of mainOps) {
    if (op.instanceId === ctx.identity.instanceId && (newestOwn === null || op.hlc > newestOwn))
      newestOwn = op.hlc;
  }
  const moved = movedBase(
    branch,
    mainOps,
    { instanceId: ctx.identity.instanceId, hlc: newestOwn },
    ctx.now(),
  );
  if (moved !== branch) await ctx.db.branches.upsert(moved);
  return moved;
}

/** For `notify`: a notice naming main changes past the base that touch the branch's items. */
export async function mainChangedNotice(db: TetherDb, branch: Branch): Promise<SyncNotice | null> {
  const ops = [...(await db.ops.byBranch(MAIN_BRANCH)), ...(await db.ops.byBranch(branch.id))];
  const items = mainChangesTouchingBranch(branch, ops);
  if (items.length === 0) return null;
  return { id: `main-changed-${branch.id}`, kind: 'main-changed', branchId: branch.id, items };
}

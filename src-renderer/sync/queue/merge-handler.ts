import { syncKeys } from '../../../src-shared/sync/keys.js';
import { branchPushKey } from '../../../src-shared/sync/push-plan.js';
import type { SyncContext } from '../context.js';
import { failedOps } from '../failed-ops.js';
import { pushBranch } from '../push.js';
import { MergeBranchPayloadSchema, payloadOf } from './payloads.js';
import { QueueEntryRefused, type QueueHandler } from './types.js';

/**
 * merge_branch: the branch's ops go first (the server must hold them before
 * the merge), then the merge, which the server treats as idempotent and final.
 * A branch with refused ops is not merged: the merge would leave them behind.
 */
export const mergeBranchHandler: QueueHandler = async (ctx, entry) => {
  const { branchId } = payloadOf(MergeBranchPayloadSchema, entry);
  await ensureServerKnowsBranch(ctx, branchId);
  ctx.countPushed(branchId, await pushBranch(ctx, branchId));
  const failed = await failedOps(ctx.db);
  const left = (await ctx.db.ops.unacknowledged()).filter(
    (op) => op.branchId === branchId && op.id in failed,
  );
  if (left.length > 0) {
    throw new QueueEntryRefused(
      `${left.length} change(s) on this branch were refused by the server; retry or discard them first`,
    );
  }
  const { branch } = await ctx.remote.mergeBranch(branchId);
  const { changeSeq: _position, ...record } = branch;
  await ctx.db.branches.upsert(record);
};

/** A branch made and merged offline was never pushed; the server must know it (open) first. */
async function ensureServerKnowsBranch(ctx: SyncContext, branchId: string): Promise<void> {
  if ((await ctx.db.meta.get<unknown>(syncKeys.branchSent(branchId))) !== undefined) return;
  const branch = await ctx.db.branches.get(branchId);
  if (!branch) throw new QueueEntryRefused(`Branch "${branchId}" is not in the local database`);
  const open = { ...branch, state: 'open' as const, mergedAt: null, mergedBy: null };
  await ctx.remote.pushBranches({ branches: [open] });
  await ctx.db.meta.set(syncKeys.branchSent(branchId), branchPushKey(open));
}

import { failedOps } from '../failed-ops.js';
import { ensureServerKnowsBranch, pushBranch } from '../push.js';
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

import { pullBranchOps } from '../pull.js';
import { pushBranch } from '../push.js';
import { payloadOf, ResolveConflictPayloadSchema } from './payloads.js';
import { QueueEntryRefused, type QueueHandler } from './types.js';

/**
 * resolve_conflict: a conflict resolved offline (the resolution is a merge op
 * already in the log). Hybrid policy: send it, pull what others did
 * meanwhile; if nobody touched the item since, it is done; if they did, the
 * conflict is not the one the user resolved, so the entry fails with a
 * request to look again rather than silently applying a stale choice.
 */
export const resolveConflictHandler: QueueHandler = async (ctx, entry) => {
  const { branchId, itemId, resolutionOpId } = payloadOf(ResolveConflictPayloadSchema, entry);
  const resolution = (await ctx.db.ops.byItem(itemId)).find((op) => op.id === resolutionOpId);
  if (!resolution)
    throw new QueueEntryRefused(`The resolution op ${resolutionOpId} is not in the local database`);
  ctx.countPushed(branchId, await pushBranch(ctx, branchId));
  await pullBranchOps(ctx, branchId);
  const ops = (await ctx.db.ops.byItem(itemId)).filter((op) => op.branchId === branchId);
  const parents = new Set(ops.flatMap((op) => op.parents));
  const heads = ops.filter((op) => !parents.has(op.id)).map((op) => op.id);
  const newer = heads.filter((id) => id !== resolutionOpId);
  if (newer.length > 0) {
    throw new QueueEntryRefused(
      `${resolution.path} changed on the server after you resolved it (${newer.length} new head(s)); resolve it again`,
    );
  }
};

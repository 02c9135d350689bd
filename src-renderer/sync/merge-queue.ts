import { queueKeys, queueLanes } from '../../src-shared/queue/keys.js';
import type { SyncContext } from './context.js';
import { enqueueEntry } from './queue/enqueue.js';

/**
 * Records "tell the server this branch was merged" in the durable outbox. It
 * shares the branch's lane, so the branch's ops are sent first; the queue
 * runner (queue/merge-handler.ts) carries it out.
 */
export async function queueMerge(ctx: SyncContext, branchId: string): Promise<void> {
  const branch = await ctx.db.branches.get(branchId);
  await enqueueEntry(
    ctx.db,
    {
      type: 'merge_branch',
      payload: { branchId },
      idempotencyKey: queueKeys.mergeBranch(branchId),
      lane: queueLanes.branch(branchId),
      title: `Merge ${branch?.name ?? branchId} into main`,
    },
    ctx.now(),
  );
}

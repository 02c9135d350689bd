import type { QueueEntry } from '../../src-shared/model/index.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { branchPushKey } from '../../src-shared/sync/push-plan.js';
import { newRandomId } from '../workspace/ids.js';
import type { SyncContext } from './context.js';
import { pushBranch } from './push.js';

interface MergePayload {
  branchId: string;
}

/** Records "tell the server this branch was merged" in the durable outbox (visible in the queue). */
export async function queueMerge(ctx: SyncContext, branchId: string): Promise<void> {
  const key = `merge_branch:${branchId}`;
  const existing = (await ctx.db.queue.all()).find(
    (e) => e.idempotencyKey === key && e.status !== 'completed',
  );
  if (existing) return;
  const entry: QueueEntry = {
    id: newRandomId(),
    type: 'merge_branch',
    payload: { branchId } satisfies MergePayload,
    createdAt: ctx.now(),
    status: 'pending',
    retryCount: 0,
    error: null,
    idempotencyKey: key,
  };
  await ctx.db.queue.add(entry);
}

/**
 * Sends queued merges, oldest first: the branch's ops go first (the server
 * must hold them before the merge), then the merge itself, which the server
 * treats as idempotent and final. Offline stops the drain (the entry waits);
 * a refusal marks that entry failed and the next one still runs.
 */
export async function drainMerges(ctx: SyncContext): Promise<void> {
  const entries = (await ctx.db.queue.all()).filter(
    (e) => e.type === 'merge_branch' && e.status === 'pending',
  );
  for (const entry of entries) {
    const { branchId } = entry.payload as MergePayload;
    try {
      await ensureServerKnowsBranch(ctx, branchId);
      await pushBranch(ctx, branchId);
      const { branch } = await ctx.remote.mergeBranch(branchId);
      const { changeSeq: _position, ...record } = branch;
      await ctx.db.branches.upsert(record);
      await ctx.db.queue.remove(entry.id);
    } catch (error) {
      const failure = classifySyncError(error);
      const refused = failure.kind === 'refused' || (error as { code?: string }).code === 'not_found';
      await ctx.db.queue.update({
        ...entry,
        retryCount: entry.retryCount + 1,
        status: refused ? 'failed' : 'pending',
        error: failure.message,
      });
      if (!refused) throw error;
    }
  }
}

/** A branch made and merged offline was never pushed; the server must know it (open) first. */
async function ensureServerKnowsBranch(ctx: SyncContext, branchId: string): Promise<void> {
  if ((await ctx.db.meta.get<unknown>(syncKeys.branchSent(branchId))) !== undefined) return;
  const branch = await ctx.db.branches.get(branchId);
  if (!branch)
    throw Object.assign(new Error(`Branch "${branchId}" is not in the local database`), {
      code: 'not_found',
    });
  const open = { ...branch, state: 'open' as const, mergedAt: null, mergedBy: null };
  await ctx.remote.pushBranches({ branches: [open] });
  await ctx.db.meta.set(syncKeys.branchSent(branchId), branchPushKey(open));
}

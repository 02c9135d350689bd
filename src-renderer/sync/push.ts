import { MAIN_BRANCH, type Op, type OpBody } from '../../src-shared/model/index.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { branchPushKey, planPush, type PushPlan } from '../../src-shared/sync/push-plan.js';
import { applyAcks } from '../../src-shared/sync/server-fields.js';
import type { TetherDb } from '../db/index.js';
import type { SyncContext } from './context.js';

export type FailedOps = Record<string, string>;

export async function failedOps(db: TetherDb): Promise<FailedOps> {
  return (await db.meta.get<FailedOps>(syncKeys.failedOps)) ?? {};
}

/** What a push of this branch would send now. */
export async function pushPlanFor(db: TetherDb, branchId: string): Promise<PushPlan> {
  const [unacknowledged, failed, branch, lastSent] = await Promise.all([
    db.ops.unacknowledged(),
    failedOps(db),
    branchId === MAIN_BRANCH ? null : db.branches.get(branchId),
    db.meta.get<unknown>(syncKeys.branchSent(branchId)),
  ]);
  const failedOpIds = new Set(Object.keys(failed));
  return planPush({ branchId, unacknowledged, failedOpIds, branch, lastSentBranch: lastSent });
}

/**
 * Sends the branch record (if new or changed), then its unacknowledged ops in
 * batches, recording each batch's acks before the next is sent — so a push
 * cut off half way resumes with the ops that have no ack yet. Returns the
 * number of ops acknowledged.
 */
export async function pushBranch(ctx: SyncContext, branchId: string): Promise<number> {
  const plan = await pushPlanFor(ctx.db, branchId);
  for (const branch of plan.branches) {
    await ctx.remote.pushBranches({ branches: [branch] });
    await ctx.db.meta.set(syncKeys.branchSent(branch.id), branchPushKey(branch));
  }
  const total = plan.batches.reduce((n, batch) => n + batch.length, 0);
  let pushed = 0;
  ctx.progress({ phase: 'pushing', branchId, done: 0, total });
  // The acks of one batch are written while the next batch travels; a batch
  // whose ack write is lost is simply sent again (the server is idempotent).
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const batch of plan.batches) {
      const acked = await pushBatch(ctx, batch);
      await writing;
      writing = ctx.db.ops.acknowledge(acked);
      pushed += acked.length;
      ctx.progress({ phase: 'pushing', branchId, done: pushed, total });
    }
  } finally {
    // Even when a later batch fails, the acks already received are recorded.
    await writing;
  }
  return pushed;
}

/**
 * One batch; returns the ops with the server's fields from their acks. The
 * server stores all of a batch or none, so a refused batch is split until
 * the refused op is found; that op is marked failed (kept, never deleted)
 * and the rest goes through.
 */
async function pushBatch(ctx: SyncContext, batch: OpBody[]): Promise<Op[]> {
  try {
    const { acks } = await ctx.remote.pushOps(batch);
    return applyAcks(new Map<string, Op>(batch.map((op) => [op.id, op])), acks);
  } catch (error) {
    const failure = classifySyncError(error);
    if (failure.kind !== 'refused') throw error;
    const named = failure.opId !== null && batch.some((op) => op.id === failure.opId);
    if (batch.length === 1 || named) {
      const badId = named ? (failure.opId as string) : (batch[0] as OpBody).id;
      await markFailed(ctx.db, badId, failure.message);
      const rest = batch.filter((op) => op.id !== badId);
      return rest.length > 0 ? pushBatch(ctx, rest) : [];
    }
    const half = Math.ceil(batch.length / 2);
    return [...(await pushBatch(ctx, batch.slice(0, half))), ...(await pushBatch(ctx, batch.slice(half)))];
  }
}

async function markFailed(db: TetherDb, opId: string, message: string): Promise<void> {
  const failed = await failedOps(db);
  await db.meta.set(syncKeys.failedOps, { ...failed, [opId]: message });
}

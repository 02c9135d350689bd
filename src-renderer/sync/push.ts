import { MAIN_BRANCH, mayChangeBranch, type Op, type OpBody } from '../../src-shared/model/index.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { branchPushKey, planPush, type PushPlan } from '../../src-shared/sync/push-plan.js';
import { BatchDependencies, PUSH_WINDOW, waitsBeforeSending } from '../../src-shared/sync/push-pipeline.js';
import { applyAcks } from '../../src-shared/sync/server-fields.js';
import type { TetherDb } from '../db/index.js';
import type { SyncContext } from './context.js';
import { failedOps } from './failed-ops.js';
import { accountIsFine } from './queue/classify.js';
import { recordRefusedOp } from './queue/push-entries.js';
import { QueueEntryRefused } from './queue/types.js';

export { failedOps, type FailedOps } from './failed-ops.js';

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
 * batches, recording each batch's acks as soon as they arrive — so a push
 * cut off half way resumes with the ops that have no ack yet. Several batches
 * may travel at once when none holds a parent of another's ops
 * (push-pipeline.ts); a batch waits for the server's answer to the batches
 * it depends on, not for their local recording, which runs behind in order.
 * Returns the number of ops acknowledged.
 */
export async function pushBranch(ctx: SyncContext, branchId: string): Promise<number> {
  const plan = await pushPlanFor(ctx.db, branchId);
  for (const branch of plan.branches) {
    // A branch someone else owns is theirs to change (the server refuses us): a base we moved
    // while following main stays local, and the owner's next change of the record wins.
    if (mayChangeBranch(branch, ctx.identity.userName)) await ctx.remote.pushBranches({ branches: [branch] });
    await ctx.db.meta.set(syncKeys.branchSent(branch.id), branchPushKey(branch));
  }
  // Every branch whose ops go now must be known to the server first (one never sent: as open).
  const sending = plan.batches.length > 0 ? [branchId, ...plan.alsoBranchIds] : [];
  for (const id of sending) if (id !== MAIN_BRANCH) await ensureServerKnowsBranch(ctx, id);
  const total = plan.batches.reduce((n, batch) => n + batch.length, 0);
  let pushed = 0;
  ctx.progress({ phase: 'pushing', branchId, done: 0, total });
  const dependencies = new BatchDependencies(plan.batches);
  const answered: Promise<Op[]>[] = [];
  const recorded: Promise<void>[] = [];
  const record = async (answer: Promise<Op[]>, previous: Promise<void> | undefined) => {
    await previous;
    const acked = await answer.catch(() => null); // its error is thrown below
    if (!acked) return;
    await ctx.db.ops.recordAcks(acked);
    pushed += acked.length;
    ctx.progress({ phase: 'pushing', branchId, done: pushed, total });
  };
  for (const [index, batch] of plan.batches.entries()) {
    try {
      const waits = waitsBeforeSending(dependencies.of(index), index);
      await Promise.all([...waits.map((i) => answered[i]), recorded[index - RECORDING_LAG]]);
    } catch {
      break; // a batch before it failed, or its acks could not be recorded: send nothing more
    }
    const answer = pushBatch(ctx, batch);
    answer.catch(() => undefined); // settled below, with the others
    answered.push(answer);
    const recording = record(answer, recorded.at(-1));
    recording.catch(() => undefined);
    recorded.push(recording);
  }
  // Even when one batch fails, the acks of the others are recorded first.
  const failed = [...(await Promise.allSettled(answered)), ...(await Promise.allSettled(recorded))].find(
    (r) => r.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return pushed;
}

/**
 * A branch whose ops are about to be sent, never sent itself (made and merged
 * offline, say): the server must know it, as open, first; the merge that
 * follows tells it the rest.
 */
export async function ensureServerKnowsBranch(ctx: SyncContext, branchId: string): Promise<void> {
  if ((await ctx.db.meta.get<unknown>(syncKeys.branchSent(branchId))) !== undefined) return;
  const branch = await ctx.db.branches.get(branchId);
  if (!branch) throw new QueueEntryRefused(`Branch "${branchId}" is not in the local database`);
  const open = { ...branch, state: 'open' as const, mergedAt: null, mergedBy: null };
  await ctx.remote.pushBranches({ branches: [open] });
  await ctx.db.meta.set(syncKeys.branchSent(branchId), branchPushKey(open));
}

/**
 * How far the local recording of acks may fall behind the sending: answers
 * waiting to be recorded are held in memory, and an app closed meanwhile
 * sends their ops again (harmless, the server knows them, but wasted).
 */
export const RECORDING_LAG = 2 * PUSH_WINDOW;

/**
 * One batch; returns the ops with the server's fields from their acks. The
 * server stores all of a batch or none, so a refused batch is split until
 * the refused op is found; that op is marked failed (kept, never deleted)
 * and the rest goes through.
 */
async function pushBatch(ctx: SyncContext, batch: OpBody[]): Promise<Op[]> {
  try {
    const { acks } = await ctx.remote.pushOps(batch);
    reportClockAhead(ctx, acks);
    return applyAcks(new Map<string, Op>(batch.map((op) => [op.id, op])), acks);
  } catch (error) {
    const failure = await refusalOf(ctx, error);
    if (!failure) throw error;
    const named = failure.opId !== null && batch.some((op) => op.id === failure.opId);
    if (batch.length === 1 || named) {
      const badId = named ? (failure.opId as string) : (batch[0] as OpBody).id;
      await markFailed(ctx, batch.find((op) => op.id === badId) as OpBody, failure.message);
      const rest = batch.filter((op) => op.id !== badId);
      return rest.length > 0 ? pushBatch(ctx, rest) : [];
    }
    const half = Math.ceil(batch.length / 2);
    return [...(await pushBatch(ctx, batch.slice(0, half))), ...(await pushBatch(ctx, batch.slice(half)))];
  }
}

/**
 * A refusal of this batch's content, or null. A per-op `forbidden` (an op by
 * another author) is a refusal of that op; a `forbidden` for the whole account
 * is not, and the account check tells them apart.
 */
async function refusalOf(
  ctx: SyncContext,
  error: unknown,
): Promise<{ message: string; opId: string | null } | null> {
  const failure = classifySyncError(error);
  if (failure.kind === 'refused') return failure;
  const { code, opId } = (error ?? {}) as { code?: unknown; opId?: unknown };
  if (code !== 'forbidden') return null;
  if (typeof opId === 'string') return { message: failure.message, opId };
  if (await accountIsFine(ctx)) return { message: failure.message, opId: null };
  return null;
}

/**
 * Kept locally, never re-sent until the user retries; shown as a failed queue
 * entry. One at a time per database: two batches in flight may both find a
 * refused op, and the list is read, changed and written back.
 */
function markFailed(ctx: SyncContext, op: OpBody, message: string): Promise<void> {
  const previous = refusalWrites.get(ctx.db) ?? Promise.resolve();
  const next = previous.then(async () => {
    const failed = await failedOps(ctx.db);
    await ctx.db.meta.set(syncKeys.failedOps, { ...failed, [op.id]: message });
    await recordRefusedOp(ctx.db, op, message, ctx.now());
  });
  refusalWrites.set(
    ctx.db,
    next.catch(() => undefined),
  );
  return next;
}

const refusalWrites = new WeakMap<TetherDb, Promise<void>>();

/** The server accepts ops stamped in the future but says how far ahead they were: tell the person. */
function reportClockAhead(ctx: SyncContext, acks: readonly { clockAheadMs?: number }[]): void {
  const aheadMs = Math.max(0, ...acks.map((ack) => ack.clockAheadMs ?? 0));
  if (aheadMs > 0) ctx.notice?.({ id: 'clock-ahead', kind: 'clock-ahead', aheadMs });
}

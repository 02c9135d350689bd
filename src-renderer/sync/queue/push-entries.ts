import { MAIN_BRANCH, type OpBody } from '../../../src-shared/model/index.js';
import { queueKeys, queueLanes } from '../../../src-shared/queue/keys.js';
import { syncKeys } from '../../../src-shared/sync/keys.js';
import { branchNeedsPush } from '../../../src-shared/sync/push-plan.js';
import type { TetherDb } from '../../db/index.js';
import { failedOps } from '../failed-ops.js';
import { enqueueEntry } from './enqueue.js';

/** Refused ops the user discarded (exported first): never sent again, never queued again. */
export const DISCARDED_OPS_KEY = 'queue.discardedOps';

export async function discardedOps(db: TetherDb): Promise<Record<string, number>> {
  return (await db.meta.get<Record<string, number>>(DISCARDED_OPS_KEY)) ?? {};
}

export function branchLabel(branchId: string, names: ReadonlyMap<string, string>): string {
  return branchId === MAIN_BRANCH ? 'main' : (names.get(branchId) ?? branchId);
}

/**
 * Makes the outbox match the op log: one push_ops entry per branch with ops
 * or a changed record still to send, and a failed entry per refused op. Deriving them from the
 * ops collection (not only from write events) means a crash, another tab or
 * an older database can never leave an unsent op without its entry.
 */
export async function reconcilePushEntries(db: TetherDb, now: number): Promise<void> {
  const [unacked, failed, discarded, branches] = await Promise.all([
    db.ops.unacknowledged(),
    failedOps(db),
    discardedOps(db),
    db.branches.all(),
  ]);
  const names = new Map(branches.map((b) => [b.id, b.name]));
  const toSend = new Set<string>();
  const refused: OpBody[] = [];
  // One pass: after a month offline this list holds a hundred thousand ops.
  for (const op of unacked) {
    if (!(op.id in failed)) toSend.add(op.branchId);
    else if (!(op.id in discarded)) refused.push(op);
  }
  // A record sent before and changed here since (how main reaches it, its name) travels without new ops.
  for (const branch of branches) {
    if (toSend.has(branch.id)) continue;
    const lastSent = await db.meta.get<unknown>(syncKeys.branchSent(branch.id));
    if (lastSent !== undefined && branchNeedsPush(branch, lastSent)) toSend.add(branch.id);
  }
  for (const branchId of toSend) await ensureBranchPush(db, branchId, names, now);
  for (const op of refused) await recordRefusedOp(db, op, failed[op.id] as string, now);
}

export async function ensureBranchPush(
  db: TetherDb,
  branchId: string,
  names: ReadonlyMap<string, string>,
  now: number,
): Promise<void> {
  // Everything else in a branch's lane needs its ops on the server: the push goes first.
  const lane = queueLanes.branch(branchId);
  const waiting = (await db.queue.all()).filter((e) => e.lane === lane && e.status !== 'completed');
  const first = waiting.length > 0 ? Math.min(...waiting.map((e) => e.position)) : null;
  await enqueueEntry(
    db,
    {
      type: 'push_ops',
      payload: { branchId },
      idempotencyKey: queueKeys.pushOps(branchId),
      lane,
      title: `Send changes on ${branchLabel(branchId, names)}`,
      position: first === null ? now : Math.min(now, first - 0.001),
    },
    now,
    `push-${branchId}`.slice(0, 64), // fixed, so two writers deriving it at once cannot make two
  );
}

/** A refused op becomes a failed entry with the server's message (kept; retry or discard). */
export async function recordRefusedOp(db: TetherDb, op: OpBody, message: string, now: number): Promise<void> {
  await enqueueEntry(
    db,
    {
      type: 'push_ops',
      payload: { branchId: op.branchId, opIds: [op.id] },
      idempotencyKey: queueKeys.refusedOp(op.id),
      // Its own lane: push.ts already sends the rest of the branch around a refused op.
      lane: `op:${op.id}`,
      title: `Send ${op.type} of ${op.path}`,
      status: 'failed',
      error: message,
    },
    now,
    `refused-${op.id}`.slice(0, 64),
  );
}

/** Forgets that the server refused these ops, so the next push sends them again. */
export async function clearRefusals(db: TetherDb, opIds: readonly string[]): Promise<void> {
  const failed = { ...(await failedOps(db)) };
  for (const id of opIds) delete failed[id];
  await db.meta.set(syncKeys.failedOps, failed);
}

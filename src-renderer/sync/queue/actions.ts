import type { QueueEntry } from '../../../src-shared/model/index.js';
import { forRetry, runnableEntries } from '../../../src-shared/queue/policy.js';
import { moveOnto } from '../../../src-shared/queue/move-preview.js';
import { moveEntry, QueueOrderError } from '../../../src-shared/queue/reorder.js';
import { syncKeys } from '../../../src-shared/sync/keys.js';
import type { TetherDb } from '../../db/index.js';
import { failedOps } from '../failed-ops.js';
import { QUEUE_HANDLERS } from './handlers.js';
import { PushOpsPayloadSchema } from './payloads.js';
import { DISCARDED_OPS_KEY, discardedOps } from './push-entries.js';
import { QueueActionError } from './types.js';

/** Something the runner could do right now (used to wake the engine on queue writes). */
export async function hasRunnableWork(db: TetherDb, now: number): Promise<boolean> {
  return runnableEntries(await db.queue.all(), now).some((entry) => QUEUE_HANDLERS[entry.type]);
}

async function entryOrError(db: TetherDb, id: string): Promise<QueueEntry> {
  const entry = await db.queue.get(id);
  if (!entry) throw new QueueActionError(`There is no queue entry "${id}"`);
  return entry;
}

/** Retry a failed entry: due now; the engine runs it on its next drain. */
export async function retryEntry(db: TetherDb, id: string): Promise<QueueEntry> {
  const entry = await entryOrError(db, id);
  if (entry.status !== 'failed')
    throw new QueueActionError(`“${entry.title}” has not failed; there is nothing to retry`);
  const next = forRetry(entry);
  await db.queue.update(next);
  return next;
}

/** Every failed entry, due now. */
export async function retryAllFailed(db: TetherDb): Promise<number> {
  const failed = (await db.queue.all()).filter((entry) => entry.status === 'failed');
  for (const entry of failed) await db.queue.update(forRetry(entry));
  return failed.length;
}

/** Moves an entry in the queue order; across a dependency it is refused and nothing changes. */
export async function moveQueueEntry(db: TetherDb, id: string, toIndex: number): Promise<void> {
  await applyMove(db, (entries) => moveEntry(entries, id, toIndex));
}

/** Moves an entry onto another's place (the view's move: it names rows, since it hides some entries). */
export async function moveQueueEntryOnto(db: TetherDb, id: string, ontoId: string): Promise<void> {
  await applyMove(db, (entries) => moveOnto(entries, id, ontoId));
}

async function applyMove(db: TetherDb, move: (entries: QueueEntry[]) => QueueEntry[]): Promise<void> {
  let changed: QueueEntry[];
  try {
    changed = move(await db.queue.all());
  } catch (error) {
    if (error instanceof QueueOrderError) throw new QueueActionError(error.message);
    throw error;
  }
  for (const entry of changed) await db.queue.update(entry);
}

/** The ops a push_ops entry stands for: the refused ones it names, or the branch's unsent ops. */
export async function opsOfEntry(db: TetherDb, entry: QueueEntry) {
  if (entry.type !== 'push_ops') return [];
  const parsed = PushOpsPayloadSchema.safeParse(entry.payload);
  if (!parsed.success) return [];
  const { branchId, opIds } = parsed.data;
  const [unacked, failed, discarded] = await Promise.all([
    db.ops.unacknowledged(),
    failedOps(db),
    discardedOps(db),
  ]);
  if (opIds) return unacked.filter((op) => opIds.includes(op.id));
  return unacked.filter((op) => op.branchId === branchId && !(op.id in failed) && !(op.id in discarded));
}

/**
 * Removes an entry from the outbox (the caller has exported it first). Its
 * ops are never sent: they stay in the local log as local-only work, so the
 * user's view does not change under them, and the export can bring them back.
 */
export async function discardEntry(db: TetherDb, id: string, now: number): Promise<void> {
  const entry = await entryOrError(db, id);
  if (entry.status === 'syncing')
    throw new QueueActionError(`“${entry.title}” is being sent right now; try again in a moment`);
  const ops = await opsOfEntry(db, entry);
  if (ops.length > 0) {
    const failed = await failedOps(db);
    const discarded = await discardedOps(db);
    for (const op of ops) {
      failed[op.id] = failed[op.id] ?? 'Discarded from the queue (exported to a file)';
      discarded[op.id] = now;
    }
    await db.meta.set(DISCARDED_OPS_KEY, discarded);
    await db.meta.set(syncKeys.failedOps, failed);
  }
  await db.queue.remove(entry.id);
}

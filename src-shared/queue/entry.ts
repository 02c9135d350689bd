import { QueueEntrySchema, type QueueEntry, type QueueEntryType } from '../model/index.js';
import { queueLanes } from './keys.js';

/** What a caller says when it queues an intent; the rest is the queue's to fill in. */
export interface NewQueueEntry {
  type: QueueEntryType;
  payload: unknown;
  idempotencyKey: string;
  title: string;
  /** Default: a lane of its own (independent of every other entry). */
  lane?: string;
  status?: 'pending' | 'failed';
  /** Default: now (the end of the queue). */
  position?: number;
  error?: string | null;
}

export function makeQueueEntry(input: NewQueueEntry, id: string, now: number): QueueEntry {
  return QueueEntrySchema.parse({
    id,
    type: input.type,
    payload: input.payload,
    createdAt: now,
    status: input.status ?? 'pending',
    retryCount: 0,
    error: input.error ?? null,
    idempotencyKey: input.idempotencyKey,
    lane: input.lane ?? queueLanes.alone(id),
    position: input.position ?? now,
    nextAttemptAt: 0,
    title: input.title.slice(0, 300),
  });
}

/** The unfinished entry for an intent, if one is queued (enqueueing it again is a no-op). */
export function findIntent(entries: readonly QueueEntry[], idempotencyKey: string): QueueEntry | undefined {
  return entries.find((entry) => entry.idempotencyKey === idempotencyKey && entry.status !== 'completed');
}

/** A v0 row (before lanes, order and titles) as v1; merges keep their branch's lane. */
export function upgradeQueueEntryV0(old: Record<string, unknown>): QueueEntry {
  const payload = old.payload as { branchId?: unknown } | undefined;
  const branchId = typeof payload?.branchId === 'string' ? payload.branchId : null;
  const id = String(old.id);
  return {
    ...(old as Omit<QueueEntry, 'lane' | 'position' | 'nextAttemptAt' | 'title'>),
    lane: branchId ? queueLanes.branch(branchId) : queueLanes.alone(id),
    position: Number(old.createdAt ?? 0),
    nextAttemptAt: 0,
    title: branchId ? `${String(old.type)} ${branchId}` : String(old.type),
  };
}

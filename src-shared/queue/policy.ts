import type { QueueEntry, QueueEntryStatus } from '../model/index.js';
import { backoffDelayMs, RETRY_LIMIT } from './backoff.js';

/** Queue order: position, then creation, then id (stable for equal positions). */
export function inQueueOrder(entries: readonly QueueEntry[]): QueueEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.position - b.position || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export type WaitReason = 'ready' | 'backoff' | 'blocked' | 'failed' | 'running' | 'done';

/**
 * Why each entry runs now or not. Per lane only the first unfinished entry
 * may run; a failed or running head holds back the rest of ITS lane only, so
 * independent lanes keep going (FIFO across lanes by position).
 */
export function waitReasons(entries: readonly QueueEntry[], now: number): Map<string, WaitReason> {
  const reasons = new Map<string, WaitReason>();
  walkLanes(entries, (entry, ahead) => {
    if (entry.status === 'completed') reasons.set(entry.id, 'done');
    else reasons.set(entry.id, ahead ? 'blocked' : headReason(entry, now));
  });
  return reasons;
}

/**
 * What each held-back ('blocked') entry waits for: the unfinished entry just
 * before it on its own lane. That is not always the row above it: after a
 * reorder, entries of other lanes may sit in between.
 */
export function waitsFor(entries: readonly QueueEntry[]): Map<string, QueueEntry> {
  const found = new Map<string, QueueEntry>();
  walkLanes(entries, (entry, ahead) => {
    if (entry.status !== 'completed' && ahead) found.set(entry.id, ahead);
  });
  return found;
}

/** Visits entries in queue order with the last unfinished entry of their lane before them (the lane rule). */
function walkLanes(
  entries: readonly QueueEntry[],
  visit: (entry: QueueEntry, ahead: QueueEntry | undefined) => void,
): void {
  const lastUnfinished = new Map<string, QueueEntry>();
  for (const entry of inQueueOrder(entries)) {
    visit(entry, lastUnfinished.get(entry.lane));
    if (entry.status !== 'completed') lastUnfinished.set(entry.lane, entry);
  }
}

function headReason(entry: QueueEntry, now: number): WaitReason {
  if (entry.status === 'failed') return 'failed';
  if (entry.status === 'syncing') return 'running';
  return entry.nextAttemptAt > now ? 'backoff' : 'ready';
}

/** Entries that may run now, in queue order. */
export function runnableEntries(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  const reasons = waitReasons(entries, now);
  return inQueueOrder(entries).filter((entry) => reasons.get(entry.id) === 'ready');
}

/** When the earliest entry waiting on backoff becomes due (null: none waits). */
export function nextWakeAt(entries: readonly QueueEntry[], now: number): number | null {
  const reasons = waitReasons(entries, now);
  const due = entries.filter((e) => reasons.get(e.id) === 'backoff').map((e) => e.nextAttemptAt);
  return due.length > 0 ? Math.min(...due) : null;
}

export type FailureKind = 'offline' | 'refused' | 'transient';

/**
 * The entry after a failed attempt. Offline is a state, not a failure: no
 * retry is counted. A refusal is final until the user retries. Anything else
 * backs off and becomes failed after RETRY_LIMIT attempts (kept, not dropped).
 */
export function afterFailure(
  entry: QueueEntry,
  failure: { kind: FailureKind; message: string; retryAfterMs?: number },
  now: number,
  random: () => number = Math.random,
): QueueEntry {
  // A server that said when to come back (a 429's Retry-After) is not asked sooner.
  const serverAsked = failure.retryAfterMs ? now + failure.retryAfterMs : 0;
  if (failure.kind === 'offline') {
    if (!serverAsked) return { ...entry, status: 'pending', error: entry.error };
    const nextAttemptAt = Math.max(entry.nextAttemptAt, serverAsked);
    return { ...entry, status: 'pending', error: failure.message, nextAttemptAt };
  }
  const retryCount = entry.retryCount + 1;
  const status: QueueEntryStatus =
    failure.kind === 'refused' || retryCount >= RETRY_LIMIT ? 'failed' : 'pending';
  const backoff = now + backoffDelayMs(retryCount - 1, random);
  const nextAttemptAt = status === 'pending' ? Math.max(backoff, serverAsked) : 0;
  return { ...entry, status, retryCount, error: failure.message, nextAttemptAt };
}

/** "Retry" from the user: pending, due now; the count is kept so the history shows. */
export function forRetry(entry: QueueEntry): QueueEntry {
  return { ...entry, status: 'pending', nextAttemptAt: 0 };
}

/** Entries left `syncing` by a crash or a cut connection run again (handlers are idempotent). */
export function afterRestart(entry: QueueEntry): QueueEntry {
  return entry.status === 'syncing' ? { ...entry, status: 'pending' } : entry;
}

/** The branch an entry is about (payload.branchId), or null; a branch sync runs only its own entries. */
export function branchOfEntry(entry: QueueEntry): string | null {
  const id = (entry.payload as { branchId?: unknown } | null)?.branchId;
  return typeof id === 'string' ? id : null;
}

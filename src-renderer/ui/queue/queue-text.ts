import type { QueueEntryStatus, QueueEntryType } from '../../../src-shared/model/index.js';
import type { WaitReason } from '../../../src-shared/queue/index.js';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { plural, relativeTime } from '../format.js';
import { pathList } from '../sync/sync-text.js';

export const TYPE_LABELS: Record<QueueEntryType, string> = {
  push_ops: 'Send changes',
  merge_branch: 'Merge branch',
  submit_approval_request: 'Submit approval request',
  resolve_conflict: 'Resolve conflict',
  branch_update: 'Update branch',
  git_push: 'Git push',
  git_pull: 'Git pull',
  release_write: 'Release',
  linked_namespace: 'Linked namespace',
};

export const STATUS_LABELS: Record<QueueEntryStatus, string> = {
  pending: 'Waiting',
  syncing: 'Sending',
  failed: 'Failed',
  completed: 'Done',
};

/** Why a waiting entry waits, in a few words (null when it simply runs next). */
export function waitText(row: QueueRow, now: number): string | null {
  const reasons: Partial<Record<WaitReason, string>> = {
    blocked: row.waitsFor
      ? `Waits for “${row.waitsFor}” (same branch)`
      : 'Waits for an earlier entry on the same branch',
    backoff: `Next try ${relativeFuture(row.entry.nextAttemptAt, now)}`,
  };
  return reasons[row.wait] ?? null;
}

function relativeFuture(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((at - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.round(seconds / 60)} min`;
}

/** "3 ops · queued 5 min ago · tried 2 times" */
export function detailText(row: QueueRow, now: number): string {
  const parts: string[] = [];
  if (row.opCount !== null) parts.push(plural(row.opCount, 'op'));
  // The clock ticks every few seconds: an entry made since is "just now", not "in the future".
  parts.push(`queued ${relativeTime(row.entry.createdAt, Math.max(now, row.entry.createdAt))}`);
  if (row.entry.retryCount > 0) parts.push(`tried ${plural(row.entry.retryCount, 'time')}`);
  return parts.join(' · ');
}

/** The items an entry holds: "Acme.Billing.charge and 2 more" (null when it holds no items). */
export function itemsText(row: Pick<QueueRow, 'paths'>): string | null {
  return row.paths.length > 0 ? pathList(row.paths, 1) : null;
}

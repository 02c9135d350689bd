import { z } from 'zod';
import { IdSchema } from './op.js';

export const QueueEntryTypeSchema = z.enum([
  'push_ops',
  'submit_approval_request',
  'resolve_conflict',
  'merge_branch',
  'branch_update',
  // Git's network steps for the folder mirror (src-shared/mirror/git-queue.ts).
  'git_push',
  'git_pull',
  // A release write made offline: a draft, a proof, a promotion (src-shared/releases/queued.ts).
  'release_write',
  // Linking a namespace or pushing its edits upstream, made offline (src-shared/links/push-queue.ts).
  'linked_namespace',
]);
export type QueueEntryType = z.infer<typeof QueueEntryTypeSchema>;

export const QueueEntryStatusSchema = z.enum(['pending', 'syncing', 'failed', 'completed']);
export type QueueEntryStatus = z.infer<typeof QueueEntryStatusSchema>;

/** An intent that needs the server or git, kept in the durable outbox until done. */
export const QueueEntrySchema = z.object({
  id: IdSchema,
  type: QueueEntryTypeSchema,
  payload: z.unknown(),
  createdAt: z.number().int(),
  status: QueueEntryStatusSchema,
  retryCount: z.number().int().nonnegative(),
  error: z.string().nullable(),
  idempotencyKey: z.string().min(1).max(128),
  /** Entries of one lane run in order and a failed one holds back the rest of its lane (v1). */
  lane: z.string().min(1).max(128),
  /** FIFO order; starts as createdAt and changes only when the user reorders (v1). */
  position: z.number(),
  /** Backoff: not run before this time, 0 = as soon as possible (v1). */
  nextAttemptAt: z.number().int().nonnegative(),
  /** One line for the queue view (v1). */
  title: z.string().max(300),
});
export type QueueEntry = z.infer<typeof QueueEntrySchema>;

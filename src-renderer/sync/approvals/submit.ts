import { z } from 'zod';
import type { LocalApproval } from '../../../src-shared/approvals/index.js';
import { IdSchema, type QueueEntry } from '../../../src-shared/model/index.js';
import type { ApprovalRequest } from '../../../src-shared/sync-protocol/index.js';
import type { ApprovalsApi } from '../../../src-shared/sync/approvals-api.js';
import { classifySyncError } from '../../../src-shared/sync/errors.js';
import type { SyncContext } from '../context.js';
import { pushBranch } from '../push.js';
import { enqueueEntry, type NewQueueEntry } from '../queue/enqueue.js';
import { QueueEntryRefused } from '../queue/types.js';
import { SUBMIT_TYPE, submitKey } from './keys.js';

/** What a `submit_approval_request` entry carries; the text and ops are read fresh from the record. */
export const SubmitPayloadSchema = z.object({
  requestId: IdSchema,
  /** `revise`: the server already knows the request (it was rejected); send it again. */
  mode: z.enum(['submit', 'revise']),
});
export type SubmitPayload = z.infer<typeof SubmitPayloadSchema>;

/** The approvals API the handler uses: the context's, when the engine was given one. */
export type ApprovalContext = SyncContext & { approvals?: ApprovalsApi };

/**
 * Queues the request's submission in the durable outbox, in its branch's
 * lane so the branch's pushes run first. The same round queued twice is one
 * entry; a failed one is replaced (the user retries from the request).
 */
export async function queueSubmission(
  ctx: Pick<SyncContext, 'db' | 'now'>,
  request: LocalApproval,
  mode: SubmitPayload['mode'],
): Promise<QueueEntry> {
  const key = submitKey(request.id, (request.server?.revision ?? 0) + 1);
  const existing = (await ctx.db.queue.all()).find((e) => e.idempotencyKey === key);
  if (existing?.status === 'failed') await ctx.db.queue.remove(existing.id);
  const input: NewQueueEntry = {
    type: SUBMIT_TYPE,
    payload: { requestId: request.id, mode } satisfies SubmitPayload,
    idempotencyKey: key,
    lane: `branch:${request.branchId}`,
    title: `Submit approval request “${request.title}”`.slice(0, 300),
  };
  return enqueueEntry(ctx.db, input, ctx.now());
}

/**
 * The queue handler for `submit_approval_request` (shape of the generic
 * runner's QueueHandler). Pushes the branch's ops (the server must hold
 * them), then submits or revises. Idempotent: the server answers the same
 * id and body again. Local state changes only after the server said yes; a
 * refusal marks the request "failed to submit" with the server's reason.
 */
export async function submitApprovalRequest(ctx: ApprovalContext, entry: QueueEntry): Promise<void> {
  const parsed = SubmitPayloadSchema.safeParse(entry.payload);
  if (!parsed.success) throw new QueueEntryRefused('This queue entry does not describe an approval request');
  const api = ctx.approvals;
  if (!api) throw new QueueEntryRefused('Approval requests need a team server');
  const request = await ctx.db.approvals.get(parsed.data.requestId);
  if (!request) throw new QueueEntryRefused('The approval request was discarded');
  if (request.state !== 'pending_submission' && request.state !== 'failed') return; // done already
  try {
    await pushBranch(ctx, request.branchId);
    const body = { title: request.title, description: request.description, opIds: request.opIds };
    const answer =
      parsed.data.mode === 'revise'
        ? await api.reviseApproval(request.id, body)
        : await api.submitApproval({ id: request.id, ...body });
    await recordServer(ctx, request, answer.request);
  } catch (error) {
    const failure = classifySyncError(error);
    const code = (error as { code?: string }).code;
    const refused = failure.kind === 'refused' || code === 'not_found' || code === 'queue_refused';
    if (refused) {
      await ctx.db.approvals.upsert({
        ...request,
        state: 'failed',
        error: failure.message,
        updatedAt: ctx.now(),
      });
    }
    throw error;
  }
}

async function recordServer(ctx: SyncContext, request: LocalApproval, server: ApprovalRequest) {
  await ctx.db.approvals.upsert({
    ...request,
    state: server.state,
    opIds: server.opIds,
    server,
    error: null,
    updatedAt: ctx.now(),
  });
}

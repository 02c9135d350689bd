import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { BranchIdSchema, IdSchema } from '../model/index.js';
import {
  ApprovalRequestSchema,
  MAX_APPROVAL_OPS,
  MAX_APPROVAL_TEXT,
  MAX_APPROVAL_TITLE,
} from '../sync-protocol/index.js';

/**
 * An approval request as this machine knows it. `draft` and
 * `pending_submission` exist only here; from `submitted` on, the server's
 * copy (`server`) is the truth and `state` mirrors it. `failed` means the
 * last submission was refused (the error says why) and can be retried.
 */
export const LocalApprovalStateSchema = z.enum([
  'draft',
  'pending_submission',
  'submitted',
  'approved',
  'rejected',
  'failed',
]);
export type LocalApprovalState = z.infer<typeof LocalApprovalStateSchema>;

export const LocalApprovalSchema = z.object({
  id: IdSchema,
  author: z.string().min(1).max(128),
  title: z.string().max(MAX_APPROVAL_TITLE),
  description: z.string().max(MAX_APPROVAL_TEXT),
  branchId: BranchIdSchema,
  opIds: z.array(IdSchema).max(MAX_APPROVAL_OPS),
  state: LocalApprovalStateSchema,
  /** The server's record once it knows the request (also for requests others wrote, for owners). */
  server: ApprovalRequestSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type LocalApproval = z.infer<typeof LocalApprovalSchema>;

/** What the author types and picks. */
export interface ApprovalDraftInput {
  title: string;
  description: string;
  opIds: readonly string[];
}

/** The same rules the server applies, checked before anything is stored or queued. */
export function checkDraft(input: ApprovalDraftInput): {
  title: string;
  description: string;
  opIds: string[];
} {
  const title = input.title.trim();
  if (title === '') throw new ValidationError('A request needs a title', 'title');
  if (title.length > MAX_APPROVAL_TITLE) {
    throw new ValidationError(`A title is at most ${MAX_APPROVAL_TITLE} characters`, 'title');
  }
  if (input.description.length > MAX_APPROVAL_TEXT) {
    throw new ValidationError(`A description is at most ${MAX_APPROVAL_TEXT} characters`, 'description');
  }
  if (input.opIds.length === 0) throw new ValidationError('A request needs at least one change', 'opIds');
  if (input.opIds.length > MAX_APPROVAL_OPS) {
    throw new ValidationError(`A request holds at most ${MAX_APPROVAL_OPS} changes`, 'opIds');
  }
  if (new Set(input.opIds).size !== input.opIds.length) {
    throw new ValidationError('A change is listed twice', 'opIds');
  }
  return { title, description: input.description, opIds: [...input.opIds] };
}

/** The author may still change the request: before it reaches the server, or after a refusal. */
export function isEditable(request: LocalApproval): boolean {
  return request.state === 'draft' || request.state === 'pending_submission' || request.state === 'failed';
}

/** A rejected request can be revised (new ops, new text) and sent again. */
export function isRevisable(request: LocalApproval): boolean {
  return request.state === 'rejected';
}

/** A local record for a request the server sent (someone else's, or ours from another machine). */
export function fromServer(server: z.infer<typeof ApprovalRequestSchema>, now: number): LocalApproval {
  return {
    id: server.id,
    author: server.author,
    title: server.title,
    description: server.description,
    branchId: server.branchId,
    opIds: server.opIds,
    state: server.state,
    server,
    error: null,
    createdAt: server.createdAt,
    updatedAt: now,
  };
}

/**
 * Folds a server record into ours. While we hold an unsent revision
 * (pending_submission after a rejection), our text and ops stay; otherwise
 * the server's state wins.
 */
export function mergeServer(
  local: LocalApproval | null,
  server: z.infer<typeof ApprovalRequestSchema>,
  now: number,
): LocalApproval {
  if (!local) return fromServer(server, now);
  if (local.state === 'pending_submission' || local.state === 'draft') {
    return { ...local, server, updatedAt: now };
  }
  return { ...fromServer(server, now), createdAt: local.createdAt };
}

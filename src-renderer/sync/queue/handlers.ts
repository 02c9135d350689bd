import { submitApprovalRequest } from '../approvals/submit.js';
import { mergeBranchHandler } from './merge-handler.js';
import { pushOpsHandler } from './push-handler.js';
import { releaseWriteHandler } from './release-handler.js';
import { resolveConflictHandler } from './resolve-handler.js';
import type { QueueHandlers } from './types.js';

/**
 * One handler per entry type. Helpers adding a type add ONE line here (see
 * /work/team/queue-api.md). A type without a handler waits, pending.
 */
export const QUEUE_HANDLERS: QueueHandlers = {
  push_ops: pushOpsHandler,
  merge_branch: mergeBranchHandler,
  resolve_conflict: resolveConflictHandler,
  submit_approval_request: submitApprovalRequest,
  release_write: releaseWriteHandler,
};

export { ApprovalService, type ApprovalServiceDeps } from './service.js';
export { pullApprovalRecords } from './pull.js';
export { queueSubmission, submitApprovalRequest, type ApprovalContext } from './submit.js';

import type { ApprovalContext } from './submit.js';
import { pullApprovalRecords } from './pull.js';

/**
 * The engine's approvals step: pull request changes (submissions travel
 * through the queue runner, handler `submit_approval_request`).
 */
export async function syncApprovals(ctx: ApprovalContext): Promise<void> {
  if (ctx.approvals) await pullApprovalRecords(ctx, ctx.approvals);
}

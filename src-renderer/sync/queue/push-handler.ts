import { failedOps } from '../failed-ops.js';
import { pushBranch } from '../push.js';
import { payloadOf, PushOpsPayloadSchema } from './payloads.js';
import { clearRefusals } from './push-entries.js';
import { QueueEntryRefused, type QueueHandler } from './types.js';

/**
 * push_ops. A branch entry sends the branch's unacknowledged ops in batches
 * (push.ts records each batch's acks before the next, so a push cut off half
 * way resumes without re-sending acknowledged ops). A refused-op entry asks
 * the server again; refused again, it fails again with the new message.
 */
export const pushOpsHandler: QueueHandler = async (ctx, entry) => {
  const { branchId, opIds } = payloadOf(PushOpsPayloadSchema, entry);
  if (opIds) await clearRefusals(ctx.db, opIds);
  const pushed = await pushBranch(ctx, branchId);
  ctx.countPushed(branchId, pushed);
  if (!opIds) return;
  const failed = await failedOps(ctx.db);
  const still = opIds.filter((id) => id in failed);
  if (still.length > 0)
    throw new QueueEntryRefused(failed[still[0] as string] ?? 'The server refused this op');
};

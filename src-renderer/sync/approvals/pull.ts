import { mergeServer } from '../../../src-shared/approvals/index.js';
import { MAX_PULL_LIMIT } from '../../../src-shared/sync-protocol/index.js';
import type { ApprovalsApi } from '../../../src-shared/sync/approvals-api.js';
import type { SyncContext } from '../context.js';
import { approvalKeys } from './keys.js';

/**
 * Pulls approval request changes (the caller's own and those in namespaces
 * they own) from their own checkpoint, saving it after each stored page.
 * Returns how many requests changed here.
 */
export async function pullApprovalRecords(ctx: SyncContext, api: ApprovalsApi): Promise<number> {
  let since = (await ctx.db.meta.get<number>(approvalKeys.checkpoint)) ?? 0;
  let changed = 0;
  for (;;) {
    const page = await api.pullApprovals({ since, limit: MAX_PULL_LIMIT });
    for (const server of page.requests) {
      const local = await ctx.db.approvals.get(server.id);
      if (local?.server?.changeSeq === server.changeSeq) continue;
      await ctx.db.approvals.upsert(mergeServer(local, server, ctx.now()));
      changed += 1;
    }
    since = page.checkpoint;
    await ctx.db.meta.set(approvalKeys.checkpoint, since);
    if (!page.hasMore) return changed;
  }
}

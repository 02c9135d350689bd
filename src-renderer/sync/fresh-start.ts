import { MAIN_BRANCH } from '../../src-shared/model/index.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';
import type { SyncContext } from './context.js';
import { forEachPageGroup, lastOf } from './pages.js';
import { storeHistoryPages, storeServerOps } from './pull.js';
import { withoutEvictedHistory } from '../storage/history-marks.js';

/** True for a client that never pulled main and holds no ops: it should start from heads. */
export async function needsFreshStart(ctx: SyncContext): Promise<boolean> {
  const checkpoint = await ctx.db.meta.get<number>(syncKeys.opsCheckpoint(MAIN_BRANCH));
  return checkpoint === undefined && (await ctx.db.ops.isEmpty());
}

/**
 * Heads first: every item's current head ops, page by page, so the
 * workspace lists every item (and can edit it) long before the full history
 * is here. The checkpoint of the FIRST page becomes the pull checkpoint, so
 * changes made while the pages were read arrive through the next pull. The
 * history behind is then filled up to that checkpoint (see fillHistory).
 */
export async function pullHeads(ctx: SyncContext): Promise<number> {
  let first: number | null = null;
  let stored = 0;
  ctx.progress({ phase: 'heads', branchId: MAIN_BRANCH, done: 0, total: null });
  const fetchAt = (cursor?: string) =>
    ctx.remote.heads({ branch: MAIN_BRANCH, cursor, limit: MAX_PULL_LIMIT });
  await forEachPageGroup(
    fetchAt(),
    (page) => (page.nextCursor ? fetchAt(page.nextCursor) : null),
    (page) => page.ops.length,
    async (pages) => {
      first ??= pages[0]?.checkpoint ?? null;
      stored += await storeServerOps(
        ctx,
        pages.flatMap((page) => page.ops),
      );
      ctx.progress({ phase: 'heads', branchId: MAIN_BRANCH, done: stored, total: null });
    },
  );
  await ctx.db.meta.set(syncKeys.historyCheckpoint(MAIN_BRANCH), { since: 0, until: first ?? 0 });
  await ctx.db.meta.set(syncKeys.opsCheckpoint(MAIN_BRANCH), first ?? 0);
  return stored;
}

interface HistoryFill {
  since: number;
  until: number;
}

/** True while history behind a heads-first start is still missing. */
export async function historyPending(ctx: SyncContext): Promise<boolean> {
  return (await ctx.db.meta.get<HistoryFill>(syncKeys.historyCheckpoint(MAIN_BRANCH))) !== undefined;
}

/**
 * Fills main's history from 0 up to the heads checkpoint into history pages
 * (one row per pulled page, not one per op), saving its own position after
 * each group so a restart continues where it stopped. Pages are idempotent
 * and an op the rows hold is left out, so overlapping with regular pulls is
 * harmless.
 */
export async function fillHistory(ctx: SyncContext, shouldStop: () => boolean): Promise<number> {
  const key = syncKeys.historyCheckpoint(MAIN_BRANCH);
  const fill = await ctx.db.meta.get<HistoryFill>(key);
  if (!fill) return 0;
  let since = fill.since;
  let stored = 0;
  const fetchFrom = (from: number) =>
    shouldStop() ? null : ctx.remote.pullOps({ branch: MAIN_BRANCH, since: from, limit: MAX_PULL_LIMIT });
  const firstPage = since < fill.until ? fetchFrom(since) : null;
  if (firstPage) {
    await forEachPageGroup(
      firstPage,
      (page) => (page.hasMore && page.checkpoint < fill.until ? fetchFrom(page.checkpoint) : null),
      (page) => page.ops.length,
      async (pages) => {
        // History evicted to free space is fetched again only when the item's history is opened.
        const kept = await Promise.all(pages.map((p) => withoutEvictedHistory(ctx.db.meta, p.ops)));
        stored += await storeHistoryPages(ctx, kept);
        const page = lastOf(pages);
        since = page.hasMore ? page.checkpoint : fill.until;
        await ctx.db.meta.set(key, { since, until: fill.until });
        ctx.progress({
          phase: 'history',
          branchId: MAIN_BRANCH,
          done: Math.min(since, fill.until),
          total: fill.until,
        });
      },
    );
  }
  if (since >= fill.until) await ctx.db.meta.set(key, undefined);
  return stored;
}

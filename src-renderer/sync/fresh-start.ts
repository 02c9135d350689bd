import { MAIN_BRANCH } from '../../src-shared/model/index.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';
import type { SyncContext } from './context.js';
import { forEachPageGroup, lastOf } from './pages.js';
import { storeHistoryPages, storeServerOps } from './pull.js';
import { withoutEvictedHistory } from '../storage/history-marks.js';
import {
  fillDone,
  fillRangesOf,
  splitFill,
  storedFill,
  type FillRange,
} from '../../src-shared/sync/history-fill.js';

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

/** How many walks fetch the history at once (each waits for its own pages in turn). */
export const FILL_WALKS = 3;

/** True while history behind a heads-first start is still missing. */
export async function historyPending(ctx: SyncContext): Promise<boolean> {
  return (await ctx.db.meta.get<unknown>(syncKeys.historyCheckpoint(MAIN_BRANCH))) !== undefined;
}

/**
 * Fills main's history from 0 up to the heads checkpoint into history pages
 * (one row per pulled page, not one per op). A page takes longer to come
 * back than to store, so the span is split into a few ranges of positions
 * walked at once (src-shared/sync/history-fill.ts); each saves its position
 * after each group of pages, so a restart continues where each stopped.
 * Ops past a range's end are its neighbour's (or, past the heads checkpoint,
 * the regular pull's). Pages are idempotent and an op the rows hold is left
 * out, so overlapping with regular pulls is harmless.
 */
export async function fillHistory(ctx: SyncContext, shouldStop: () => boolean): Promise<number> {
  const key = syncKeys.historyCheckpoint(MAIN_BRANCH);
  const stored = fillRangesOf(await ctx.db.meta.get<unknown>(key));
  if (!stored) return 0;
  const ranges = splitFill(stored, FILL_WALKS, MAX_PULL_LIMIT);
  const total = Math.max(0, ...ranges.map((range) => range.until));
  let saving = Promise.resolve();
  // Saves run one after another, each writing what all walks have done by then.
  const save = () => (saving = saving.then(() => ctx.db.meta.set(key, storedFill(ranges))));
  await save();
  let storedOps = 0;
  const walks = await Promise.allSettled(
    ranges.map((range) =>
      walkRange(ctx, range, shouldStop, async (count) => {
        storedOps += count;
        await save();
        ctx.progress({ phase: 'history', branchId: MAIN_BRANCH, done: fillDone(ranges, total), total });
      }),
    ),
  );
  await saving;
  const failed = walks.find((walk) => walk.status === 'rejected');
  if (failed) throw failed.reason;
  return storedOps;
}

/** Walks one range's pages, moving `range.since` after each stored group and telling `stored`. */
async function walkRange(
  ctx: SyncContext,
  range: FillRange,
  shouldStop: () => boolean,
  stored: (count: number) => Promise<void>,
): Promise<void> {
  const fetchFrom = (from: number) =>
    shouldStop() ? null : ctx.remote.pullOps({ branch: MAIN_BRANCH, since: from, limit: MAX_PULL_LIMIT });
  const first = range.since < range.until ? fetchFrom(range.since) : null;
  if (!first) return;
  await forEachPageGroup(
    first,
    (page) => (page.hasMore && page.checkpoint < range.until ? fetchFrom(page.checkpoint) : null),
    (page) => page.ops.length,
    async (pages) => {
      // History evicted to free space is fetched again only when the item's history is opened.
      const inRange = pages.map((page) => page.ops.filter((op) => op.changeSeq <= range.until));
      const kept = await Promise.all(inRange.map((ops) => withoutEvictedHistory(ctx.db.meta, ops)));
      const count = await storeHistoryPages(ctx, kept);
      const last = lastOf(pages);
      range.since = last.hasMore ? Math.min(last.checkpoint, range.until) : range.until;
      await stored(count);
    },
  );
}

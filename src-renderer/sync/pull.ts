import { MAIN_BRANCH, type Op } from '../../src-shared/model/index.js';
import type { ReceivedOps } from '../db/server-writes.js';
import { accessChange } from '../../src-shared/sync/branch-people.js';
import { receiveBranch } from '../../src-shared/sync/branch-records.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { branchPushKey } from '../../src-shared/sync/push-plan.js';
import { localOpOf } from '../../src-shared/sync/server-fields.js';
import { splitUnreadableOps, type UnreadableOp } from '../../src-shared/sync/unreadable-ops.js';
import { MAX_PULL_LIMIT, type ServerOp } from '../../src-shared/sync-protocol/index.js';
import type { SyncContext } from './context.js';
import { forEachPageGroup, lastOf } from './pages.js';
import type { SyncNotice } from './types.js';
import { logError } from '../log/report.js';

/**
 * Stores a page from the server; returns how many ops were new or changed
 * here. Ops this client cannot read are skipped and reported (logged, and a
 * notice for the person), so one bad op never stops the intake of the rest.
 */
export async function storeServerOps(ctx: SyncContext, page: readonly ServerOp[]): Promise<number> {
  const ops = readableOps(ctx, page);
  if (ops.length === 0) return 0;
  return countStored(await ctx.db.ops.receive(ops.map(localOpOf)));
}

/**
 * Stores pulled pages of the history behind a heads-first start, one history
 * page each (src-renderer/db/history-pages.ts), skipping unreadable ops as
 * storeServerOps does; returns how many ops were new here.
 */
export async function storeHistoryPages(
  ctx: SyncContext,
  pages: readonly (readonly ServerOp[])[],
): Promise<number> {
  const readable = pages.map((page) => readableOps(ctx, page).map(localOpOf));
  if (readable.every((ops) => ops.length === 0)) return 0;
  return countStored(await ctx.db.ops.receiveHistory(MAIN_BRANCH, readable));
}

function readableOps(ctx: SyncContext, page: readonly ServerOp[]): ServerOp[] {
  const { readable, unreadable } = splitUnreadableOps(page);
  if (unreadable.length > 0) reportUnreadable(ctx, unreadable);
  return readable;
}

function countStored(received: ReceivedOps): number {
  if (received.mismatched.length > 0) {
    // A different body under a known id is a bug or a forgery: keep ours, say so once per page.
    logError(`Sync ignored ${received.mismatched.length} server op(s) whose body differs from ours`);
  }
  return received.inserted.length + received.updated.length;
}

function reportUnreadable(ctx: SyncContext, unreadable: readonly UnreadableOp[]): void {
  const ids = unreadable.map((op) => op.id);
  console.error(`Sync skipped ${ids.length} server op(s) it cannot read: ${unreadable[0]?.problem}`, ids);
  ctx.notice?.({ id: 'unreadable-ops', kind: 'unreadable-ops', opIds: ids.slice(0, 20), count: ids.length });
}

/**
 * Pulls one branch's op changes from its checkpoint, page by page, saving
 * the checkpoint after each stored group of pages (a cut-off pull resumes
 * there).
 */
export async function pullBranchOps(ctx: SyncContext, branchId: string): Promise<number> {
  const key = syncKeys.opsCheckpoint(branchId);
  const since = (await ctx.db.meta.get<number>(key)) ?? 0;
  let pulled = 0;
  ctx.progress({ phase: 'pulling', branchId, done: 0, total: null });
  const fetchFrom = (from: number) =>
    ctx.remote.pullOps({ branch: branchId, since: from, limit: MAX_PULL_LIMIT });
  await forEachPageGroup(
    fetchFrom(since),
    (page) => (page.hasMore ? fetchFrom(page.checkpoint) : null),
    (page) => page.ops.length,
    async (pages) => {
      pulled += await storeServerOps(
        ctx,
        pages.flatMap((page) => page.ops),
      );
      await ctx.db.meta.set(key, lastOf(pages).checkpoint);
      ctx.progress({ phase: 'pulling', branchId, done: pulled, total: null });
    },
  );
  return pulled;
}

/** Counts what a pull would bring, reading pages without storing anything. */
export async function countPull(
  ctx: SyncContext,
  branchId: string,
  sampleSize = 20,
): Promise<{ count: number; sample: Op[] }> {
  let since = (await ctx.db.meta.get<number>(syncKeys.opsCheckpoint(branchId))) ?? 0;
  let count = 0;
  const sample: Op[] = [];
  for (;;) {
    const page = await ctx.remote.pullOps({ branch: branchId, since, limit: MAX_PULL_LIMIT });
    count += page.ops.length;
    for (const op of page.ops) if (sample.length < sampleSize) sample.push(localOpOf(op));
    since = page.checkpoint;
    if (!page.hasMore) return { count, sample };
  }
}

/**
 * Pulls branch records; returns notices for open local branches closed on the
 * server, and for branches their owner shared with this person or stopped sharing.
 */
export async function pullBranchRecords(ctx: SyncContext): Promise<SyncNotice[]> {
  let since = (await ctx.db.meta.get<number>(syncKeys.branchesCheckpoint)) ?? 0;
  const notices: SyncNotice[] = [];
  for (;;) {
    const page = await ctx.remote.pullBranches({ since, limit: MAX_PULL_LIMIT });
    for (const server of page.branches) {
      const local = await ctx.db.branches.get(server.id);
      const lastSent = await ctx.db.meta.get<unknown>(syncKeys.branchSent(server.id));
      const changed = local !== null && lastSent !== branchPushKey(local);
      const arrival = receiveBranch(local, server, changed);
      await ctx.db.branches.upsert(arrival.branch);
      if (!changed) await ctx.db.meta.set(syncKeys.branchSent(server.id), branchPushKey(arrival.branch));
      if (arrival.closedElsewhere) notices.push(closedNotice(arrival.branch, arrival.closedElsewhere));
      const access = accessChange(local, arrival.branch, ctx.identity.userName);
      if (access && arrival.branch.state === 'open') notices.push(accessNotice(arrival.branch, access));
    }
    since = page.checkpoint;
    await ctx.db.meta.set(syncKeys.branchesCheckpoint, since);
    if (!page.hasMore) return notices;
  }
}

function closedNotice(
  branch: { id: string; name: string; mergedBy?: string | null; mergedAt?: number | null; updatedAt: number },
  how: 'merged' | 'abandoned',
): SyncNotice {
  return {
    id: `${how}-${branch.id}`,
    kind: how === 'merged' ? 'branch-merged-elsewhere' : 'branch-abandoned-elsewhere',
    branchId: branch.id,
    branchName: branch.name,
    by: how === 'merged' ? (branch.mergedBy ?? null) : null,
    at: how === 'merged' ? (branch.mergedAt ?? null) : branch.updatedAt,
  };
}

/** One banner per branch: a later change of who may work on it replaces the earlier one. */
function accessNotice(
  branch: { id: string; name: string; createdBy: string },
  change: 'shared' | 'unshared',
): SyncNotice {
  return {
    id: `access-${branch.id}`,
    kind: change === 'shared' ? 'branch-shared-with-you' : 'branch-unshared-with-you',
    branchId: branch.id,
    branchName: branch.name,
    owner: branch.createdBy,
  };
}

/** Namespace owners (the server decides them; clients only pull). */
export async function pullNamespaceRecords(ctx: SyncContext): Promise<void> {
  let since = (await ctx.db.meta.get<number>(syncKeys.namespacesCheckpoint)) ?? 0;
  for (;;) {
    const page = await ctx.remote.pullNamespaces({ since, limit: MAX_PULL_LIMIT });
    for (const { changeSeq: _position, ...namespace } of page.namespaces) {
      await ctx.db.namespaces.upsert(namespace);
    }
    since = page.checkpoint;
    await ctx.db.meta.set(syncKeys.namespacesCheckpoint, since);
    if (!page.hasMore) return;
  }
}

import { isWithinNamespace, MAIN_BRANCH } from '../../src-shared/model/index.js';
import {
  createEvictionTrigger,
  evictable,
  planEviction,
  type CacheEntry,
  type EvictionLimits,
} from '../../src-shared/storage/eviction.js';
import { ValidationError } from '../../src-shared/errors.js';
import {
  type HistoryCache as HistoryCacheEntries,
  freeAllLimits,
  freedMessage,
  historyCacheEntries,
  pressureLimits,
} from '../../src-shared/storage/history-cache.js';
import { classifySyncError } from '../../src-shared/sync/errors.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import { localOpOf } from '../../src-shared/sync/server-fields.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';
import { MAIN_VIEW, viewOf } from '../../src-shared/view/branch-view.js';
import type { TetherDb } from '../db/index.js';
import type { Workspace } from '../workspace/index.js';
import {
  EVICTED_KEY,
  LAST_USED_KEY,
  readEvicted,
  readLastUsed,
  updateRecord,
  type EvictedMarks,
  type LastUsed,
} from './history-marks.js';
import type { StorageReading } from './quota.js';

export interface HistoryCacheOptions {
  db: TetherDb;
  workspace: Workspace;
  userName: string;
  /** The server, when one is configured: evicted history must be fetchable again. */
  remote: () => RemoteApi | null;
  /** Namespaces kept fully available offline (travel mode's choice): never evicted. */
  pinned: () => readonly string[];
  now?: () => number;
  /** Storage pressure runs eviction at most this often. */
  minIntervalMs?: number;
  /**
   * Whether storage pressure may evict here: only the tab that leads the
   * profile does (they share one database). Asked evictions run in any tab.
   */
  evictsOnItsOwn?: () => boolean;
}

export interface EvictionOutcome {
  items: number;
  freedBytes: number;
  /** Still above the storage budget: what is left must stay. */
  stillOver: boolean;
  message: string;
}

/** 'offline': the server did not answer; the history view says so and offers a retry. */
export type HistoryFetch = 'fetched' | 'offline' | 'not-evicted';

const LAST_USED_FLUSH_MS = 2_000;

/**
 * Storage limits, carried out: removes the history of items least recently
 * used (only synced ops by others, outside the namespaces kept offline, never
 * a current head) when storage is under pressure or the user asks, and
 * fetches an item's history back when it is opened. Items stay listed and
 * editable throughout: an evicted item is in the fresh client's heads-only
 * state, with a durable mark so the background history fill skips it.
 */
export class HistoryCache {
  private marks: EvictedMarks = {};
  private lastUsed: LastUsed = {};
  private dirtyUse = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly fetching = new Map<string, Promise<HistoryFetch>>();
  private latestReading: StorageReading | null = null;
  private readonly trigger: (underPressure: boolean) => Promise<boolean>;

  private constructor(private readonly opts: HistoryCacheOptions) {
    this.trigger = createEvictionTrigger({
      minIntervalMs: opts.minIntervalMs ?? 10 * 60_000,
      now: this.now,
      run: () => this.relievePressure(),
    });
  }

  static async open(opts: HistoryCacheOptions): Promise<HistoryCache> {
    const cache = new HistoryCache(opts);
    cache.marks = await readEvicted(opts.db.meta);
    cache.lastUsed = await readLastUsed(opts.db.meta);
    return cache;
  }

  isEvicted(itemId: string): boolean {
    return this.marks[itemId] !== undefined;
  }

  get evictedCount(): number {
    return Object.keys(this.marks).length;
  }

  /** Items whose older history is not on this computer now. */
  evictedItemIds(): string[] {
    return Object.keys(this.marks);
  }

  /**
   * Fetches back the evicted history of every item within these namespaces
   * (before travel mode keeps them offline). False when any could not be fetched.
   */
  async fetchWithin(namespaces: readonly string[]): Promise<boolean> {
    let complete = true;
    for (const itemId of this.evictedItemIds()) {
      const path = this.opts.workspace.item(itemId)?.path;
      if (!path || !namespaces.some((ns) => isWithinNamespace(path, ns))) continue;
      if ((await this.fetchHistory(itemId)) === 'offline') complete = false;
    }
    return complete;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The item was opened, viewed or edited: it goes last. Saved in the background. */
  touch(itemId: string): void {
    this.lastUsed[itemId] = this.now();
    this.dirtyUse = true;
    this.flushTimer ??= setTimeout(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
  }

  /** A storage reading (quota.ts): under pressure, the bounded trigger runs eviction. */
  onStorageReading(reading: StorageReading | null): Promise<boolean> {
    this.latestReading = reading;
    if (this.opts.evictsOnItsOwn?.() === false) return Promise.resolve(false);
    return this.trigger(reading?.warn ?? false);
  }

  /** Another tab of the profile evicted or fetched back: its marks are in the database. */
  async reloadMarks(): Promise<void> {
    const marks = await readEvicted(this.opts.db.meta);
    if (JSON.stringify(marks) === JSON.stringify(this.marks)) return;
    this.marks = marks;
    this.changed();
  }

  /** "Free up space": every evictable history, least recently used first (bounded per run). */
  freeUpSpace(alsoKeep: readonly string[] = []): Promise<EvictionOutcome> {
    return this.evict((pinned) => freeAllLimits([...pinned, ...alsoKeep]));
  }

  /**
   * Evicts the history of these items now, all or none: an item kept offline
   * for travel, in conflict, with unsent work, or with no history that may go
   * is refused with the reason, and nothing is removed.
   */
  evictItems(itemIds: readonly string[]): Promise<EvictionOutcome> {
    return this.evict((pinned, _bytes, cache) => {
      for (const id of itemIds) refuseUnlessEvictable(id, cache.entries, pinned, this.opts.workspace);
      return { budgetBytes: 1, targetRatio: 0, maxEntries: itemIds.length, pinned, only: new Set(itemIds) };
    });
  }

  /** Brings an evicted item's history back from the server, then clears its mark. */
  fetchHistory(itemId: string): Promise<HistoryFetch> {
    const running = this.fetching.get(itemId);
    if (running) return running;
    const run = this.fetchNow(itemId).finally(() => this.fetching.delete(itemId));
    this.fetching.set(itemId, run);
    return run;
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flushLastUsed();
    this.listeners.clear();
  }

  // ---- internals ----

  private readonly now = (): number => (this.opts.now ?? Date.now)();

  private relievePressure(): Promise<EvictionOutcome> {
    const reading = this.latestReading;
    return this.evict((pinned, historyBytes) =>
      reading ? pressureLimits(reading, historyBytes, pinned) : null,
    );
  }

  private async evict(
    limitsFor: (
      pinned: readonly string[],
      historyBytes: number,
      cache: HistoryCacheEntries,
    ) => (EvictionLimits & { only?: ReadonlySet<string> }) | null,
  ): Promise<EvictionOutcome> {
    const nothing = { items: 0, freedBytes: 0, stillOver: false, message: freedMessage(0, 0) };
    // Without a server, evicted history could never come back.
    if (!this.opts.remote())
      return {
        ...nothing,
        message: 'Nothing was freed: history can be removed only while a server is set up to fetch it back.',
      };
    await this.flushLastUsed();
    const cache = historyCacheEntries({
      ops: await this.opts.db.ops.all(),
      userName: this.opts.userName,
      views: this.openViews(),
      lastUsed: this.lastUsed,
    });
    const historyBytes = cache.entries.reduce((sum, e) => sum + e.bytes, 0);
    const limits = limitsFor(this.opts.pinned(), historyBytes, cache);
    if (!limits) return nothing;
    const only = limits.only;
    const plan = planEviction(only ? cache.entries.filter((e) => only.has(e.id)) : cache.entries, limits);
    if (plan.evict.length === 0) return { ...nothing, stillOver: plan.stillOver };
    // Marked first: a crash in between leaves a mark on history still here, which a fetch simply refills.
    const at = this.now();
    await this.mark(
      plan.evict.map((id) => [id, cache.branches.get(id) ?? [MAIN_BRANCH]]),
      at,
    );
    try {
      await this.opts.workspace.evictOps(plan.evict.flatMap((id) => cache.opIds.get(id) ?? []));
    } catch (error) {
      await this.unmark(plan.evict);
      throw error;
    }
    const items = plan.evict.length;
    return {
      items,
      freedBytes: plan.freedBytes,
      stillOver: plan.stillOver,
      message: freedMessage(plan.freedBytes, items),
    };
  }

  private async fetchNow(itemId: string): Promise<HistoryFetch> {
    const mark = this.marks[itemId];
    if (!mark) return 'not-evicted';
    const remote = this.opts.remote();
    if (!remote) return 'offline';
    try {
      for (const branch of mark.branches) await this.fetchBranch(remote, itemId, branch);
    } catch (error) {
      if (classifySyncError(error).kind === 'offline') return 'offline';
      throw error;
    }
    await this.unmark([itemId]);
    return 'fetched';
  }

  private async fetchBranch(remote: RemoteApi, item: string, branch: string): Promise<void> {
    let since = 0;
    for (;;) {
      const page = await remote.itemHistory({ branch, item, since, limit: MAX_PULL_LIMIT });
      // Through the op store's change stream the workspace takes them in like any pulled op.
      await this.opts.db.ops.receive(page.ops.map(localOpOf));
      if (!page.hasMore) return;
      since = page.checkpoint;
    }
  }

  private openViews() {
    const open = this.opts.workspace.getSnapshot().branches.filter((b) => b.state === 'open');
    return [MAIN_VIEW, ...open.map((b) => viewOf(b))];
  }

  private async mark(items: [string, string[]][], at: number): Promise<void> {
    this.marks = await updateRecord<EvictedMarks>(this.opts.db.meta, EVICTED_KEY, (marks) => {
      for (const [id, branches] of items) {
        const before = marks[id]?.branches ?? [];
        marks[id] = { branches: [...new Set([...before, ...branches])].sort(), at };
      }
      return marks;
    });
    this.changed();
  }

  private async unmark(itemIds: readonly string[]): Promise<void> {
    this.marks = await updateRecord<EvictedMarks>(this.opts.db.meta, EVICTED_KEY, (marks) => {
      for (const id of itemIds) delete marks[id];
      return marks;
    });
    this.changed();
  }

  private async flushLastUsed(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.dirtyUse) return;
    this.dirtyUse = false;
    const seen = { ...this.lastUsed };
    await updateRecord<LastUsed>(this.opts.db.meta, LAST_USED_KEY, (saved) => ({ ...saved, ...seen }));
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Throws, naming the item and the reason, when its history may not be evicted. */
function refuseUnlessEvictable(
  itemId: string,
  entries: readonly CacheEntry[],
  pinned: readonly string[],
  workspace: Workspace,
): void {
  const entry = entries.find((e) => e.id === itemId);
  const name = workspace.item(itemId)?.path ?? itemId;
  if (!entry) {
    throw new ValidationError(
      `"${name}" has no history that may be removed: it is your own or unsent work, in conflict, on an open branch, or already removed. Nothing was removed.`,
      'itemIds',
    );
  }
  if (!evictable(entry, pinned)) {
    throw new ValidationError(
      `"${name}" is in a namespace kept available offline for travel; its history stays. Nothing was removed.`,
      'itemIds',
    );
  }
}

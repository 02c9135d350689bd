import { splitPath, type Op } from '../model/index.js';
import { groupOpsByItem } from '../dag/group.js';
import { isVisibleInView, type ViewSpec } from '../view/branch-view.js';
import type { CacheEntry, EvictionLimits } from './eviction.js';

/**
 * What eviction removes: an item's HISTORY — its ops that no view needs as a
 * current head — never the heads themselves, so every item stays listed and
 * editable (the state a fresh client has before its history fills in).
 * One cache entry per item; its ops are only those the rule allows to go:
 * acknowledged by the server and written by someone else.
 */
export interface HistoryCacheInput {
  /** Every op held locally. */
  ops: Iterable<Op>;
  /** This user: their own ops never go. */
  userName: string;
  /** Main plus every open branch: each one's current heads stay. */
  views: readonly ViewSpec[];
  /** When the user last opened, viewed or edited each item (ms); absent: never. */
  lastUsed: Readonly<Record<string, number>>;
}

export interface HistoryCache {
  entries: CacheEntry[];
  /** The op ids each entry (item id) would remove. */
  opIds: Map<string, string[]>;
  /** The branches of those ops, per item: where to fetch them back from. */
  branches: Map<string, string[]>;
}

/** What one op costs on disk, roughly: its JSON (the database's own overhead scales with it). */
export function opBytes(op: Op): number {
  return JSON.stringify(op).length;
}

export function historyCacheEntries(input: HistoryCacheInput): HistoryCache {
  const cache: HistoryCache = { entries: [], opIds: new Map(), branches: new Map() };
  for (const [itemId, ops] of groupOpsByItem(input.ops)) {
    const keep = neededOps(ops, input.views);
    if (keep === null) continue; // in conflict, on an open branch, or with unsent work: all stays
    const going = ops.filter(
      (op) => !keep.has(op.id) && op.serverSeq != null && op.author !== input.userName,
    );
    const head = ops.find((op) => keep.has(op.id));
    if (going.length === 0 || !head) continue;
    cache.entries.push({
      id: itemId,
      namespace: splitPath(head.path).namespace,
      bytes: going.reduce((sum, op) => sum + opBytes(op), 0),
      lastUsedAt: input.lastUsed[itemId] ?? 0,
      synced: true,
      own: false,
    });
    cache.opIds.set(
      itemId,
      going.map((op) => op.id),
    );
    cache.branches.set(itemId, [...new Set(going.map((op) => op.branchId))].sort());
  }
  return cache;
}

/**
 * The ops of one item that must stay: each view's heads. Null when the item
 * must stay whole: a conflict (its resolver needs the base), work on an open
 * branch (a merge needs the common ancestor), or ops not sent yet (a queued
 * resolution names the heads it saw).
 */
function neededOps(ops: readonly Op[], views: readonly ViewSpec[]): Set<string> | null {
  if (ops.some((op) => op.serverSeq == null)) return null;
  if (ops.some((op) => op.branchId !== 'main' && views.some((v) => v.branchId === op.branchId))) return null;
  const keep = new Set<string>();
  for (const view of views) {
    const visible = ops.filter((op) => isVisibleInView(op, view));
    const named = new Set(visible.flatMap((op) => op.parents));
    const heads = visible.filter((op) => !named.has(op.id));
    if (heads.length > 1) return null;
    for (const op of heads) keep.add(op.id);
  }
  return keep;
}

/** Below this share of the quota, storage is comfortable again (the warning comes at 85 %). */
export const RELIEF_RATIO = 0.75;

/**
 * Limits for planEviction under storage pressure: free enough evictable
 * history to bring usage down to RELIEF_RATIO of the quota. Null when usage is
 * already below it. The plan's budget counts only evictable history bytes.
 */
export function pressureLimits(
  reading: { usedBytes: number; quotaBytes: number },
  historyBytes: number,
  pinned: readonly string[],
): EvictionLimits | null {
  const excess = reading.usedBytes - reading.quotaBytes * RELIEF_RATIO;
  if (!(excess > 0) || historyBytes <= 0) return null;
  return { budgetBytes: Math.max(1, historyBytes - excess), targetRatio: 1, pinned };
}

/** "Free up space", asked for by the user: every evictable history, least recently used first (bounded). */
export function freeAllLimits(pinned: readonly string[]): EvictionLimits {
  return { budgetBytes: 1, targetRatio: 0, pinned };
}

/** What the user reads after a run. */
export function freedMessage(freedBytes: number, items: number): string {
  if (items === 0) {
    return 'Nothing to free: the history here is your own, not synced yet, kept for travel, or in use.';
  }
  const mb = freedBytes / 1_048_576;
  const amount = mb >= 0.1 ? mb.toFixed(1) : '< 0.1';
  return `Freed ${amount} MB from the history of ${items} item${items === 1 ? '' : 's'}. It downloads again when you open it.`;
}

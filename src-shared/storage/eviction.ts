/**
 * Storage limits: what may leave the local cache when space runs short.
 * Only cached data may go — synced, written by someone else, and not in a
 * namespace the user chose to keep offline — least recently used first.
 * Unsynced work and the user's own work are never candidates.
 */
export interface CacheEntry {
  id: string;
  /** The namespace it belongs to (pinned namespaces are never evicted). */
  namespace: string;
  bytes: number;
  lastUsedAt: number;
  /** The server acknowledged it. */
  synced: boolean;
  /** Written by this user (on any machine). */
  own: boolean;
}

export interface EvictionLimits {
  /** Above this many bytes in use, eviction starts. */
  budgetBytes: number;
  /** Evict down to this fraction of the budget, so the next write does not trigger another run. */
  targetRatio?: number;
  /** Bounded: at most this many entries per run. */
  maxEntries?: number;
  /** Namespaces kept fully available offline (and their children). */
  pinned?: readonly string[];
}

export interface EvictionPlan {
  evict: string[];
  freedBytes: number;
  usedBytes: number;
  /** Still above the budget after the plan: the rest is work that must stay; the user is warned. */
  stillOver: boolean;
}

const inNamespace = (ns: string, pin: string) => ns === pin || ns.startsWith(`${pin}.`);

export function evictable(entry: CacheEntry, pinned: readonly string[]): boolean {
  return entry.synced && !entry.own && !pinned.some((pin) => inNamespace(entry.namespace, pin));
}

export function planEviction(entries: readonly CacheEntry[], limits: EvictionLimits): EvictionPlan {
  if (!(limits.budgetBytes > 0))
    throw new RangeError('The storage budget must be a positive number of bytes');
  const used = entries.reduce((sum, e) => sum + e.bytes, 0);
  const target = limits.budgetBytes * (limits.targetRatio ?? 0.9);
  const plan: EvictionPlan = { evict: [], freedBytes: 0, usedBytes: used, stillOver: false };
  if (used <= limits.budgetBytes) return plan;
  const max = limits.maxEntries ?? 500;
  const candidates = entries
    .filter((e) => evictable(e, limits.pinned ?? []))
    .sort((a, b) => a.lastUsedAt - b.lastUsedAt || a.id.localeCompare(b.id));
  for (const entry of candidates) {
    if (used - plan.freedBytes <= target || plan.evict.length >= max) break;
    plan.evict.push(entry.id);
    plan.freedBytes += entry.bytes;
  }
  plan.stillOver = used - plan.freedBytes > limits.budgetBytes;
  return plan;
}

/** When to warn about space: the share of the quota in use, from navigator.storage.estimate(). */
export const STORAGE_WARN_RATIO = 0.85;

export interface StorageEstimate {
  usage?: number;
  quota?: number;
}

/** "nearly full" before writes start failing; null when the browser will not say. */
export function storagePressure(estimate: StorageEstimate): { ratio: number; warn: boolean } | null {
  const { usage, quota } = estimate;
  if (usage === undefined || quota === undefined || quota <= 0) return null;
  const ratio = usage / quota;
  return { ratio, warn: ratio >= STORAGE_WARN_RATIO };
}

/**
 * Bounded trigger: runs the eviction at most once per `minIntervalMs`, and
 * only when storage is under pressure; a run in flight is never doubled.
 */
export function createEvictionTrigger(opts: {
  minIntervalMs: number;
  now: () => number;
  run: () => Promise<unknown>;
}): (underPressure: boolean) => Promise<boolean> {
  let lastRun = -Infinity;
  let running = false;
  return async (underPressure) => {
    if (!underPressure || running || opts.now() - lastRun < opts.minIntervalMs) return false;
    running = true;
    lastRun = opts.now();
    try {
      await opts.run();
    } finally {
      running = false;
    }
    return true;
  };
}

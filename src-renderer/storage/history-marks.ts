import type { ServerOp } from '../../src-shared/sync-protocol/index.js';
import type { MetaStore } from '../db/index.js';

/**
 * Two small records in the meta store (not the op schema): which items had
 * their history evicted (so the background history fill skips them and the
 * history view fetches them on demand), and when each item was last used
 * (least recently used goes first).
 */
export const EVICTED_KEY = 'storage.historyEvicted';
export const LAST_USED_KEY = 'storage.itemLastUsed';

/** Per item: the branches whose history was removed, and when. */
export type EvictedMarks = Record<string, { branches: string[]; at: number }>;
export type LastUsed = Record<string, number>;

const chains = new WeakMap<MetaStore, Promise<unknown>>();

/** Read-modify-write of one record, one at a time per database (two runs never lose each other's change). */
export function updateRecord<T extends object>(
  meta: MetaStore,
  key: string,
  change: (value: T) => T,
): Promise<T> {
  const previous = chains.get(meta) ?? Promise.resolve();
  const next = previous.then(async () => {
    const value = change({ ...((await meta.get<T>(key)) ?? ({} as T)) });
    await meta.set(key, Object.keys(value).length === 0 ? undefined : value);
    return value;
  });
  chains.set(
    meta,
    next.catch(() => undefined),
  );
  return next;
}

export async function readEvicted(meta: MetaStore): Promise<EvictedMarks> {
  return (await meta.get<EvictedMarks>(EVICTED_KEY)) ?? {};
}

export async function readLastUsed(meta: MetaStore): Promise<LastUsed> {
  return (await meta.get<LastUsed>(LAST_USED_KEY)) ?? {};
}

/**
 * The background history fill (fresh-start.ts) stores a page without the
 * ops of items whose history was evicted: they come back only when asked for.
 */
export async function withoutEvictedHistory(meta: MetaStore, ops: readonly ServerOp[]): Promise<ServerOp[]> {
  const marks = await readEvicted(meta);
  return ops.filter((op) => marks[op.itemId] === undefined);
}

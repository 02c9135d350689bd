import type { Observable } from 'rxjs';

/** What the cache watches: any RxDB collection. */
interface Watched {
  eventBulks$: Observable<unknown>;
}

export interface ReadCache<T> {
  /** The cached result, or a fresh read when anything was written since. */
  get(): Promise<T>;
  /** Forgets the result (every write path of the store calls this). */
  invalidate(): void;
  /**
   * Runs a wider read (the whole op log) and keeps `derive` of its result as
   * the cached one, unless something was written while it ran or a result of
   * the same generation is already held. Returns the wider read's result.
   */
  alongside<R>(read: () => Promise<R>, derive: (result: R) => T): Promise<R>;
  stop(): void;
}

/**
 * One read reused until something writes. A sync reads the unacknowledged
 * ops several times (the outbox derives its entries from them, each branch's
 * push plans from them, the preview lists them): after a large offline
 * session that is a hundred thousand rows each time, for the same answer.
 *
 * The workspace reads the whole op log when it opens, just before the sync
 * engine's first run asks for the unacknowledged ops: `alongside` lets that
 * one read answer both.
 *
 * Any write to the watched collections, from this tab or another, forgets
 * the result; a read that was in flight while a write happened is returned
 * to its caller but not kept, so a cached answer is never older than the
 * last write.
 */
export function createReadCache<T>(read: () => Promise<T>, watched: readonly Watched[]): ReadCache<T> {
  let generation = 0;
  let cached: { generation: number; value: Promise<T> } | null = null;
  const invalidate = () => {
    generation += 1;
    cached = null;
  };
  const subscriptions = watched.map((collection) => collection.eventBulks$.subscribe(invalidate));
  return {
    get: () => {
      if (cached && cached.generation === generation) return cached.value;
      const started = generation;
      const value = read();
      cached = { generation: started, value };
      value.then(
        () => {
          if (generation !== started && cached?.value === value) cached = null;
        },
        () => {
          if (cached?.value === value) cached = null;
        },
      );
      return value;
    },
    invalidate,
    alongside: async (wider, derive) => {
      const started = generation;
      const result = await wider();
      if (generation === started && cached?.generation !== started) {
        cached = { generation: started, value: Promise.resolve(derive(result)) };
      }
      return result;
    },
    stop: () => subscriptions.forEach((s) => s.unsubscribe()),
  };
}

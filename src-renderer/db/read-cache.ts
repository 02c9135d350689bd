import type { Observable } from 'rxjs';

/** What the cache watches: any RxDB collection. */
interface Watched {
  eventBulks$: Observable<unknown>;
}

/** Which write events the cache leaves to its owner (who patches or invalidates it after its own writes). */
export type OwnWrite = (bulk: unknown) => boolean;

export interface ReadCache<T> {
  /** The cached result, or a fresh read when anything was written since. */
  get(): Promise<T>;
  /** Forgets the result (every write path of the store calls this). */
  invalidate(): void;
  /**
   * Brings the cached result up to date with a write its owner just made,
   * without reading again; forgets it instead when no settled result is held
   * (a read in flight may or may not have seen the write).
   */
  patch(update: (value: T) => T): void;
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
 * A write to the watched collections forgets the result, except those the
 * owner names as its own (`ownWrite`): the owner patches the result after
 * each of those, or forgets it. A push records a thousand acks every few
 * tenths of a second, and the outbox view asks again after each: re-reading
 * a hundred thousand unsent rows each time cost more than the push itself.
 * A read that was in flight while a write happened is returned to its
 * caller but not kept, so a cached answer is never older than the last write.
 */
export function createReadCache<T>(
  read: () => Promise<T>,
  watched: readonly Watched[],
  ownWrite: OwnWrite = () => false,
): ReadCache<T> {
  let generation = 0;
  let cached: { generation: number; value: Promise<T>; settled?: { value: T } } | null = null;
  const invalidate = () => {
    generation += 1;
    cached = null;
  };
  const subscriptions = watched.map((collection) =>
    collection.eventBulks$.subscribe((bulk) => {
      if (!ownWrite(bulk)) invalidate();
    }),
  );
  return {
    get: () => {
      if (cached && cached.generation === generation) return cached.value;
      const started = generation;
      const value = read();
      const entry: NonNullable<typeof cached> = { generation: started, value };
      cached = entry;
      value.then(
        (result) => {
          if (generation !== started && cached?.value === value) cached = null;
          else entry.settled = { value: result };
        },
        () => {
          if (cached?.value === value) cached = null;
        },
      );
      return value;
    },
    invalidate,
    patch: (update) => {
      if (!cached?.settled || cached.generation !== generation) return invalidate();
      const value = update(cached.settled.value);
      cached = { generation, value: Promise.resolve(value), settled: { value } };
    },
    alongside: async (wider, derive) => {
      const started = generation;
      const result = await wider();
      if (generation === started && cached?.generation !== started) {
        const value = derive(result);
        cached = { generation: started, value: Promise.resolve(value), settled: { value } };
      }
      return result;
    },
    stop: () => subscriptions.forEach((s) => s.unsubscribe()),
  };
}

import type { RxCollection } from 'rxdb';

/** The part of a Dexie table this module uses. */
interface DexieTable {
  toArray(): Promise<unknown[]>;
  where(index: string): {
    between(
      lower: unknown,
      upper: unknown,
      includeLower: boolean,
      includeUpper: boolean,
    ): {
      toArray(): Promise<unknown[]>;
      primaryKeys(): Promise<unknown[]>;
    };
  };
}

/** One field of an RxDB index (with `_deleted` before it and the primary key after it). */
export interface RowFilter {
  field: string;
  value: string | number;
}

// IndexedDB key order: numbers < ... < strings < arrays, so these bracket any primary key.
const MIN_KEY = -Infinity;
const MAX_KEY = [[]];
/** RxDB's Dexie storage stores the boolean `_deleted` as '0' / '1' so it can be indexed. */
const LIVE = '0';

/**
 * Reads the live rows of a collection, all or those with one indexed field
 * equal to a value, with one IndexedDB getAll on the Dexie table RxDB writes.
 *
 * Why not an RxDB query: it walks an IndexedDB cursor one row at a time and
 * wraps each row in a cached RxDocument. Loading the whole op log at start-up
 * that way costs seconds in Chromium, and fake-indexeddb's cursors are
 * quadratic (8,000 rows took a minute here). The storage internals are not a
 * stable RxDB API, so their shape is checked and an RxDB query is the
 * fallback; a test asserts the fast path is taken, so an RxDB upgrade that
 * changes them shows up as a failing test rather than a slow start.
 */
export async function readLiveRows<Doc>(
  collection: RxCollection<Doc>,
  filter?: RowFilter,
): Promise<unknown[]> {
  const table = await dexieTableOf(collection);
  if (!table) return readWithQuery(collection, filter);
  if (!filter) return (await table.toArray()).filter(isLiveRow);
  const index = `[_deleted+${filter.field}+${collection.schema.primaryPath}]`;
  return table
    .where(index)
    .between([LIVE, filter.value, MIN_KEY], [LIVE, filter.value, MAX_KEY], true, true)
    .toArray();
}

/**
 * The primary keys of a collection's live rows, read from RxDB's
 * `[_deleted+primary key]` index without a row: one request where looking
 * ids up one by one costs one each. Null when the storage is not the Dexie
 * one we know.
 */
export async function liveRowKeys<Doc>(collection: RxCollection<Doc>): Promise<Set<string> | null> {
  const table = await dexieTableOf(collection);
  if (!table) return null;
  const index = `[_deleted+${collection.schema.primaryPath}]`;
  const keys = await table.where(index).between([LIVE, MIN_KEY], [LIVE, MAX_KEY], true, true).primaryKeys();
  return new Set(keys.map(String));
}

/** The Dexie table under an RxDB collection, or null when the storage is not the Dexie one we know. */
export async function dexieTableOf<Doc>(collection: RxCollection<Doc>): Promise<DexieTable | null> {
  const internals: unknown = await (collection.storageInstance.internals as unknown);
  if (typeof internals !== 'object' || internals === null) return null;
  const table = (internals as { dexieTable?: Partial<DexieTable> }).dexieTable;
  const usable = table && typeof table.toArray === 'function' && typeof table.where === 'function';
  return usable ? (table as DexieTable) : null;
}

/**
 * Deletes the tombstones RxDB keeps for just these removed rows (a tombstone
 * keeps the whole row); other storages fall back to RxDB's cleanup of all of them.
 */
export async function purgeTombstones<Doc>(collection: RxCollection<Doc>, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const table = (await dexieTableOf(collection)) as { bulkDelete?: (keys: string[]) => Promise<void> } | null;
  if (table && typeof table.bulkDelete === 'function') await table.bulkDelete(ids);
  else await collection.storageInstance.cleanup(0);
}

/** False for a row RxDB's Dexie storage keeps as removed (`_deleted` stored as '1'). */
export function isLiveRow(row: unknown): boolean {
  return (row as { _deleted?: unknown } | null | undefined)?._deleted !== '1';
}

async function readWithQuery<Doc>(collection: RxCollection<Doc>, filter?: RowFilter): Promise<unknown[]> {
  const selector = filter ? { [filter.field]: filter.value } : {};
  const docs = await collection.find({ selector } as never).exec();
  return docs.map((doc) => doc.toJSON());
}

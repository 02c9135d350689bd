import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { containStorageNotice } from './notice.js';

export interface StorageOptions {
  /** An IndexedDB implementation; the browser's own when omitted (fake-indexeddb in Node tests). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/**
 * The Dexie storage with strict durability. IndexedDB's default lets the
 * browser report a write as done before it reached the disk; the op log sits
 * behind the "saved" indicator, so every transaction waits for the flush.
 * RxDB passes these settings straight to `new Dexie(name, options)`, whose
 * `chromeTransactionDurability` becomes the IDBTransaction `durability`.
 * The setting is per storage (one storage per RxDB database), so the small
 * collections are strict too; they are written rarely.
 */
export function createTetherStorage(opts: StorageOptions = {}): RxStorage<unknown, unknown> {
  containStorageNotice();
  return getRxStorageDexie({
    ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
    ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
    chromeTransactionDurability: 'strict',
  }) as RxStorage<unknown, unknown>;
}

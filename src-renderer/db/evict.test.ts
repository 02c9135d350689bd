import { indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../src-shared/model/index.js';
import { UnknownOpError, type TetherDb } from './index.js';
import { NotEvictableError } from './evict.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

const open: TetherDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});
let name = '';
async function fresh(): Promise<TetherDb> {
  name = uniqueDbName('evict');
  const db = await openTestDb(name);
  open.push(db);
  return db;
}

/** Rows on disk in the ops table, tombstones included (RxDB's Dexie storage: one database per collection). */
async function rowsOnDisk(): Promise<number> {
  const dbName = `rxdb-dexie-${name}--0--ops`;
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
  try {
    const store = idb.transaction('docs').objectStore('docs');
    return await new Promise<number>((resolve, reject) => {
      const req = store.count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('count failed'));
    });
  } finally {
    idb.close();
  }
}

/** ada's item: two synced ops by bob (history + head) and ops that must stay. */
const bobOld = sampleOp({ id: 'op-bob-old1', author: 'bob', serverSeq: 1, status: 'approved' });
const bobHead = sampleOp({
  id: 'op-bob-head',
  author: 'bob',
  type: 'update',
  parents: [bobOld.id],
  hlc: '0000000000002:0000:inst-00000001',
  serverSeq: 2,
  status: 'approved',
});
const adaSynced = sampleOp({ id: 'op-ada-sync', itemId: 'item-0000002', serverSeq: 3, status: 'approved' });
const bobUnsent = sampleOp({ id: 'op-bob-unsnt', itemId: 'item-0000003', author: 'bob' });

async function seeded(): Promise<TetherDb> {
  const db = await fresh();
  await db.ops.insert([bobOld, bobHead, adaSynced, bobUnsent]);
  return db;
}
const ids = (ops: Op[]) => ops.map((op) => op.id).sort();

describe('ops.evict', () => {
  it('removes synced ops by others, for good, and they can be stored again', async () => {
    const db = await seeded();
    const removed = await db.ops.evict([bobOld.id], 'ada');
    expect(ids(removed)).toEqual([bobOld.id]);
    expect(ids(await db.ops.all())).toEqual(ids([bobHead, adaSynced, bobUnsent]));
    expect(await rowsOnDisk()).toBe(3); // purged, not a tombstone that still takes the space
    // Fetched back from the server: stored again, identical.
    const back = await db.ops.receive([bobOld]);
    expect(back.inserted.map((op) => op.id)).toEqual([bobOld.id]);
    expect(await db.ops.byItem(bobOld.itemId)).toEqual([bobOld, bobHead]);
  });

  it("refuses the user's own ops and removes nothing", async () => {
    const db = await seeded();
    await expect(db.ops.evict([bobOld.id, adaSynced.id], 'ada')).rejects.toThrow(NotEvictableError);
    await expect(db.ops.evict([adaSynced.id], 'ada')).rejects.toThrow(/your own work.*Nothing was removed/);
    expect(await db.ops.count()).toBe(4);
  });

  it('refuses ops the server does not have yet and removes nothing', async () => {
    const db = await seeded();
    await expect(db.ops.evict([bobOld.id, bobUnsent.id], 'ada')).rejects.toThrow(
      /server does not have it yet/,
    );
    expect(await db.ops.count()).toBe(4);
  });

  it('refuses unknown ops and does nothing for an empty list', async () => {
    const db = await seeded();
    await expect(db.ops.evict([bobOld.id, 'op-missing1'], 'ada')).rejects.toThrow(UnknownOpError);
    expect(await db.ops.evict([], 'ada')).toEqual([]);
    expect(await db.ops.count()).toBe(4);
  });
});

import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openTestDb } from '../db/testing.js';
import { importLocalWork } from '../sync/queue/local-work.js';
import { openFixture } from '../workspace/testing.js';
import { deleteLocalDatabase, salvageLocalWork } from './salvage.js';

/** Puts a row straight into an IndexedDB store, bypassing RxDB (as damage on disk would). */
async function putRaw(idbName: string, row: unknown): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(idbName);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('docs', 'readwrite');
    tx.objectStore('docs').put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('local database lost or unreadable', () => {
  it('exports every unsynced op that can still be read, skips damage, then starts clean', async () => {
    const name = `salvage-${Date.now()}`;
    const f = await openFixture({ name });
    const synced = await f.ws.createItem({ path: 'Acme.old', kind: 'fn', content: 'on the server' });
    const [ack] = await f.db.ops.byItem(synced.itemId);
    await f.db.ops.recordAcks([{ ...ack!, serverSeq: 7, status: 'approved' }]);
    await f.db.ops.foldAcks(); // on the op row itself
    // Acknowledged by a push whose ack row was not folded onto the op row before the loss.
    const pushed = await f.ws.createItem({ path: 'Acme.pushed', kind: 'fn', content: 'also on the server' });
    const [sent] = await f.db.ops.byItem(pushed.itemId);
    await f.db.ops.recordAcks([{ ...sent!, serverSeq: 8, status: 'approved' }]);
    const mine = await f.ws.createItem({ path: 'Acme.fresh', kind: 'fn', content: 'only here' });
    await f.ws.updateContent(mine.itemId, 'only here, edited');
    await f.close();

    const opsStore = (await indexedDB.databases()).find(
      (d) => d.name?.startsWith(`rxdb-dexie-${name}--`) && d.name.endsWith('--ops'),
    );
    await putRaw(opsStore!.name!, { id: 'garbage-row', itemId: 42, serverSeq: 0, _deleted: '0' });

    const { file, unreadableRows } = await salvageLocalWork({
      indexedDB,
      dbName: name,
      identity: { userName: 'ada', instanceId: 'laptop-0001' },
      at: 1_800_000_000_000,
    });
    expect(unreadableRows).toBe(1);
    expect(file.reason).toBe('database-lost');
    expect(file.ops.map((op) => op.content)).toEqual(['only here', 'only here, edited']);

    // Start over: nothing of the old database is left, so the next start is a fresh client.
    expect(await deleteLocalDatabase(indexedDB, name)).toBeGreaterThan(0);
    const fresh = await openTestDb(name);
    try {
      expect(await fresh.ops.count()).toBe(0);
      // The saved file brings the unsynced work back (it syncs from there).
      const result = await importLocalWork(fresh, JSON.stringify(file));
      expect(result.opsAdded).toBe(2);
      expect((await fresh.ops.unacknowledged()).map((op) => op.content)).toEqual([
        'only here',
        'only here, edited',
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('finds nothing (and deletes nothing) for a database that does not exist', async () => {
    const { file, unreadableRows } = await salvageLocalWork({
      indexedDB,
      dbName: 'never-made',
      identity: { userName: 'ada', instanceId: 'x' },
      at: 0,
    });
    expect(file.ops).toEqual([]);
    expect(unreadableRows).toBe(0);
    expect(await deleteLocalDatabase(indexedDB, 'never-made')).toBe(0);
  });
});

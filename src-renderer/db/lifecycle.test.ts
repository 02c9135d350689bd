import { IDBDatabase, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseOpenError, StoredDataError } from './index.js';
import { dexieTableOf, readLiveRows } from './bulk-read.js';
import { fromOpDoc, toOpDoc } from './op-doc.js';
import {
  ACKS_SCHEMA_V0,
  BRANCHES_SCHEMA_V0,
  COLLECTIONS,
  META_MIGRATIONS,
  META_SCHEMA,
  META_SCHEMA_V0,
} from './schemas.js';
import { createTetherStorage } from './storage.js';
import { openTestDb, sampleOp, uniqueDbName } from './testing.js';

addRxPlugin(RxDBMigrationSchemaPlugin);
const storage = () => createTetherStorage({ indexedDB, IDBKeyRange });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('schema migration', () => {
  it('opens a database written with meta v0 and migrates its rows to v1', async () => {
    const name = uniqueDbName('migrate');
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const v0 = await old.addCollections({ meta: { schema: META_SCHEMA_V0 } });
    await v0.meta.insert({ key: 'currentBranch', value: 'branch-0001' });
    await old.close();

    const db = await openTestDb(name);
    expect(await db.meta.get('currentBranch')).toBe('branch-0001');
    await db.close();

    // The migrated row carries the new field with its default.
    const check = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const { meta } = await check.addCollections({
      meta: { schema: META_SCHEMA, migrationStrategies: META_MIGRATIONS },
    });
    expect((await meta.findOne('currentBranch').exec())?.toJSON()).toEqual({
      key: 'currentBranch',
      value: 'branch-0001',
      updatedAt: 0,
    });
    await check.close();
  });
});

describe('branches migration', () => {
  it('opens a database whose branches were written with v0 (no collaborators) and keeps them as they were', async () => {
    const name = uniqueDbName('migrate-branches');
    const branch = {
      id: 'branch-0001',
      name: 'feature/x',
      state: 'open' as const,
      mainPolicy: 'notify' as const,
      baseSeq: 4,
      baseHlc: '001700000000000-000000-inst-00000001',
      baseInstanceId: 'inst-00000001',
      createdBy: 'ada',
      createdAt: 1,
      updatedAt: 2,
    };
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const v0 = await old.addCollections({ branches: { schema: BRANCHES_SCHEMA_V0 } });
    await v0.branches.insert(branch);
    await old.close();

    const db = await openTestDb(name);
    expect(await db.branches.get('branch-0001')).toMatchObject(branch);
    await db.close();
  });
});

describe('ack log migration', () => {
  it('opens an ack log written with rows of v0 (an object per op) and still counts those ops as acknowledged', async () => {
    const name = uniqueDbName('migrate-acks');
    const [first, second] = [sampleOp({ id: 'op-mig-00001' }), sampleOp({ id: 'op-mig-00002', hlc: 'b' })];
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const v0 = await old.addCollections({ ops: COLLECTIONS.ops, acks: { schema: ACKS_SCHEMA_V0 } });
    await v0.ops.bulkInsert([toOpDoc(first), toOpDoc(second)]);
    await v0.acks.insert({
      id: 'row-v0',
      acks: [
        { id: first.id, serverSeq: 7, status: 'approved', approvalId: null },
        { id: second.id, serverSeq: 8, status: 'pending', approvalId: 'appr-0001' },
      ],
      recordedAt: 1,
    });
    await old.close();

    const db = await openTestDb(name);
    expect(await db.ops.ackRowsWaiting()).toBe(1);
    const expected = [
      { ...first, serverSeq: 7, status: 'approved', approvalId: null },
      { ...second, serverSeq: 8, status: 'pending', approvalId: 'appr-0001' },
    ];
    expect(await db.ops.unacknowledged()).toEqual([]);
    expect(await db.ops.all()).toEqual(expected);
    await db.ops.foldAcks();
    expect(await db.ops.ackRowsWaiting()).toBe(0);
    expect(await db.ops.all()).toEqual(expected);
    await db.close();
  });
});

describe('durability', () => {
  it('writes the op log in strict-durability transactions', async () => {
    const seen: { db: string; mode: string; durability: string | undefined }[] = [];
    const original = IDBDatabase.prototype.transaction;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
      this: IDBDatabase,
      stores: string | Iterable<string>,
      mode?: IDBTransactionMode,
      options?: IDBTransactionOptions,
    ) {
      seen.push({ db: this.name, mode: mode ?? 'readonly', durability: options?.durability });
      return original.call(this, stores, mode, options);
    });
    const name = uniqueDbName('strict');
    const db = await openTestDb(name);
    await db.ops.insert([sampleOp()]);
    await db.close();
    const opWrites = seen.filter((t) => t.db.endsWith('--ops') && t.mode === 'readwrite');
    expect(opWrites.length).toBeGreaterThan(0);
    expect(opWrites.every((t) => t.durability === 'strict')).toBe(true);
  });
});

describe('damaged rows', () => {
  it('reports a damaged op row with a clear error naming the op', async () => {
    const name = uniqueDbName('damaged');
    const db = await openTestDb(name);
    await db.ops.insert([sampleOp()]);
    await db.close();
    await damageStoredOp(`rxdb-dexie-${name}--0--ops`, 'op-00000001');
    const again = await openTestDb(name);
    try {
      await expect(again.ops.all()).rejects.toThrow(StoredDataError);
      await expect(again.ops.all()).rejects.toThrow(/damaged ops row "op-00000001": kind/);
    } finally {
      await again.close();
    }
  });
});

/** Rewrites one stored op with an unknown kind, as a damaged disk or a newer app might. */
function damageStoredOp(dbName: string, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const idb = request.result;
      const tx = idb.transaction('docs', 'readwrite');
      const docs = tx.objectStore('docs');
      const get = docs.get(id);
      get.onsuccess = () => docs.put({ ...get.result, kind: 'spreadsheet' });
      tx.oncomplete = () => {
        idb.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('bulk reads', () => {
  it('read the Dexie table directly, skip removed rows, and agree with an RxDB query', async () => {
    const rx = await createRxDatabase({
      name: uniqueDbName('bulk'),
      storage: storage(),
      multiInstance: false,
    });
    try {
      const { ops } = await rx.addCollections({ ops: COLLECTIONS.ops });
      const docs = ['op-00000001', 'op-00000002', 'op-00000003'].map((id, i) =>
        toOpDoc(sampleOp({ id, itemId: i < 2 ? 'item-0000001' : 'item-0000002' })),
      );
      await ops.bulkInsert(docs);
      await ops.findOne('op-00000002').remove();
      // The fast path is taken: if an RxDB upgrade changes its internals, this fails first.
      expect(await dexieTableOf(ops)).not.toBeNull();
      const ids = (rows: unknown[]) => rows.map((row) => fromOpDoc(row).id).sort();
      const query = async (selector: object) =>
        ids((await ops.find({ selector }).exec()).map((doc) => doc.toJSON()));
      expect(ids(await readLiveRows(ops))).toEqual(['op-00000001', 'op-00000003']);
      expect(ids(await readLiveRows(ops, { field: 'itemId', value: 'item-0000001' }))).toEqual(
        await query({ itemId: 'item-0000001' }),
      );
      expect(ids(await readLiveRows(ops, { field: 'serverSeq', value: 0 }))).toEqual(
        await query({ serverSeq: 0 }),
      );
    } finally {
      await rx.close();
    }
  });
});

describe('opening', () => {
  it('explains, instead of printing an RxDB code, that a database is already open here', async () => {
    const name = uniqueDbName('twice');
    const db = await openTestDb(name);
    try {
      const second = openTestDb(name);
      await expect(second).rejects.toThrow(DatabaseOpenError);
      await expect(second).rejects.toThrow(/already open in this window/);
      // The first handle is unharmed.
      await db.ops.insert([sampleOp()]);
      expect(await db.ops.count()).toBe(1);
    } finally {
      await db.close();
    }
  });
});

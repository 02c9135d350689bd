/**
 * Runs in headless Chromium, bundled by bench/storage-cost/run.ts: what one
 * op row costs to write in the product's storage. The same 100,000 pulled ops
 * (with server positions), in groups of 10,000 as a pull stores them, written
 * through RxDB's Dexie storage with the op schema's six indexes, with only
 * RxDB's own two, and with four (no `hlc` or `branchId`); and put straight
 * into RxDB's table with Dexie's bulkPut or IndexedDB's own put (strict and
 * relaxed durability), so no RxDB or Dexie code is on the way.
 */
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { toOpDoc } from '../../src-renderer/db/op-doc.js';
import { OPS_SCHEMA, type OpDoc } from '../../src-renderer/db/schemas.js';
import { createTetherStorage } from '../../src-renderer/db/storage.js';
import { itemOps } from '../op-sets.js';

// The product page's CSP forbids eval, so zod runs without its compiled checks there; the same here.
z.config({ jitless: true });

const GROUP = 10_000;
type Ops = RxCollection<OpDoc>;

/** 100,000 ops (10,000 items of 10) as the storage keeps a pulled op. */
function pulledDocs(prefix: string): OpDoc[] {
  return itemOps('bob', prefix, 10_000, 10).map((op, i) =>
    toOpDoc({ ...op, serverSeq: i + 1, status: 'approved' }),
  );
}

async function withCollection<T>(name: string, schema: RxJsonSchema<OpDoc>, run: (ops: Ops) => Promise<T>) {
  const db = await createRxDatabase<{ ops: Ops }>({
    name,
    storage: createTetherStorage(),
    multiInstance: true,
  });
  try {
    await db.addCollections({ ops: { schema } });
    return await run(db.ops);
  } finally {
    await db.close();
  }
}

async function timed(write: (group: OpDoc[]) => Promise<unknown>, docs: OpDoc[]): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < docs.length; i += GROUP) await write(docs.slice(i, i + GROUP));
  return performance.now() - start;
}

/** Through RxDB's storage, as the product's pull writes (src-renderer/db/server-writes.ts). */
function throughRxdb(name: string, schema: RxJsonSchema<OpDoc>): Promise<number> {
  return withCollection(name, schema, (ops) =>
    timed(
      (group) =>
        ops.storageInstance.bulkWrite(
          group.map((doc) => ({ document: { ...doc, _deleted: false, _attachments: {} } as never })),
          'bench',
        ),
      pulledDocs(name),
    ),
  );
}

interface TableInternals {
  dexieTable: { name: string; bulkPut(rows: unknown[]): Promise<unknown> };
  dexieDb: { backendDB(): IDBDatabase };
}

/** RxDB's stored form of a row: `_deleted` as '0'. */
function storedRows(name: string): unknown[] {
  const lwt = Date.now();
  return pulledDocs(name).map((doc) => ({
    ...doc,
    _deleted: '0',
    _attachments: {},
    _rev: '1-bench',
    _meta: { lwt },
  }));
}

/** Straight into RxDB's Dexie table, with Dexie's bulkPut or IndexedDB's own put in one transaction. */
function straightIntoTable(
  name: string,
  schema: RxJsonSchema<OpDoc>,
  how: 'dexie' | IDBTransactionDurability,
): Promise<number> {
  return withCollection(name, schema, async (ops) => {
    const internals = (await (ops.storageInstance.internals as unknown)) as TableInternals;
    const rows = storedRows(name);
    if (how === 'dexie') return timed((group) => internals.dexieTable.bulkPut(group), rows as OpDoc[]);
    const idb = internals.dexieDb.backendDB();
    const table = internals.dexieTable.name;
    return timed(
      (group) =>
        new Promise<void>((resolve, reject) => {
          const tx = idb.transaction([table], 'readwrite', { durability: how });
          const store = tx.objectStore(table);
          for (const row of group) store.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        }),
      rows as OpDoc[],
    );
  });
}

const FEWER_INDEXES = { ...OPS_SCHEMA, indexes: ['itemId', 'serverSeq'] };

const api = {
  async run(): Promise<Record<string, number>> {
    return {
      'RxDB storage, op schema (6 indexes)': await throughRxdb('cost-rxdb-all', OPS_SCHEMA),
      "RxDB storage, RxDB's own 2 indexes": await throughRxdb('cost-rxdb-own', {
        ...OPS_SCHEMA,
        indexes: [],
      }),
      'Dexie straight into the table (6 indexes)': await straightIntoTable(
        'cost-dexie-all',
        OPS_SCHEMA,
        'dexie',
      ),
      'IndexedDB put into the table, strict (6 indexes)': await straightIntoTable(
        'cost-idb-strict',
        OPS_SCHEMA,
        'strict',
      ),
      'IndexedDB put into the table, relaxed (6 indexes)': await straightIntoTable(
        'cost-idb-relaxed',
        OPS_SCHEMA,
        'relaxed',
      ),
      'RxDB storage, itemId and serverSeq (4 indexes)': await throughRxdb('cost-rxdb-four', FEWER_INDEXES),
      'IndexedDB put into the table, strict (4 indexes)': await straightIntoTable(
        'cost-idb-four',
        FEWER_INDEXES,
        'strict',
      ),
      'IndexedDB put into the table, relaxed (4 indexes)': await straightIntoTable(
        'cost-idb-four-relaxed',
        FEWER_INDEXES,
        'relaxed',
      ),
    };
  },
};

export type StorageCostPage = typeof api;
(window as unknown as { storageCost: StorageCostPage }).storageCost = api;

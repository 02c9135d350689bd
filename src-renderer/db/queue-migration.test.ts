import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { describe, expect, it } from 'vitest';
import { QUEUE_SCHEMA_V0 } from './schemas.js';
import { createTetherStorage } from './storage.js';
import { openTestDb, uniqueDbName } from './testing.js';

addRxPlugin(RxDBMigrationSchemaPlugin);

describe('queue schema migration', () => {
  it('opens a database written with queue v0 and gives its rows lanes, order and titles', async () => {
    const name = uniqueDbName('queue-migrate');
    const storage = createTetherStorage({ indexedDB, IDBKeyRange });
    const old = await createRxDatabase({ name, storage, multiInstance: false });
    const v0 = await old.addCollections({ queue: { schema: QUEUE_SCHEMA_V0 } });
    const base = { status: 'pending', retryCount: 0, error: null } as const;
    await v0.queue.insert({
      ...base,
      id: 'queue-00002',
      type: 'merge_branch',
      payload: { branchId: 'branch-0001' },
      createdAt: 20,
      idempotencyKey: 'merge_branch:branch-0001',
    });
    await v0.queue.insert({
      ...base,
      id: 'queue-00001',
      type: 'branch_update',
      payload: {},
      createdAt: 10,
      idempotencyKey: 'k',
    });
    await old.close();

    const db = await openTestDb(name);
    const rows = await db.queue.all();
    expect(rows.map((e) => [e.id, e.lane, e.position, e.nextAttemptAt])).toEqual([
      ['queue-00001', 'entry:queue-00001', 10, 0],
      ['queue-00002', 'branch:branch-0001', 20, 0],
    ]);
    expect(rows[1]?.payload).toEqual({ branchId: 'branch-0001' });
    await db.close();
  });
});

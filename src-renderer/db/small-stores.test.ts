import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src-shared/errors.js';
import type { Branch, Namespace, QueueEntry } from '../../src-shared/model/index.js';
import type { TetherDb } from './index.js';
import { openTestDb, uniqueDbName } from './testing.js';

const open: TetherDb[] = [];
async function fresh(name = uniqueDbName('small')): Promise<TetherDb> {
  const db = await openTestDb(name);
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const branch: Branch = {
  id: 'branch-0001',
  name: 'feature-x',
  state: 'open',
  mainPolicy: 'isolated',
  baseSeq: 0,
  baseHlc: '0000000000001:0000:inst-00000001',
  baseInstanceId: 'inst-00000001',
  createdBy: 'ada',
  createdAt: 1,
  updatedAt: 1,
};

const entry = (id: string, createdAt: number): QueueEntry => ({
  id,
  type: 'push_ops',
  payload: { opIds: ['op-00000001'] },
  createdAt,
  status: 'pending',
  retryCount: 0,
  error: null,
  idempotencyKey: `key-${id}`,
  lane: `entry:${id}`,
  position: createdAt,
  nextAttemptAt: 0,
  title: 'Push ops',
});

describe('branches', () => {
  it('upserts, reads and reports changes', async () => {
    const db = await fresh();
    let changes = 0;
    const stop = db.branches.changes(() => (changes += 1));
    await db.branches.upsert(branch);
    await db.branches.upsert({ ...branch, state: 'merged', mergedAt: 5, mergedBy: 'bob' });
    stop();
    expect(await db.branches.get(branch.id)).toEqual({
      ...branch,
      state: 'merged',
      mergedAt: 5,
      mergedBy: 'bob',
    });
    expect(await db.branches.all()).toHaveLength(1);
    expect(await db.branches.get('branch-none')).toBeNull();
    expect(changes).toBe(2);
  });

  it('refuses an invalid branch', async () => {
    const db = await fresh();
    await expect(db.branches.upsert({ ...branch, name: '' })).rejects.toThrow(ValidationError);
    expect(await db.branches.all()).toEqual([]);
  });
});

describe('namespaces', () => {
  it('upserts, lists and removes, and can add a removed one again', async () => {
    const db = await fresh();
    const ns: Namespace = { path: 'Acme.Billing', owners: ['ada'], updatedAt: 1 };
    let changes = 0;
    db.namespaces.changes(() => (changes += 1));
    await db.namespaces.upsert(ns);
    await db.namespaces.upsert({ path: 'Acme', owners: [], updatedAt: 2 });
    await db.namespaces.remove('Acme.Billing');
    expect(await db.namespaces.all()).toEqual([{ path: 'Acme', owners: [], updatedAt: 2 }]);
    await db.namespaces.upsert(ns);
    expect(await db.namespaces.all()).toHaveLength(2);
    expect(changes).toBe(4);
    await expect(db.namespaces.upsert({ ...ns, path: '1bad' })).rejects.toThrow(ValidationError);
  });
});

describe('queue', () => {
  it('keeps entries in FIFO order and updates and removes them', async () => {
    const db = await fresh();
    await db.queue.add(entry('queue-00002', 20));
    await db.queue.add(entry('queue-00001', 10));
    await db.queue.update({ ...entry('queue-00002', 20), status: 'failed', error: 'offline' });
    expect((await db.queue.all()).map((e) => [e.id, e.status])).toEqual([
      ['queue-00001', 'pending'],
      ['queue-00002', 'failed'],
    ]);
    await db.queue.remove('queue-00001');
    expect((await db.queue.all()).map((e) => e.id)).toEqual(['queue-00002']);
    expect((await db.queue.all())[0]?.payload).toEqual({ opIds: ['op-00000001'] });
  });

  it('refuses a duplicate, an invalid entry and an update of an unknown one', async () => {
    const db = await fresh();
    await db.queue.add(entry('queue-00001', 10));
    await expect(db.queue.add(entry('queue-00001', 10))).rejects.toThrow();
    await expect(db.queue.add({ ...entry('queue-00003', 1), retryCount: -1 })).rejects.toThrow(
      ValidationError,
    );
    await expect(db.queue.update(entry('queue-00009', 1))).rejects.toThrow(/not in the local/);
    expect((await db.queue.all()).map((e) => e.id)).toEqual(['queue-00001']);
  });
});

describe('meta', () => {
  it('stores JSON values by key, removes on undefined, and survives reopen', async () => {
    const name = uniqueDbName('meta');
    const db = await openTestDb(name);
    await db.meta.set('currentBranch', 'branch-0001');
    await db.meta.set('clock', { last: 'abc' });
    await db.meta.set('gone', 1);
    await db.meta.set('gone', undefined);
    await db.close();
    const again = await fresh(name);
    expect(await again.meta.get<string>('currentBranch')).toBe('branch-0001');
    expect(await again.meta.get('clock')).toEqual({ last: 'abc' });
    expect(await again.meta.get('gone')).toBeUndefined();
    expect(await again.meta.get('never')).toBeUndefined();
  });

  it('refuses an empty key', async () => {
    const db = await fresh();
    await expect(db.meta.set('', 1)).rejects.toThrow(ValidationError);
  });
});

import { describe, expect, it } from 'vitest';
import { bulkOps } from '../../bench/fault-clients.js';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import type { Op, OpBody } from '../../src-shared/model/index.js';
import { PUSH_WINDOW } from '../../src-shared/sync/push-pipeline.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';
import { RECORDING_LAG } from './push.js';

/** Counts how many pushes are at the server at once. */
function concurrency() {
  const seen = { now: 0, most: 0, calls: 0 };
  const wrap = (remote: RemoteApi): RemoteApi =>
    new Proxy(remote, {
      get(target, prop, receiver) {
        if (prop !== 'pushOps') return Reflect.get(target, prop, receiver) as unknown;
        return async (ops: readonly OpBody[]) => {
          seen.calls += 1;
          seen.most = Math.max(seen.most, (seen.now += 1));
          try {
            return await target.pushOps(ops);
          } finally {
            seen.now -= 1;
          }
        };
      },
    });
  return { seen, wrap };
}

/** One item edited `count` times: every op's parent is the one before it. */
function chain(author: string, count: number): Op[] {
  return bulkOps(author, count).map((op, i, all) => ({
    ...op,
    itemId: 'item-chain-0001',
    path: 'Acme.chain',
    type: i === 0 ? ('create' as const) : ('update' as const),
    parents: i === 0 ? [] : [(all[i - 1] as Op).id],
  }));
}

describe('push pipeline against a real server', () => {
  const world = useSyncWorld('pglite', ['alice', 'bob']);

  it('sends independent batches a window at a time, and all arrive once', async () => {
    const { seen, wrap } = concurrency();
    const alice = await world.client('alice', {
      wrapRemote: wrap,
      seed: (db) => db.ops.insert(bulkOps('alice', 4500)),
    });
    // The engine syncs on start; wait for that push to be acknowledged.
    await eventually(async () => (await alice.db.ops.unacknowledged()).length === 0, 'the push', 60_000);
    expect(seen.calls).toBe(5);
    expect(PUSH_WINDOW).toBeLessThan(5);
    expect(seen.most).toBe(PUSH_WINDOW);
    expect(await world.server.countOps()).toBe(4500);
    expect(await alice.db.ops.unacknowledged()).toEqual([]);
  }, 60_000);

  it('sends a batch holding children of an earlier batch only after that batch is stored', async () => {
    const { seen, wrap } = concurrency();
    const alice = await world.client('alice', {
      wrapRemote: wrap,
      seed: (db) => db.ops.insert(chain('alice', 2500)),
    });
    await eventually(async () => (await alice.db.ops.unacknowledged()).length === 0, 'the push', 60_000);
    expect(seen.calls).toBe(3);
    expect(seen.most).toBe(1);
    const bob = await world.client('bob');
    await bob.engine.syncNow();
    expect(bob.ws.getSnapshot().items.map((item) => item.content)).toEqual([
      (chain('alice', 2500).at(-1) as Op).content,
    ]);
  }, 60_000);

  it('stops sending when acks cannot be recorded, and the next sync sends what has no ack', async () => {
    const { seen, wrap } = concurrency();
    let failures = 1;
    const alice = await world.client('alice', {
      wrapRemote: wrap,
      seed: async (db) => {
        await db.ops.insert(bulkOps('alice', 9500));
        const record = db.ops.recordAcks.bind(db.ops);
        db.ops.recordAcks = async (ops) => {
          if (failures-- > 0) throw new Error('The disk is full');
          return record(ops);
        };
      },
    });
    // The push's queue entry keeps the error and waits to retry.
    const failedEntry = async () =>
      (await alice.db.queue.all()).some((entry) => /disk is full/.test(entry.error ?? ''));
    await eventually(failedEntry, 'the failed recording to show in the queue', 60_000);
    // The first batch's acks failed to record: no more than the recording lag was sent behind it.
    expect(seen.calls).toBeLessThanOrEqual(RECORDING_LAG);
    await eventually(async () => (await alice.db.ops.unacknowledged()).length === 0, 'the retry', 60_000);
    expect(await alice.db.ops.unacknowledged()).toEqual([]);
    expect(await world.server.countOps()).toBe(9500);
  }, 90_000);
});

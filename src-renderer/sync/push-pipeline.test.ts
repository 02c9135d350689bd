import { describe, expect, it } from 'vitest';
import { bulkOps } from '../../bench/fault-clients.js';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import type { Op, OpBody } from '../../src-shared/model/index.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

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

  it('sends independent batches two at a time, and all arrive once', async () => {
    const { seen, wrap } = concurrency();
    const alice = await world.client('alice', {
      wrapRemote: wrap,
      seed: (db) => db.ops.insert(bulkOps('alice', 3500)),
    });
    // The engine syncs on start; wait for that push to be acknowledged.
    await eventually(async () => (await alice.db.ops.unacknowledged()).length === 0, 'the push', 60_000);
    expect(seen.calls).toBe(4);
    expect(seen.most).toBe(2);
    expect(await world.server.countOps()).toBe(3500);
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  openSyncClient,
  startSyncServer,
  viewContents,
  type SyncClient,
  type SyncServer,
} from '../../bench/sync-clients.js';
import { RemoteClient } from '../../src-main/remote/remote-client.js';
import { encodeHlc } from '../../src-shared/clock/hlc.js';
import type { Op, OpBody } from '../../src-shared/model/index.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { fillHistory } from '../sync/fresh-start.js';
import { HistoryCache } from './history-cache.js';
import { readEvicted } from './history-marks.js';

const OPS_PER_ITEM = 5;
const SHARED = ['mine', 'unsent', 'cold1', 'cold2'];
const TRAVEL = ['trip1', 'trip2'];

/**
 * Storage limits, end to end on a real server: bob's client evicts the
 * history others wrote, keeps heads, own and unsent work and the namespaces
 * kept for travel, and fetches history back on demand.
 */
describe('history eviction with a real server', () => {
  let server: SyncServer;
  let bob: SyncClient;
  let cache: HistoryCache;
  /** cold1's ops as synced, before any eviction. */
  let coldBefore: Op[] = [];
  const itemOf = (name: string) => `ev-item-${name}`;
  const byId = (ops: Op[]) => [...ops].sort((a, b) => (a.id < b.id ? -1 : 1));

  beforeAll(async () => {
    server = await startSyncServer('pglite', ['alice', 'bob']);
    const alice = new RemoteClient({
      endpoint: () => ({ serverUrl: server.url, token: server.tokens.get('alice') ?? '' }),
    });
    await alice.pushOps([
      ...SHARED.flatMap((n) => history(n, 'Acme.Shared')),
      ...TRAVEL.flatMap((n) => history(n, 'Acme.Travel')),
    ]);
    bob = await openSyncClient(server, 'bob', { pushDelayMs: 60_000 });
    await eventually(() => bob.engine.getState().historyComplete, 'history to complete', 60_000);
    // bob's own synced edit on one item, and an unsent one on another.
    await bob.ws.updateContent(itemOf('mine'), 'bob was here');
    await bob.engine.syncNow('main');
    await bob.ws.updateContent(itemOf('unsent'), 'not sent yet');
    cache = await HistoryCache.open({
      db: bob.db,
      workspace: bob.ws,
      userName: 'bob',
      remote: () => bob.remote,
      pinned: () => ['Acme.Travel'],
    });
  }, 120_000);
  afterAll(async () => {
    await cache?.stop();
    await bob?.close();
    await server?.destroy();
  });

  it("frees others' synced history only, and every item stays listed with the same content", async () => {
    const before = viewContents(bob.ws);
    coldBefore = byId(await bob.db.ops.byItem(itemOf('cold1')));
    const mineOwn = (await bob.db.ops.byItem(itemOf('mine'))).filter((op) => op.author === 'bob');

    const outcome = await cache.freeUpSpace();

    expect(outcome.items).toBe(3); // mine (alice's part), cold1, cold2
    expect(outcome.message).toMatch(/^Freed .* MB from the history of 3 items/);
    expect(await bob.db.ops.byItem(itemOf('cold1'))).toEqual(
      coldBefore.filter((op) => op.id.endsWith('-4-op')),
    );
    expect(await bob.db.ops.byItem(itemOf('mine'))).toEqual(mineOwn); // own work stays
    expect(await bob.db.ops.byItem(itemOf('unsent'))).toHaveLength(OPS_PER_ITEM + 1); // unsent: all stays
    for (const trip of TRAVEL) expect(await bob.db.ops.byItem(itemOf(trip))).toHaveLength(OPS_PER_ITEM);
    expect(viewContents(bob.ws)).toEqual(before);
    expect(bob.ws.history(itemOf('cold1'))).toHaveLength(1);
    expect(cache.isEvicted(itemOf('cold1'))).toBe(true);
    expect(Object.keys(await readEvicted(bob.db.meta)).sort()).toEqual(
      ['cold1', 'cold2', 'mine'].map(itemOf).sort(),
    );
  });

  it('refuses to evict own, unsent or travel work directly, with a clear error, removing nothing', async () => {
    const count = await bob.db.ops.count();
    const [own] = (await bob.db.ops.byItem(itemOf('mine'))).filter((op) => op.author === 'bob');
    const [unsent] = await bob.db.ops.unacknowledged();
    await expect(bob.ws.evictOps([own?.id ?? ''])).rejects.toThrow(/your own work.*Nothing was removed/);
    // Unsent ops are always one's own here (the db test covers an unsent op by someone else).
    await expect(bob.ws.evictOps([unsent?.id ?? ''])).rejects.toThrow(
      /cannot be removed.*Nothing was removed/,
    );
    await expect(cache.evictItems([itemOf('trip1')])).rejects.toThrow(/kept available offline for travel/);
    await expect(cache.evictItems([itemOf('unsent')])).rejects.toThrow(
      /Acme\.Shared\.unsent" has no history that may be removed/,
    );
    expect(await bob.db.ops.count()).toBe(count);
  });

  it('says "offline" without removing the mark, then fetches history back identical', async () => {
    bob.setOffline(true);
    expect(await cache.fetchHistory(itemOf('cold1'))).toBe('offline');
    expect(cache.isEvicted(itemOf('cold1'))).toBe(true);
    bob.setOffline(false);

    expect(await cache.fetchHistory(itemOf('cold1'))).toBe('fetched');
    expect(cache.isEvicted(itemOf('cold1'))).toBe(false);
    expect(byId(await bob.db.ops.byItem(itemOf('cold1')))).toEqual(coldBefore);
    expect(coldBefore).toHaveLength(OPS_PER_ITEM);
    await eventually(() => bob.ws.history(itemOf('cold1')).length === OPS_PER_ITEM, 'workspace history back');
    expect(await cache.fetchHistory(itemOf('cold1'))).toBe('not-evicted');
  });

  it('an evicted item stays editable, and the edit syncs', async () => {
    await cache.evictItems([itemOf('cold1')]);
    const [head] = await bob.db.ops.byItem(itemOf('cold1'));
    await bob.ws.updateContent(itemOf('cold1'), 'edited after eviction');
    await bob.engine.syncNow('main');
    const mine = (await bob.db.ops.byItem(itemOf('cold1'))).find((op) => op.author === 'bob');
    expect(mine?.parents).toEqual([head?.id]);
    expect(mine?.serverSeq).toBeGreaterThan(0);
    expect(await server.countOps([mine?.id ?? ''])).toBe(1);
  });

  it('the background history fill skips evicted items but still fills the others', async () => {
    const [cold2Head] = await bob.db.ops.byItem(itemOf('cold2'));
    // A trip item's oldest op goes without a mark (as if its history had never arrived).
    const [tripFirst] = await bob.db.ops.byItem(itemOf('trip2'));
    await bob.db.ops.evict([tripFirst?.id ?? ''], 'bob');
    await bob.db.meta.set(syncKeys.historyCheckpoint('main'), { since: 0, until: 1_000_000 });
    const ctx = {
      db: bob.db,
      remote: bob.remote,
      identity: { userName: 'bob', instanceId: 'inst-bob-fill' },
      now: Date.now,
      progress: () => undefined,
    } as unknown as Parameters<typeof fillHistory>[0];
    await fillHistory(ctx, () => false);
    expect(await bob.db.ops.byItem(itemOf('cold2'))).toEqual([cold2Head]); // not re-downloaded
    expect(await bob.db.ops.byItem(itemOf('trip2'))).toHaveLength(OPS_PER_ITEM); // the fill did run
  });

  it('storage pressure evicts least recently used first, through the bounded trigger', async () => {
    expect(await cache.fetchHistory(itemOf('cold2'))).toBe('fetched');
    cache.touch(itemOf('cold2')); // just opened: it goes last
    // 15 bytes over the relief level: the oldest-used history that covers it goes, nothing more.
    const reading = { usedBytes: 90, quotaBytes: 100, ratio: 0.9, warn: true };
    expect(await cache.onStorageReading(reading)).toBe(true);
    expect(cache.isEvicted(itemOf('cold2'))).toBe(false);
    expect(await bob.db.ops.byItem(itemOf('unsent'))).toHaveLength(OPS_PER_ITEM + 1);
    expect(cache.evictedCount).toBeGreaterThan(0);
    const full = { usedBytes: 100, quotaBytes: 100, ratio: 1, warn: true };
    expect(await cache.onStorageReading(full)).toBe(false); // at most once per interval
    expect(cache.isEvicted(itemOf('cold2'))).toBe(false);
  });

  it('before travel, the namespaces kept offline get their evicted history back', async () => {
    expect(cache.evictedItemIds().length).toBeGreaterThan(0);
    bob.setOffline(true);
    expect(await cache.fetchWithin(['Acme'])).toBe(false);
    bob.setOffline(false);
    expect(await cache.fetchWithin(['Other'])).toBe(true);
    expect(cache.evictedItemIds().length).toBeGreaterThan(0);
    expect(await cache.fetchWithin(['Acme'])).toBe(true);
    expect(cache.evictedItemIds()).toEqual([]);
  });
});

/** One item by alice: a create and a chain of edits. */
function history(name: string, namespace: string): OpBody[] {
  const ops: OpBody[] = [];
  let wall = 1_700_000_000_000 + name.length * 1000 + name.charCodeAt(name.length - 1) * 10;
  let parent: string | null = null;
  for (let n = 0; n < OPS_PER_ITEM; n++) {
    const id = `ev-${name}-${n}-op`;
    ops.push({
      id,
      itemId: `ev-item-${name}`,
      branchId: 'main',
      type: n === 0 ? 'create' : 'update',
      path: `${namespace}.${name}`,
      kind: 'fn',
      content: `export const v = '${name} v${n}';`,
      parents: parent ? [parent] : [],
      author: 'alice',
      instanceId: 'inst-history',
      hlc: encodeHlc({ wall: ++wall, counter: 0, node: 'inst-history' }),
    });
    parent = id;
  }
  return ops;
}

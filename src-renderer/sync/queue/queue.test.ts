import { describe, expect, it } from 'vitest';
import { eventually } from '../../../bench/sync-clients.js';
import { useSyncWorld } from '../../../bench/sync-world.js';
import { encodeHlc } from '../../../src-shared/clock/hlc.js';
import { LocalWorkFileError } from '../../../src-shared/export/local-work.js';
import type { Op } from '../../../src-shared/model/index.js';
import { RETRY_LIMIT } from '../../../src-shared/queue/backoff.js';
import { discardEntry, moveQueueEntry, moveQueueEntryOnto, retryEntry } from './actions.js';
import { enqueueEntry } from './enqueue.js';
import { exportLocalWork, exportQueueEntry, importLocalWork } from './local-work.js';
import { QueueRunner } from './runner.js';
import { QueueEntryRefused, type QueueHandlers } from './types.js';

/** The outbox against a real server (PGlite): refusals, forbidden ops, offline, retries, discard, import. */
describe('queue runner on pglite', () => {
  const world = useSyncWorld('pglite', ['alice', 'bob']);
  const quiet = { pushDelayMs: 1e9 };
  const who = { userName: 'alice', instanceId: 'inst-alice-q' };
  const settled = async (c: { engine: { getState(): { lastSummary: unknown; error: unknown } } }) =>
    eventually(
      () => c.engine.getState().lastSummary !== null || c.engine.getState().error !== null,
      'first sync',
    );

  it('a refused op becomes a failed entry with the server message; the rest is sent; retry and discard work', async () => {
    const [good, other] = ops('alice', 2);
    const bad: Op = { ...other!, type: 'update', parents: [good!.id] }; // a parent from another item
    const alice = await world.client('alice', { ...quiet, seed: (db) => db.ops.insert([good!, bad]) });
    await settled(alice);
    await alice.engine.syncNow();
    expect(await world.server.countOps([good!.id, bad.id])).toBe(1);
    const [failed] = (await alice.db.queue.all()).filter((e) => e.status === 'failed');
    expect(failed).toMatchObject({ type: 'push_ops', payload: { opIds: [bad.id] }, retryCount: 0 });
    expect(failed!.error).toMatch(/parent/i);

    await retryEntry(alice.db, failed!.id);
    await alice.engine.runQueue();
    const again = await alice.db.queue.get(failed!.id);
    expect(again).toMatchObject({ status: 'failed', retryCount: 1 });

    const file = await exportQueueEntry(alice.db, who, failed!.id, 5);
    expect(file.ops.map((op) => op.id)).toEqual([bad.id]);
    await discardEntry(alice.db, failed!.id, 6);
    expect(await alice.db.queue.all()).toEqual([]);
    await alice.engine.runQueue();
    expect(await alice.db.queue.all()).toEqual([]); // not re-created, not re-sent
    expect((await alice.db.ops.unacknowledged()).map((op) => op.id)).toEqual([bad.id]); // kept locally

    // Re-import restores the discarded op to the outbox once; a second import changes nothing.
    const text = JSON.stringify(file);
    expect(await importLocalWork(alice.db, text)).toMatchObject({ opsAdded: 0, opsRestored: 1 });
    expect(await importLocalWork(alice.db, text)).toMatchObject({
      opsAdded: 0,
      opsRestored: 0,
      entriesAdded: 0,
    });
  });

  it('forbidden on one op fails that op only; sync goes on', async () => {
    const [mine, notMine, mine2] = ops('alice', 3);
    const forged: Op = { ...notMine!, author: 'bob' };
    const alice = await world.client('alice', {
      ...quiet,
      seed: (db) => db.ops.insert([mine!, forged, mine2!]),
    });
    await settled(alice);
    await alice.engine.syncNow();
    expect(await world.server.countOps([mine!.id, forged.id, mine2!.id])).toBe(2);
    const failed = (await alice.db.queue.all()).filter((e) => e.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatch(/author is 'bob'/);
    expect(alice.engine.getState().error ?? '').not.toMatch(/refused this account/);
    await alice.ws.createItem({ path: 'Acme.after', kind: 'fn', content: 'x' });
    await alice.engine.syncNow();
    expect((await alice.db.ops.unacknowledged()).map((op) => op.id)).toEqual([forged.id]);
  });

  it('offline: entries wait without counting retries, and go when back online', async () => {
    const alice = await world.client('alice', quiet);
    await settled(alice);
    alice.setOffline(true);
    await alice.ws.createItem({ path: 'Acme.offline', kind: 'fn', content: 'o' });
    await expect(alice.engine.runQueue()).rejects.toMatchObject({ code: 'offline' });
    const [waiting] = await alice.db.queue.all();
    expect(waiting).toMatchObject({ type: 'push_ops', status: 'pending', retryCount: 0 });
    alice.setOffline(false);
    const result = await alice.engine.runQueue();
    expect(Object.values(result.pushed)).toEqual([1]);
    expect(await alice.db.queue.all()).toEqual([]);
  });

  it('a failure blocks only its own lane; transient failures back off up to the limit', async () => {
    const alice = await world.client('alice', quiet);
    await settled(alice);
    const ran: string[] = [];
    let now = 1000;
    const handlers: QueueHandlers = {
      submit_approval_request: async (_ctx, entry) => {
        const { name, fail } = entry.payload as { name: string; fail?: 'refuse' | 'transient' };
        ran.push(name);
        if (fail === 'refuse') throw new QueueEntryRefused(`${name} was refused`);
        if (fail === 'transient') throw new Error('server hiccup');
      },
    };
    const add = (name: string, lane: string, fail?: string) =>
      enqueueEntry(
        alice.db,
        { type: 'submit_approval_request', payload: { name, fail }, idempotencyKey: name, lane, title: name },
        (now += 1),
      );
    await add('a1', 'A', 'refuse');
    await add('a2', 'A');
    await add('b1', 'B', 'transient');
    await add('c1', 'C');
    const ctx = {
      db: alice.db,
      remote: alice.remote,
      identity: who,
      now: () => now,
      progress: () => undefined,
    };
    const runner = new QueueRunner(ctx, handlers, () => 0);
    const first = await runner.drain();
    expect(ran).toEqual(['a1', 'b1', 'c1']); // a2 waits behind the failed a1
    const byTitle = async () => new Map((await alice.db.queue.all()).map((e) => [e.title, e]));
    expect((await byTitle()).get('a1')).toMatchObject({ status: 'failed', error: 'a1 was refused' });
    expect((await byTitle()).get('a2')).toMatchObject({ status: 'pending', retryCount: 0 });
    const b1 = (await byTitle()).get('b1')!;
    expect(b1).toMatchObject({ status: 'pending', retryCount: 1, error: 'server hiccup' });
    expect(first.wakeAt).toBe(b1.nextAttemptAt);
    for (let i = 1; i < RETRY_LIMIT; i++) {
      now = (await byTitle()).get('b1')!.nextAttemptAt;
      await runner.drain();
    }
    expect((await byTitle()).get('b1')).toMatchObject({ status: 'failed', retryCount: RETRY_LIMIT });
  });

  it('bad input: unknown ids and moves across a dependency are refused and change nothing', async () => {
    const alice = await world.client('alice', quiet);
    await settled(alice);
    const mk = (key: string, lane: string, at: number) =>
      enqueueEntry(
        alice.db,
        { type: 'branch_update', payload: {}, idempotencyKey: key, lane, title: key },
        at,
      );
    await mk('a1', 'A', 1);
    await mk('b1', 'B', 2);
    const a2 = await mk('a2', 'A', 3);
    const before = await alice.db.queue.all();
    await expect(discardEntry(alice.db, 'nope-0001', 1)).rejects.toThrow(/no queue entry "nope-0001"/);
    await expect(retryEntry(alice.db, a2.id)).rejects.toThrow(/has not failed/);
    await expect(moveQueueEntry(alice.db, a2.id, 0)).rejects.toThrow(/cannot pass “a1”/);
    await expect(moveQueueEntryOnto(alice.db, a2.id, 'nope-0001')).rejects.toThrow(/no queue entry/);
    await expect(importLocalWork(alice.db, '{"format":"x"}')).rejects.toThrow(LocalWorkFileError);
    expect(await alice.db.queue.all()).toEqual(before);
    await moveQueueEntry(alice.db, a2.id, 1);
    expect((await alice.db.queue.all()).map((e) => e.title)).toEqual(['a1', 'a2', 'b1']);
    await moveQueueEntryOnto(alice.db, a2.id, (await alice.db.queue.all())[2]!.id); // onto b1: below it
    expect((await alice.db.queue.all()).map((e) => e.title)).toEqual(['a1', 'b1', 'a2']);
  });

  it('export of all local work re-imports into an empty database idempotently', async () => {
    const alice = await world.client('alice', quiet);
    await settled(alice);
    alice.setOffline(true);
    await alice.ws.createItem({ path: 'Acme.kept', kind: 'fn', content: 'k' });
    const file = JSON.stringify(await exportLocalWork(alice.db, who, 'token-revoked', 1));
    const fresh = await world.client('alice', quiet);
    fresh.setOffline(true);
    expect(await importLocalWork(fresh.db, file)).toMatchObject({ opsAdded: 1 });
    const once = await fresh.db.ops.all();
    expect(await importLocalWork(fresh.db, file)).toMatchObject({ opsAdded: 0, opsRestored: 0 });
    expect(await fresh.db.ops.all()).toEqual(once);
    fresh.setOffline(false);
    await fresh.engine.runQueue();
    expect(await world.server.countOps(once.map((op) => op.id))).toBe(1);
  });
});

describe('resolve_conflict on pglite', () => {
  const world = useSyncWorld('pglite', ['alice', 'bob']);
  const quiet = { pushDelayMs: 1e9 };

  /** Alice "resolves" offline (her op on top of the heads she saw); bob may edit meanwhile. */
  async function resolvedOffline(bobEditsMeanwhile: boolean) {
    const alice = await world.client('alice', quiet);
    const bob = await world.client('bob', quiet);
    const item = await alice.ws.createItem({ path: 'Acme.r', kind: 'fn', content: 'v0' });
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId) !== undefined, 'bob to have the item');
    const seen = alice.ws.history(item.itemId).map((op) => op.id);
    alice.setOffline(true);
    await alice.ws.updateContent(item.itemId, 'resolved');
    const resolution = alice.ws.history(item.itemId).find((op) => op.content === 'resolved')!;
    const entry = await enqueueEntry(
      alice.db,
      {
        type: 'resolve_conflict',
        payload: {
          branchId: 'main',
          itemId: item.itemId,
          resolutionOpId: resolution.id,
          resolvedHeads: seen,
        },
        idempotencyKey: `resolve_conflict:main:${item.itemId}:${resolution.id}`,
        lane: 'branch:main',
        title: 'Resolve Acme.r',
      },
      Date.now(),
    );
    if (bobEditsMeanwhile) {
      await bob.ws.updateContent(item.itemId, 'bob meanwhile');
      await bob.engine.syncNow();
    }
    alice.setOffline(false);
    await alice.engine.runQueue();
    return { alice, entry };
  }

  it('unchanged since: the resolution is sent and the entry completes', async () => {
    const { alice, entry } = await resolvedOffline(false);
    expect(await alice.db.queue.get(entry.id)).toBeNull();
    expect(await alice.db.ops.unacknowledged()).toEqual([]);
  });

  it('changed on the server meanwhile: the entry fails and asks to resolve again', async () => {
    const { alice, entry } = await resolvedOffline(true);
    const after = await alice.db.queue.get(entry.id);
    expect(after).toMatchObject({ status: 'failed' });
    expect(after!.error).toMatch(/changed on the server after you resolved it/);
  });
});

function ops(author: string, count: number): Op[] {
  const node = `inst-${author}-q`;
  return Array.from({ length: count }, (_, i) => ({
    id: `q-${author}-${String(i).padStart(6, '0')}`,
    itemId: `item-q-${author}-${String(i).padStart(4, '0')}`,
    branchId: 'main',
    type: 'create' as const,
    path: `Acme.Q.item${i}`,
    kind: 'fn' as const,
    content: `v${i}`,
    parents: [],
    author,
    instanceId: node,
    hlc: encodeHlc({ wall: 1_700_000_000_000 + i, counter: 0, node }),
  }));
}

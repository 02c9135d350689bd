import { describe, expect, it } from 'vitest';
import { eventually, viewContents, type SyncClient } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { MAX_PULL_LIMIT } from '../../src-shared/sync-protocol/index.js';
import { checkBranch } from './anti-entropy.js';

/**
 * Anti-entropy end to end: a replica that silently diverged (a lost local
 * row, a checkpoint that skipped, an op the server lost) is found by the
 * digest comparison on the next sync and repaired, range by range, against a
 * real server on PostgreSQL and on PGlite.
 */
describe.each(BACKENDS)('anti-entropy on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);
  /** Compares on every sync, so each case sees the check at once. */
  const client = (user: string) => world.client(user, { antiEntropyEveryMs: 0 });
  const repairs = async (c: SyncClient) => (await c.db.meta.get<number>(syncKeys.repairs)) ?? 0;
  const ids = async (c: SyncClient) => (await c.db.ops.byBranch('main')).map((op) => op.id).sort();

  async function twoReplicas(items: number) {
    const alice = await client('alice');
    const bob = await client('bob');
    for (let i = 0; i < items; i++)
      await alice.ws.createItem({ path: `Acme.n${i}`, kind: 'fn', content: `v${i}` });
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => viewContents(bob.ws).length === items, 'bob to have every item');
    return { alice, bob };
  }

  it('replicas that agree compare once and repair nothing', async () => {
    const { alice, bob } = await twoReplicas(3);
    const report = await checkBranch(ctxOf(bob), 'main');
    expect(report).toMatchObject({ mismatched: false, stored: 0, leaves: [] });
    expect(await repairs(bob)).toBe(0);
    expect(await ids(bob)).toEqual(await ids(alice));
  });

  it('a lost local row is found on the next sync and stored again, and logged as one repair', async () => {
    const { alice, bob } = await twoReplicas(4);
    const [lost] = await bob.db.ops.byBranch('main');
    await bob.db.ops.evict([lost!.id], 'nobody'); // the row is gone, with no mark that it was evicted
    expect(await ids(bob)).not.toContain(lost!.id);

    await bob.engine.syncNow();
    expect(await ids(bob)).toEqual(await ids(alice));
    expect(await repairs(bob)).toBe(1);
    await bob.engine.syncNow(); // healthy again: nothing more to repair
    expect(await repairs(bob)).toBe(1);
  });

  it('a checkpoint that skipped ahead is found, and only the skipped range is fetched', async () => {
    const { alice, bob } = await twoReplicas(3);
    for (let i = 0; i < 2; i++)
      await alice.ws.createItem({ path: `Acme.late${i}`, kind: 'fn', content: 'late' });
    await alice.engine.syncNow();
    // bob's checkpoint jumps past alice's two new ops without storing them.
    const newest = await bob.remote.pullOps({ branch: 'main', since: 0, limit: MAX_PULL_LIMIT });
    await bob.db.meta.set(syncKeys.opsCheckpoint('main'), newest.checkpoint);

    const digests: Parameters<typeof bob.remote.opsDigest>[0][] = [];
    const remote = bob.remote;
    const spied = Object.assign(Object.create(remote) as typeof remote, {
      opsDigest: (query: Parameters<typeof remote.opsDigest>[0]) => {
        digests.push(query);
        return remote.opsDigest(query);
      },
    });
    const report = await checkBranch({ ...ctxOf(bob), remote: spied }, 'main');
    expect(report).toMatchObject({ mismatched: true, stored: 2, resent: 0 });
    expect(await ids(bob)).toEqual(await ids(alice));
    expect(await repairs(bob)).toBe(1);
    // The fetched range holds the two skipped ops, not the whole branch.
    const fetched = digests.filter((q) => q.include === 'ops');
    expect(fetched).toHaveLength(1);
    await eventually(() => viewContents(bob.ws).length === 5, 'bob to show the two late items');
  });

  it('a server that cannot answer a digest (an older one) does not fail the sync', async () => {
    const alice = await world.client('alice', {
      antiEntropyEveryMs: 0,
      wrapRemote: (remote) =>
        Object.assign(Object.create(remote) as typeof remote, {
          opsDigest: () => Promise.reject(Object.assign(new Error('Route not found'), { code: 'not_found' })),
        }),
    });
    await alice.ws.createItem({ path: 'Acme.old', kind: 'fn', content: 'old' });
    await expect(alice.engine.syncNow()).resolves.toMatchObject({ branchId: 'main' });
    await eventually(() => alice.ws.getSnapshot().unsyncedOpCount === 0, 'the op to be sent');
    expect(alice.engine.getState().error).toBeNull();
    expect(await repairs(alice)).toBe(0);
  });

  it('an own op the server lost (a restore from an older backup) is sent again', async () => {
    const { alice } = await twoReplicas(2);
    const [mine] = await alice.db.ops.byBranch('main');
    const db = world.server.running.db;
    for (const sql of ['DELETE FROM op_heads WHERE op_id = $1', 'DELETE FROM ops WHERE id = $1'])
      await db.query(sql, [mine!.id]);
    expect(await world.server.countOps([mine!.id])).toBe(0);

    await alice.engine.syncNow();
    expect(await world.server.countOps([mine!.id])).toBe(1);
    expect(await repairs(alice)).toBe(1);
    const [again] = (await alice.db.ops.byBranch('main')).filter((op) => op.id === mine!.id);
    expect(again!.serverSeq).toBeGreaterThan(mine!.serverSeq!); // the server's new position for it
  });
});

/** The engine's context for a client, to run one check directly. */
function ctxOf(c: SyncClient) {
  return {
    db: c.db,
    remote: c.remote,
    identity: { userName: c.user, instanceId: `test-${c.user}` },
    now: Date.now,
    progress: () => undefined,
  };
}

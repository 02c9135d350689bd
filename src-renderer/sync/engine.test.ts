import { describe, expect, it } from 'vitest';
import { bulkOps } from '../../bench/fault-clients.js';
import { eventually, viewContents } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import type { Op, OpBody } from '../../src-shared/model/index.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

/**
 * The sync engine end to end: clients with their own local database,
 * Workspace, main's RemoteClient and SyncEngine, against a real server on
 * PostgreSQL and on PGlite.
 */
describe.each(BACKENDS)('sync engine on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);
  const client = world.client;

  it('two clients edit offline, then sync and converge', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    alice.setOffline(true);
    bob.setOffline(true);
    await alice.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'a1' });
    await bob.ws.createItem({ path: 'Acme.b', kind: 'fn', content: 'b1' });
    await expect(alice.engine.syncNow()).rejects.toMatchObject({ code: 'offline' });
    expect(alice.engine.getState().error).toBeNull(); // offline is a state, not an error
    alice.setOffline(false);
    bob.setOffline(false);
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await alice.engine.syncNow();
    await eventually(() => viewContents(alice.ws).length === 2, 'alice to see both items');
    await eventually(() => viewContents(bob.ws).length === 2, 'bob to see both items');
    expect(viewContents(alice.ws)).toEqual(['Acme.a=a1', 'Acme.b=b1']);
    expect(viewContents(bob.ws)).toEqual(viewContents(alice.ws));
    expect(alice.ws.getSnapshot().unsyncedOpCount).toBe(0);
  });

  it('a concurrent edit of one item becomes a conflict on both sides and sync completes', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const item = await alice.ws.createItem({ path: 'Acme.shared', kind: 'fn', content: 'v0' });
    await alice.engine.syncNow();
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId) !== undefined, 'bob to have the item');
    alice.setOffline(true);
    bob.setOffline(true);
    await alice.ws.updateContent(item.itemId, 'alice edit');
    await bob.ws.updateContent(item.itemId, 'bob edit');
    alice.setOffline(false);
    bob.setOffline(false);
    await alice.engine.syncNow();
    const bobSummary = await bob.engine.syncNow();
    const aliceSummary = await alice.engine.syncNow();
    expect(bobSummary.conflicts).toBe(1);
    expect(aliceSummary.conflicts).toBe(1);
    await eventually(() => alice.ws.item(item.itemId)?.conflict != null, 'alice to see the conflict');
    await eventually(() => bob.ws.item(item.itemId)?.conflict != null, 'bob to see the conflict');
    expect([...(alice.ws.item(item.itemId)?.heads ?? [])].sort()).toEqual(
      [...(bob.ws.item(item.itemId)?.heads ?? [])].sort(),
    );
  });

  it('marks an op the server refuses as failed, keeps it, and still sends the rest', async () => {
    const [good1, other, good2] = bulkOps('alice', 3) as [Op, Op, Op];
    const bad: Op = { ...other, type: 'update', parents: [good1.id] }; // a parent from another item
    const alice = await client('alice', {
      pushDelayMs: 1e9,
      seed: (db) => db.ops.insert([good1, bad, good2]),
    });
    await eventually(
      () => alice.engine.getState().lastSummary !== null || alice.engine.getState().error !== null,
      'first sync',
    );
    await alice.engine.syncNow();
    expect(await world.server.countOps([good1.id, bad.id, good2.id])).toBe(2);
    const kept = await alice.db.ops.unacknowledged();
    expect(kept.map((op) => op.id)).toEqual([bad.id]); // never deleted
    const failed = await alice.db.meta.get<Record<string, string>>('sync.failedOps');
    expect(Object.keys(failed ?? {})).toEqual([bad.id]);
    expect((await alice.engine.syncNow()).pushed).toBe(0); // not re-sent
  });

  it('stops on a refused account with a clear error and keeps local work', async () => {
    const alice = await client('alice', { pushDelayMs: 1e9 });
    await eventually(() => alice.engine.getState().lastSummary !== null, 'first sync');
    await world.server.running.admin.revokeAllTokens('alice');
    await alice.ws.createItem({ path: 'Acme.kept', kind: 'fn', content: 'k' });
    await expect(alice.engine.syncNow()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(alice.engine.getState().error).toMatch(/refused/);
    expect((await alice.db.ops.unacknowledged()).length).toBe(1);
  });

  it('resumes a push cut off by a server kill without losing or duplicating ops', async () => {
    let pushes = 0;
    let killed = false;
    const acks = { fresh: 0, again: 0 };
    let firstAnswered = () => undefined as void;
    const firstAnswer = new Promise<void>((resolve) => (firstAnswered = resolve));
    let killDone = () => undefined as void;
    const serverKilled = new Promise<void>((resolve) => (killDone = resolve));
    const cutting = (remote: RemoteApi): RemoteApi =>
      new Proxy(remote, {
        get(target, prop, receiver) {
          if (prop !== 'pushOps') return Reflect.get(target, prop, receiver) as unknown;
          return async (ops: readonly OpBody[]) => {
            const push = (pushes += 1);
            if (push === 3) await serverKilled; // sent while batch 2 waits: it meets the dead server
            const answer = await target.pushOps(ops);
            for (const ack of answer.acks) acks[ack.alreadyStored ? 'again' : 'fresh'] += 1;
            if (push === 1) firstAnswered();
            if (push === 2) {
              // Batches 1 and 2 travel together (push-pipeline.ts): batch 1's answer arrives first.
              await firstAnswer;
              killed = true;
              await world.server.kill(); // the server stored batch 2, but its answer never arrives
              killDone();
              throw Object.assign(new Error('connection reset'), { code: 'offline' });
            }
            return answer;
          };
        },
      });
    const ops = bulkOps('alice', 2100); // three batches of at most 1000
    const alice = await client('alice', { wrapRemote: cutting, seed: (db) => db.ops.insert(ops) });
    await eventually(() => killed, 'the server to be killed in the middle of the push').catch(
      (e: unknown) => {
        throw new Error(`${String(e)}; pushes ${pushes}; state ${JSON.stringify(alice.engine.getState())}`);
      },
    );
    await expect(alice.engine.syncNow()).rejects.toMatchObject({ code: 'offline' });
    expect((await alice.db.ops.unacknowledged()).length).toBe(1100); // batch 2's acks were lost
    await world.server.restart();
    expect(await world.server.countOps()).toBe(2000); // batches 1 and 2 were stored
    await alice.engine.syncNow();
    expect(await world.server.countOps()).toBe(2100);
    expect(acks).toEqual({ fresh: 2100, again: 1000 }); // 2100 stored once; batch 2 acknowledged again
    expect(await alice.db.ops.count()).toBe(2100);
    expect((await alice.db.ops.unacknowledged()).length).toBe(0);
    const seqs = new Set((await alice.db.ops.all()).map((op) => op.serverSeq));
    expect(seqs.size).toBe(2100);
    const bob = await client('bob');
    await bob.engine.syncNow();
    expect(await bob.db.ops.count()).toBe(2100);
  }, 90_000); // 2,100 ops through fake-indexeddb three times over, and a server restart
});

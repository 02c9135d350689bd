import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import type { MainPolicy } from '../../src-shared/model/index.js';
import { syncKeys } from '../../src-shared/sync/keys.js';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';

/** Per-branch sync and the four main policies, against a real server on both stores. */
describe.each(BACKENDS)('branch sync on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);
  const client = world.client;

  /** alice on a branch that changed `shared`; bob then changes `shared` and `other` on main. */
  async function divergedBranch(policy: MainPolicy) {
    const alice = await client('alice');
    const bob = await client('bob');
    const shared = await bob.ws.createItem({ path: 'Acme.shared', kind: 'fn', content: 's0' });
    const other = await bob.ws.createItem({ path: 'Acme.other', kind: 'fn', content: 'o0' });
    await bob.engine.syncNow();
    await alice.engine.syncNow();
    await eventually(() => alice.ws.getSnapshot().items.length === 2, 'alice to get main');
    const branch = await alice.ws.createBranch('feature-x');
    await alice.engine.setMainPolicy(branch.id, policy);
    await alice.ws.updateContent(shared.itemId, 's-branch');
    await alice.engine.syncNow(branch.id);
    await bob.ws.updateContent(shared.itemId, 's-main');
    await bob.ws.updateContent(other.itemId, 'o-main');
    await bob.engine.syncNow();
    return { alice, bob, branch, shared, other };
  }

  it('syncing a branch moves only that branch’s ops', async () => {
    const alice = await client('alice', { pushDelayMs: 1e9 }); // no eager push: only the explicit sync
    await eventually(() => alice.engine.getState().lastSummary !== null, 'the first sync to finish');
    alice.setOffline(true);
    await alice.ws.createItem({ path: 'Acme.onMain', kind: 'fn', content: 'm' });
    const branch = await alice.ws.createBranch('feature-x');
    await alice.ws.createItem({ path: 'Acme.onBranch', kind: 'fn', content: 'b' });
    alice.setOffline(false);
    const summary = await alice.engine.syncNow(branch.id);
    expect(summary.pushed).toBe(1);
    const unsent = await alice.db.ops.unacknowledged();
    expect(unsent.map((op) => op.path)).toEqual(['Acme.onMain']);
    const bob = await client('bob');
    await bob.engine.syncNow();
    await bob.engine.syncNow(branch.id);
    const paths = (await bob.db.ops.all()).map((op) => `${op.branchId === 'main' ? 'main' : 'x'}:${op.path}`);
    expect(paths).toEqual(['x:Acme.onBranch']);
  });

  it('notify: main is pulled, the base stays, and a notice names only the touched items', async () => {
    const { alice, branch, shared, other } = await divergedBranch('notify');
    await alice.engine.syncNow(branch.id);
    const notice = alice.engine.getState().notices.find((n) => n.kind === 'main-changed');
    expect(notice).toMatchObject({ branchId: branch.id, items: [{ itemId: shared.itemId, opCount: 1 }] });
    await eventually(() => alice.ws.item(shared.itemId)?.content === 's-branch', 'branch view');
    expect(alice.ws.item(other.itemId)?.content).toBe('o0'); // base did not move
    expect((await alice.db.ops.byBranch('main')).length).toBe(4); // but main was pulled
    const { conflicts } = await alice.engine.updateFromMain(branch.id);
    expect(conflicts).toBe(1);
    expect(alice.engine.getState().notices).toEqual([]);
    await eventually(() => alice.ws.item(other.itemId)?.content === 'o-main', 'base moved');
    expect(alice.ws.item(shared.itemId)?.conflict).not.toBeNull();
  });

  it('follow: the base moves with main and both-sided changes become conflicts', async () => {
    const { alice, branch, shared, other } = await divergedBranch('follow');
    const summary = await alice.engine.syncNow(branch.id);
    expect(summary.conflicts).toBe(1);
    await eventually(() => alice.ws.item(other.itemId)?.content === 'o-main', 'base followed main');
    expect(alice.ws.item(shared.itemId)?.conflict).not.toBeNull();
    const stored = await alice.db.branches.get(branch.id);
    expect(stored?.baseSeq).toBeGreaterThan(branch.baseSeq);
  });

  it("follow on someone else's branch: the base moves here only, and sync goes on without a refusal", async () => {
    const { alice, bob, branch, other } = await divergedBranch('follow');
    await alice.engine.syncNow(branch.id);
    const before = (
      await world.server.running.db.query('SELECT base_seq FROM branches WHERE id = $1', [branch.id])
    )[0];
    await bob.engine.syncNow(branch.id); // bob's main moved since alice's base: following moves it for bob
    await eventually(() => bob.ws.item(other.itemId) !== undefined, 'bob to see the branch');
    const local = await bob.db.branches.get(branch.id);
    expect(local?.createdBy).toBe('alice');
    expect(bob.engine.getState().error).toBeNull(); // the server was not asked to change alice's branch
    await bob.engine.syncNow(branch.id);
    const after = (
      await world.server.running.db.query('SELECT base_seq FROM branches WHERE id = $1', [branch.id])
    )[0];
    expect(after).toEqual(before);
  });

  it.each(['isolated', 'manual'] as const)(
    '%s: main is not pulled until Update from main',
    async (policy) => {
      const { alice, branch, other } = await divergedBranch(policy);
      await alice.engine.syncNow(branch.id);
      expect((await alice.db.ops.byBranch('main')).length).toBe(2);
      expect(alice.ws.item(other.itemId)?.content).toBe('o0');
      expect(alice.engine.getState().notices).toEqual([]);
      await alice.engine.updateFromMain(branch.id);
      expect((await alice.db.ops.byBranch('main')).length).toBe(4);
      await eventually(() => alice.ws.item(other.itemId)?.content === 'o-main', 'base moved');
    },
  );

  it('a branch merged elsewhere shows a notice on the other client', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const branch = await alice.ws.createBranch('feature-y');
    await alice.ws.createItem({ path: 'Acme.y', kind: 'fn', content: 'y' });
    await alice.engine.syncNow(branch.id);
    // Only its owner and collaborators may merge it: alice adds bob.
    const added = await fetch(
      new URL(routePath(syncRoutes.branchCollaborators, { id: branch.id }), world.server.url),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${world.server.tokens.get('alice')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ add: ['bob'] }),
      },
    );
    expect(added.status).toBe(200);
    await bob.engine.syncNow();
    expect(await bob.db.branches.get(branch.id)).not.toBeNull();
    await bob.engine.mergeBranchRemote(branch.id);
    await eventually(async () => (await bob.db.queue.all()).length === 0, 'the merge to be sent');
    await alice.engine.syncNow('main');
    const notice = alice.engine.getState().notices.find((n) => n.kind === 'branch-merged-elsewhere');
    expect(notice).toMatchObject({ branchId: branch.id, branchName: 'feature-y', by: 'bob' });
    expect((await alice.db.branches.get(branch.id))?.state).toBe('merged');
    alice.engine.dismissNotice(notice?.id ?? '');
    expect(alice.engine.getState().notices).toEqual([]);
  });

  it('a branch made, edited and merged offline syncs whole: no merge op waits on a parent not sent yet', async () => {
    const alice = await client('alice', { pushDelayMs: 1e9 }); // only the syncs below send
    await eventually(() => alice.engine.getState().lastSummary !== null, 'the first sync to finish');
    alice.setOffline(true);
    // Main's op, then the branch's op on top of it, then main's merge op on top of both: each
    // branch's ops need the other's on the server first, whichever branch goes first.
    const item = await alice.ws.createItem({ path: 'Acme.plan', kind: 'fn', content: 'main' });
    const branch = await alice.ws.createBranch('trip');
    await alice.ws.updateContent(item.itemId, 'branch');
    await alice.ws.switchBranch('main');
    const preview = alice.ws.branchMerge.preview(branch.id);
    const merged = await alice.ws.branchMerge.merge(branch.id, new Map(), preview, alice.engine);
    expect(merged.ops).toHaveLength(1);
    alice.setOffline(false);
    await alice.engine.syncNow('main');
    await eventually(async () => (await alice.db.queue.all()).length === 0, 'the queue to empty');
    expect(await alice.db.ops.unacknowledged()).toEqual([]);
    expect(alice.engine.getState().error).toBeNull();
    expect(await alice.db.meta.get(syncKeys.failedOps)).toBeFalsy();
    const bob = await client('bob');
    await bob.engine.syncNow();
    await eventually(() => bob.ws.item(item.itemId)?.content === 'branch', 'bob to see the merged item');
    expect((await bob.db.branches.get(branch.id))?.state).toBe('merged');
  });

  it('refuses a policy that does not exist and changes nothing', async () => {
    const alice = await client('alice');
    const branch = await alice.ws.createBranch('feature-z');
    await expect(alice.engine.setMainPolicy(branch.id, 'sometimes' as MainPolicy)).rejects.toThrow(
      /main policy/,
    );
    expect((await alice.db.branches.get(branch.id))?.mainPolicy).toBe('notify');
  });
});

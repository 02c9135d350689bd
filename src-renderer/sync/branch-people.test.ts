import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';

/** Sharing a branch through the sync engine, against a real server on both stores. */
describe.each(BACKENDS)('branch people on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);
  /** A client whose first sync has run (until then a sync runs the fresh start, not the branch). */
  const client = async (user: string, opts?: Parameters<typeof world.client>[1]) => {
    const person = await world.client(user, opts);
    await eventually(() => person.engine.getState().lastSummary !== null, `${user}'s first sync`);
    return person;
  };

  it('the owner shares a branch; the other person is told, may change it, and is told when it stops', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const branch = await alice.ws.createBranch('feature-x');
    await alice.ws.createItem({ path: 'Acme.x', kind: 'fn', content: 'x' }); // a sync sends a branch with changes
    await alice.engine.syncNow(branch.id);
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.branches.get(branch.id)) !== null, 'bob to know the branch');
    await bob.ws.switchBranch(branch.id);

    // Not shared yet: bob's policy change stays on his computer (the server would refuse it).
    expect(branch.mainPolicy).toBe('notify'); // the default
    await bob.engine.setMainPolicy(branch.id, 'manual');
    await bob.ws.createItem({ path: 'Bob.early', kind: 'fn', content: 'e' });
    await bob.engine.syncNow(branch.id);
    await alice.engine.syncNow(branch.id);
    expect((await alice.db.branches.get(branch.id))?.mainPolicy).toBe('notify');

    const shared = await alice.engine.changeCollaborators(branch.id, { add: ['bob'] });
    expect(shared.collaborators).toEqual(['bob']);
    expect((await alice.db.branches.get(branch.id))?.collaborators).toEqual(['bob']);
    expect(alice.engine.getState().notices).toEqual([]); // the owner is not told of her own change

    await bob.engine.syncNow(branch.id);
    expect(bob.engine.getState().notices).toContainEqual({
      id: `access-${branch.id}`,
      kind: 'branch-shared-with-you',
      branchId: branch.id,
      branchName: 'feature-x',
      owner: 'alice',
    });
    // Shared: bob's change of the record travels with his next edit, to the server and alice.
    await bob.engine.setMainPolicy(branch.id, 'follow');
    await bob.ws.createItem({ path: 'Bob.y', kind: 'fn', content: 'y' });
    await bob.engine.syncNow(branch.id);
    expect(bob.engine.getState().error).toBeNull();
    await alice.engine.syncNow(branch.id);
    expect((await alice.db.branches.get(branch.id))?.mainPolicy).toBe('follow');
    expect((await alice.db.ops.byBranch(branch.id)).map((op) => `${op.author}:${op.path}`)).toContain(
      'bob:Bob.y',
    );

    await alice.engine.changeCollaborators(branch.id, { remove: ['bob'] });
    await bob.engine.syncNow(branch.id);
    const access = bob.engine.getState().notices.filter((n) => n.id === `access-${branch.id}`);
    expect(access).toMatchObject([{ kind: 'branch-unshared-with-you', owner: 'alice' }]); // replaced, not added
    expect((await bob.db.branches.get(branch.id))?.collaborators).toEqual([]);
  });

  it('a change of how main reaches a branch syncs on its own, without an edit to carry it', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const branch = await alice.ws.createBranch('feature-p');
    await alice.ws.createItem({ path: 'Acme.p', kind: 'fn', content: 'p' });
    await alice.engine.syncNow(branch.id);
    await alice.engine.changeCollaborators(branch.id, { add: ['bob'] });
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.branches.get(branch.id)) !== null, 'bob to know the branch');
    await bob.engine.setMainPolicy(branch.id, 'manual');
    await bob.engine.syncNow(branch.id);
    await eventually(async () => (await bob.db.queue.all()).length === 0, "bob's change to be sent");
    await alice.engine.syncNow(branch.id);
    expect((await alice.db.branches.get(branch.id))?.mainPolicy).toBe('manual');
  });

  it('a branch never sent (no changes yet, so no sync sent it) is sent first, so it can be shared at once', async () => {
    const alice = await client('alice', { pushDelayMs: 1e9 });
    const branch = await alice.ws.createBranch('feature-new');
    const shared = await alice.engine.changeCollaborators(branch.id, { add: ['bob'] });
    expect(shared.collaborators).toEqual(['bob']);
    expect(alice.engine.getState().progress.phase).toBe('idle');
  });

  it('refusals come back to the caller in the server words, change nothing, and do not stop sync', async () => {
    const alice = await client('alice');
    const bob = await client('bob');
    const branch = await alice.ws.createBranch('feature-r');
    await alice.ws.createItem({ path: 'Acme.r', kind: 'fn', content: 'r' });
    await alice.engine.syncNow(branch.id);
    await bob.engine.syncNow();
    await eventually(async () => (await bob.db.branches.get(branch.id)) !== null, 'bob to know the branch');

    await expect(alice.engine.changeCollaborators(branch.id, { add: ['nobody'] })).rejects.toThrow(
      "Unknown user 'nobody'",
    );
    await expect(bob.engine.changeCollaborators(branch.id, { add: ['bob'] })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(alice.engine.changeCollaborators('br_missing1', { add: ['bob'] })).rejects.toThrow(
      'Only an open branch can be shared',
    );
    expect((await alice.db.branches.get(branch.id))?.collaborators).toEqual([]);
    // A refused share is not a refused account: both engines still sync.
    for (const person of [alice, bob]) {
      await person.engine.syncNow();
      expect(person.engine.getState().error).toBeNull();
    }
  });
});

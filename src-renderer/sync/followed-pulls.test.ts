import { describe, expect, it } from 'vitest';
import { eventually, type SyncClient } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import { syncKeys } from '../../src-shared/sync/keys.js';

/**
 * News of ops names no branch, so the leader pulls every branch the profile
 * follows, and compares each one's replica with the server when due, as a
 * sync of it would. Against a real server; the news is handed to the engine
 * as main passes it on.
 */
describe.each(BACKENDS)('followed-branch pulls on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);

  /** A client whose engine hears news only when the test says so; compares on every sync. */
  async function listening(user: string) {
    let tell: (changed?: unknown) => void = () => undefined;
    const client = await world.client(user, {
      antiEntropyEveryMs: 0,
      onRemoteChanged: (listener) => {
        tell = listener;
        return () => undefined;
      },
    });
    await eventually(() => client.engine.getState().lastSummary !== null, `${user}'s first sync`);
    // No payload: news of everything just past what is here, so it always pulls.
    return { client, news: () => tell() };
  }

  /**
   * alice's branch, shared with bob (so her profile follows it) and not shown:
   * she changed `shared` on it and went back to main.
   */
  async function followedBranch() {
    const { client: alice, news } = await listening('alice');
    const bob = await world.client('bob');
    const shared = await bob.ws.createItem({ path: 'Acme.shared', kind: 'fn', content: 's0' });
    const other = await bob.ws.createItem({ path: 'Acme.other', kind: 'fn', content: 'o0' });
    await bob.engine.syncNow();
    await alice.engine.syncNow();
    const branch = await alice.ws.createBranch('feature-f');
    await alice.ws.updateContent(shared.itemId, 's-branch');
    await alice.engine.syncNow(branch.id);
    await alice.engine.changeCollaborators(branch.id, { add: ['bob'] });
    await alice.ws.switchBranch('main');
    return { alice, bob, news, branch, shared, other };
  }

  /** Lets what the news set off run: past the engine's debounce, then through its serial chain. */
  async function settle(client: SyncClient): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.engine.runQueue();
  }

  it('a followed branch whose local row was lost is repaired after news', async () => {
    const { alice, bob, news, branch } = await followedBranch();
    await bob.engine.syncNow(); // bob learns of the branch shared with him, and edits on it
    await bob.ws.switchBranch(branch.id);
    await bob.ws.createItem({ path: 'Bob.onBranch', kind: 'fn', content: 'b' });
    await bob.engine.syncNow(branch.id);
    const held = async () => (await alice.db.ops.byBranch(branch.id)).map((op) => op.id).sort();
    news();
    await eventually(async () => (await held()).length === 2, "alice to pull bob's op as a followed branch");
    await settle(alice); // that news round is over: the next news is news again
    const before = await held();
    const [lost] = (await alice.db.ops.byBranch(branch.id)).filter((op) => op.author === 'bob');
    await alice.db.ops.evict([lost!.id], 'nobody'); // the row is gone, with no mark that it was evicted
    expect(await held()).not.toContain(lost!.id);

    news();
    const repairs = async () => (await alice.db.meta.get<number>(syncKeys.repairs)) ?? 0;
    await eventually(async () => (await repairs()) > 0, 'a repair'); // counted once the row is stored
    expect(await held()).toEqual(before);
    expect(await repairs()).toBe(1);
    expect(alice.ws.currentBranchId()).toBe('main'); // pulled as followed, not shown
  });
});

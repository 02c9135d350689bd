import { describe, expect, it } from 'vitest';
import { eventually } from '../../bench/sync-clients.js';
import { useSyncWorld } from '../../bench/sync-world.js';
import { startLiveStream } from '../../src-main/remote/live-stream.js';
import { BACKENDS } from '../../src-server/testing/harness.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

/**
 * The live stream's news carries topics and a change position, and the
 * engine honours them: the echo of our own push costs no pull, someone
 * else's change is pulled, against a real server and its real stream.
 */
describe.each(BACKENDS)('live news on %s', (backend) => {
  const world = useSyncWorld(backend, ['alice', 'bob']);

  /** A client whose engine hears the real stream, as main passes it on, and counts its op pulls. */
  async function listening(user: string) {
    const counts = { pulls: 0, news: 0 };
    const token = world.server.tokens.get(user) ?? '';
    const client = await world.client(user, {
      wrapRemote: (remote): RemoteApi =>
        Object.assign(Object.create(remote) as RemoteApi, {
          pullOps: (query: Parameters<RemoteApi['pullOps']>[0]) => {
            counts.pulls += 1;
            return remote.pullOps(query);
          },
        }),
      onRemoteChanged: (listener) => {
        const stream = startLiveStream({
          endpoint: { serverUrl: world.server.url, token },
          handlers: {
            onOpen: () => undefined,
            onEvent: (event) => {
              if (event.event !== 'hello' && event.event !== 'changed') return;
              const data = JSON.parse(event.data) as { changeSeq: number; topics?: string[] };
              counts.news += 1;
              // main's connection monitor turns hello into news of every topic
              listener({
                changeSeq: data.changeSeq,
                topics: data.topics ?? ['ops', 'branches', 'namespaces', 'approvals'],
              });
            },
            onDown: () => undefined,
          },
        });
        return () => stream.stop();
      },
    });
    return { client, counts };
  }

  it("our own push's echo costs no pull; someone else's change is pulled", async () => {
    const { client: alice, counts } = await listening('alice');
    await eventually(
      () => alice.engine.getState().lastSummary !== null && counts.news >= 1,
      'first sync and hello',
    );
    await alice.engine.syncNow(); // everything announced so far is here
    const pullsBefore = counts.pulls;
    const newsBefore = counts.news;

    await alice.ws.createItem({ path: 'Acme.mine', kind: 'fn', content: 'mine' });
    await eventually(() => alice.ws.getSnapshot().unsyncedOpCount === 0, 'the eager push');
    await eventually(() => counts.news > newsBefore, 'the echo of the push on the stream');
    // Let whatever the news set off run: past the engine's debounce, then through its serial chain.
    for (let i = 0; i < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await alice.engine.runQueue();
    }
    expect(counts.pulls).toBe(pullsBefore);

    const bob = await world.client('bob');
    const theirs = await bob.ws.createItem({ path: 'Acme.theirs', kind: 'fn', content: 'theirs' });
    await bob.engine.syncNow();
    await eventually(() => alice.ws.item(theirs.itemId) !== undefined, "alice to pull bob's item");
    expect(counts.pulls).toBeGreaterThan(pullsBefore);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/support/host-process.js';
import { bulkOps, replicaOf, serverOpIds, syncUntilSettled } from '../../bench/fault-clients.js';
import { openHostClient, type HostClient } from '../../bench/host-client.js';
import { judgeReplicas } from '../../bench/reliability-checks.js';
import { startSyncServer, type SyncServer } from '../../bench/sync-clients.js';
import { startFaultProxy, type FaultProxy } from '../../src-server/testing/fault-proxy.js';
import { BACKENDS, scratchDir, type Scratch } from '../../src-server/testing/harness.js';
import type { RemoteApi } from '../../src-shared/sync/remote-api.js';

const OPS = 1200; // two push batches, two pages of heads, two of history

/**
 * The client's host (main: credentials, network) is a real process; it is
 * killed with SIGKILL while a push and while a fresh pull are under way, and
 * started again on the same data folder. The renderer side keeps its
 * database, as a browser tab does, and must finish the sync with every op
 * stored once on the server and once in each replica.
 */
describe.each(BACKENDS)('a client host killed in the middle of a sync, on %s', (backend) => {
  let server: SyncServer;
  let proxy: FaultProxy;
  const dirs: Scratch[] = [];
  const clients: HostClient[] = [];

  beforeAll(async () => {
    server = await startSyncServer(backend, ['alice', 'bob']);
    proxy = await startFaultProxy({ targetPort: Number(new URL(server.url).port), seed: 77 });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const dir of dirs.splice(0)) await dir.remove();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.destroy();
  });

  async function hostClient(user: string, opts: Partial<Parameters<typeof openHostClient>[0]> = {}) {
    const dir = scratchDir('tether-host-');
    dirs.push(dir);
    const token = server.tokens.get(user) ?? '';
    const client = await openHostClient({
      user,
      port: await freePort(),
      dataDir: dir.location,
      signIn: { serverUrl: proxy.url, token },
      ...opts,
    });
    clients.push(client);
    return client;
  }

  async function killHostOf(user: string): Promise<void> {
    await clients.find((client) => client.user === user)?.killHost();
  }

  /** Kills the host when the `nth` call of `method` has been sent to it, before its answer. */
  function killOnCall(method: 'pushOps' | 'heads', nth: number, kill: () => Promise<void>) {
    let calls = 0;
    const state = { killed: false };
    const wrap = (remote: RemoteApi): RemoteApi => ({
      ...remote,
      [method]: (arg: never) => {
        calls += 1;
        const answer = (remote[method] as (a: never) => Promise<unknown>)(arg);
        if (calls === nth) {
          state.killed = true;
          void kill();
        }
        return answer;
      },
    });
    return { wrap, state };
  }

  it('finishes a push and a pull cut by host crashes, nothing lost or doubled', async () => {
    proxy.setRates({ delay: 0.2, maxDelayMs: 30 }); // slow enough that the kill lands mid-call
    const aliceKill = killOnCall('pushOps', 2, () => killHostOf('alice'));
    const alice = await hostClient('alice', {
      wrapRemote: aliceKill.wrap,
      seed: (db) => db.ops.insert(bulkOps('alice', OPS)),
    });
    await waitFor(() => aliceKill.state.killed, 'the host to be killed during the second push');
    expect((await alice.db.ops.unacknowledged()).length).toBeGreaterThan(0); // the push really was cut
    await alice.restartHost();
    await syncUntilSettled([alice], 120_000);
    expect(await server.countOps()).toBe(OPS);

    // A fresh client starts from item heads (pages of 1000), then fills history behind.
    const bobKill = killOnCall('heads', 2, () => killHostOf('bob'));
    const bob = await hostClient('bob', { wrapRemote: bobKill.wrap });
    await waitFor(() => bobKill.state.killed, 'the host to be killed during the second page of heads');
    expect(await bob.db.ops.count()).toBeLessThan(OPS); // the pull really was cut
    await bob.restartHost();
    await syncUntilSettled([alice, bob], 120_000);

    const serverIds = await serverOpIds(server);
    const created = bulkOps('alice', OPS).map((op) => op.id);
    const verdict = judgeReplicas(created, serverIds, [await replicaOf(alice), await replicaOf(bob)]);
    expect(verdict).toMatchObject({ lost: [], duplicated: [], converged: true });
    expect(serverIds.length).toBe(OPS);
  }, 240_000); // generous: a loaded 2-core machine runs this several times slower
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openFaultyClient, replicaOf, serverOpIds, syncUntilSettled } from '../../bench/fault-clients.js';
import { judgeReplicas } from '../../bench/reliability-checks.js';
import {
  eventually,
  startSyncServer,
  viewContents,
  type SyncClient,
  type SyncServer,
} from '../../bench/sync-clients.js';
import { startFaultProxy, seededRandom, type FaultProxy } from '../../src-server/testing/fault-proxy.js';
import { BACKENDS } from '../../src-server/testing/harness.js';

const USERS = ['alice', 'bob', 'carol'];
/** RxDB's open-source build allows 13 collections per process: two client databases at a time. */
const EDITORS = ['alice', 'bob'];
const SEED = Number(process.env.TETHER_FAULT_SEED ?? 5150);

/**
 * Several clients edit at once through a network that drops connections,
 * delays chunks and resets connections in the middle of requests, answers
 * and the live stream. When the dust settles every replica must hold exactly
 * the server's ops, each once, and show the same items.
 */
describe.each(BACKENDS)('sync through a faulty network on %s', (backend) => {
  let server: SyncServer;
  let proxy: FaultProxy;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    server = await startSyncServer(backend, USERS);
    proxy = await startFaultProxy({ targetPort: Number(new URL(server.url).port), seed: SEED });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.destroy();
  });

  it('clients editing through drops, delays and mid-body resets converge with nothing lost or doubled', async () => {
    proxy.setRates({ drop: 0.05, delay: 0.15, maxDelayMs: 40, resetRequest: 0.03, resetResponse: 0.08 });
    for (const user of EDITORS)
      clients.push(await openFaultyClient(server, proxy, user, { pushDelayMs: 10 }));
    // Editing goes on, a round at a time, until the network really was bad in the middle of both
    // requests and answers: how many requests a round makes depends on timing, so one round on a
    // loaded machine sometimes drew no mid-request reset.
    const writes = clients.map(() => 0);
    for (let round = 0; round === 0 || (!resetBothWays(proxy) && round < 6); round++) {
      const done = await Promise.all(clients.map((client, i) => editRandomly(client, SEED + i, 25, round)));
      done.forEach((n, i) => (writes[i] = (writes[i] ?? 0) + n));
    }
    await syncUntilSettled(clients, 150_000);
    const faults = proxy.counts();
    expect(faults.resetMidRequest).toBeGreaterThan(0);
    expect(faults.resetMidResponse).toBeGreaterThan(0);
    expect(faults.total).toBeGreaterThan(10);

    const serverIds = await serverOpIds(server);
    expect(serverIds.length).toBe(writes.reduce((a, b) => a + b, 0));
    for (const [i, client] of clients.entries()) {
      const own = (await client.db.ops.all()).filter((op) => op.author === client.user);
      expect(own.length).toBe(writes[i]); // every write made exactly one op, and it is still here
    }
    await eventually(
      () =>
        clients.every(
          (c) => JSON.stringify(viewContents(c.ws)) === JSON.stringify(viewContents(clients[0]!.ws)),
        ),
      'every client to show the same items',
    );
    const replicas = await Promise.all(clients.map((c) => replicaOf(c)));
    // A third replica that starts empty and pulls everything through the same bad network.
    await clients.pop()?.close();
    const carol = await openFaultyClient(server, proxy, 'carol');
    clients.push(carol);
    await syncUntilSettled([carol], 150_000);
    // Her start was heads first; the history behind it fills in the background, and a fill the
    // network cut short starts again with a later sync.
    await eventually(
      async () => {
        if (!carol.engine.getState().historyComplete) await carol.engine.syncNow().catch(() => undefined);
        return carol.engine.getState().historyComplete;
      },
      'carol to have all history',
      60_000,
    );
    await eventually(
      () => viewContents(carol.ws).length === replicas[0]?.view.length,
      'carol to show every item',
    );
    replicas.push(await replicaOf(carol));
    const verdict = judgeReplicas([], serverIds, replicas);
    expect(verdict, verdict.differences.join('; ')).toMatchObject({
      lost: [],
      duplicated: [],
      converged: true,
    });
  }, 240_000); // generous: a loaded 2-core machine runs this several times slower
});

/** `steps` random writes: new items, and edits of any item the client sees (its own or others'). */
function resetBothWays(proxy: FaultProxy): boolean {
  const counts = proxy.counts();
  return counts.resetMidRequest > 0 && counts.resetMidResponse > 0;
}

async function editRandomly(client: SyncClient, seed: number, steps: number, round: number): Promise<number> {
  const random = seededRandom(seed + round * 1_000);
  let writes = 0;
  for (let step = 0; step < steps; step++) {
    const items = client.ws.getSnapshot().items.filter((item) => !item.conflict);
    const target = items[Math.floor(random() * items.length)];
    if (target === undefined || random() < 0.4) {
      await client.ws.createItem({
        path: `Acme.${client.user}R${round}Item${step}`,
        kind: 'fn',
        content: `v${step}`,
      });
    } else {
      // The round is part of it: the same step of a later round would otherwise write what is there, and make no op.
      await client.ws.updateContent(target.itemId, `${client.user} round ${round} step ${step}`);
    }
    writes += 1;
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)));
  }
  return writes;
}

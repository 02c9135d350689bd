import { beforeEach, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { followOp, makeOp, userClient } from '../testing/client.js';
import type { SharedServer } from '../testing/harness.js';

/** GET /v1/ops/item-history: run by sync-api.test.ts on a server it shares. */
export function itemHistoryCases(shared: SharedServer): void {
  let alice: TestClient; // owns Acme
  let bob: TestClient; // owns nothing

  beforeEach(async () => {
    const server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    await server.admin.setOwners('Acme', ['alice']);
  });

  const push = async (client: TestClient, ops: OpBody[]) =>
    expect((await client.post(syncRoutes.pushOps, { ops })).status).toBe(200);
  const history = (client: TestClient, query: string) => client.get(`${syncRoutes.itemHistory}?${query}`);

  it("returns one item's ops on a branch in change order, paged like pull", async () => {
    const first = makeOp('alice', { path: 'Acme.one' });
    const second = followOp(first, { content: 'v2' });
    const third = followOp(second, { content: 'v3' });
    await push(alice, [first, second, third, makeOp('alice', { path: 'Acme.other' })]);

    const all = await history(bob, `branch=main&item=${first.itemId}`);
    expect(all.status).toBe(200);
    expect(all.body.ops.map((op: OpBody) => op.id)).toEqual([first.id, second.id, third.id]);
    expect(all.body.hasMore).toBe(false);

    const page = await history(bob, `branch=main&item=${first.itemId}&limit=2`);
    expect(page.body.ops).toHaveLength(2);
    expect(page.body.hasMore).toBe(true);
    const rest = await history(bob, `branch=main&item=${first.itemId}&since=${page.body.checkpoint}`);
    expect(rest.body.ops.map((op: OpBody) => op.id)).toEqual([third.id]);
  });

  it('hides what pull hides: pending ops of others outside the namespaces one owns', async () => {
    const mine = makeOp('bob', { path: 'Acme.bobs' }); // bob owns nothing: pending
    await push(bob, [mine]);
    expect((await history(bob, `branch=main&item=${mine.itemId}`)).body.ops).toHaveLength(1);
    expect((await history(alice, `branch=main&item=${mine.itemId}`)).body.ops).toHaveLength(1); // owner
    const carol = await userClient(shared.server.admin, shared.server.url, 'carol');
    const hidden = await history(carol, `branch=main&item=${mine.itemId}`);
    expect(hidden.body.ops).toHaveLength(0);
    expect(hidden.body.checkpoint).toBeGreaterThan(0); // the scan still moves on
  });

  it('refuses a bad query with a clear message and needs a token', async () => {
    const bad = await history(alice, 'branch=main&item=no');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/item/);
    expect((await history(alice, 'branch=main')).status).toBe(400);
    const anonymous = await shared.server.url;
    const res = await fetch(new URL(`${syncRoutes.itemHistory}?branch=main&item=item_12345678`, anonymous));
    expect(res.status).toBe(401);
  });
}

import { beforeEach, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { TestClient } from '../testing/client.js';
import { followOp, makeOp, openBranch, userClient } from '../testing/client.js';
import type { SharedServer, TestServer } from '../testing/harness.js';

const ids = (body: { ops: { id: string }[] }) => body.ops.map((op) => op.id).sort();

/** Approval status and visibility: run by sync-api.test.ts on a server it shares. */
export function visibilityCases(shared: SharedServer): void {
  let server: TestServer;
  let alice: TestClient; // owns Acme
  let bob: TestClient; // owns nothing
  let carol: TestClient; // owns Acme.Billing only

  beforeEach(async () => {
    server = shared.server;
    alice = await userClient(server.admin, server.url, 'alice');
    bob = await userClient(server.admin, server.url, 'bob');
    carol = await userClient(server.admin, server.url, 'carol');
    await server.admin.setOwners('Acme', ['alice']);
    await server.admin.setOwners('Acme.Billing', ['carol']);
  });

  const push = async (client: TestClient, ops: OpBody[]) => {
    const res = await client.post(syncRoutes.pushOps, { ops });
    expect(res.status).toBe(200);
    return res.body.acks as { id: string; status: string; changeSeq: number }[];
  };
  const pull = async (client: TestClient, since = 0, branch = 'main') =>
    (await client.get(`${syncRoutes.pullOps}?branch=${branch}&since=${since}`)).body;

  it('approves an op when the author owns its namespace or a parent of it, else leaves it pending', async () => {
    const acks = await push(alice, [
      makeOp('alice', { path: 'Acme.top' }),
      makeOp('alice', { path: 'Acme.Billing.Deep.charge' }),
      makeOp('alice', { path: 'Other.thing' }),
      makeOp('alice', { path: 'Acmeish.thing' }),
    ]);
    expect(acks.map((a) => a.status)).toEqual(['approved', 'approved', 'pending', 'pending']);
    const bobs = await push(bob, [makeOp('bob', { path: 'Acme.Billing.charge' })]);
    expect(bobs[0]?.status).toBe('pending');
    const carols = await push(carol, [
      makeOp('carol', { path: 'Acme.Billing.charge' }),
      makeOp('carol', { path: 'Acme.top' }),
    ]);
    expect(carols.map((a) => a.status)).toEqual(['approved', 'pending']);
  });

  it('needs ownership of both sides for a rename out of a namespace', async () => {
    const create = makeOp('carol', { path: 'Acme.Billing.charge' });
    await push(carol, [create]);
    const move = followOp(create, { type: 'rename', path: 'Carolspace.charge' });
    await server.admin.setOwners('Carolspace', ['carol']);
    const [ack] = await push(carol, [move]);
    expect(ack?.status).toBe('approved');
    const bobCreate = makeOp('bob', { path: 'Bobspace.x' });
    await server.admin.setOwners('Bobspace', ['bob']);
    await push(bob, [bobCreate]);
    const steal = makeOp('bob', {
      itemId: create.itemId,
      type: 'rename',
      parents: [create.id],
      path: 'Bobspace.charge',
    });
    const [stolen] = await push(bob, [steal]);
    expect(stolen?.status).toBe('pending');
    // Carol owns the namespace the item left, so she sees Bob's pending rename.
    expect(ids(await pull(carol))).toContain(steal.id);
  });

  it('shows approved ops to all, own ops to their author, and pending ops to owners only', async () => {
    const approved = makeOp('alice', { path: 'Acme.a' });
    await push(alice, [approved]);
    const bobPending = makeOp('bob', { path: 'Acme.Billing.b' });
    const bobOutside = makeOp('bob', { path: 'Nobody.c' });
    await push(bob, [bobPending, bobOutside]);

    expect(ids(await pull(bob))).toEqual([approved.id, bobPending.id, bobOutside.id].sort());
    // Alice owns Acme (a parent of Acme.Billing), Carol owns Acme.Billing: both see Bob's pending op there.
    expect(ids(await pull(alice))).toEqual([approved.id, bobPending.id].sort());
    expect(ids(await pull(carol))).toEqual([approved.id, bobPending.id].sort());
    const dave = await userClient(server.admin, server.url, 'dave');
    expect(ids(await pull(dave))).toEqual([approved.id]);
  });

  it('re-delivers an op whose status changes, and hides others\u2019 rejected ops', async () => {
    const pending = makeOp('bob', { path: 'Acme.x' });
    await push(bob, [pending]);
    const dave = await userClient(server.admin, server.url, 'dave');
    const first = await pull(dave);
    expect(first.ops).toEqual([]);
    expect(first.checkpoint).toBeGreaterThan(0); // hidden rows still move the checkpoint

    const approved = await server.admin.setOpStatus(pending.id, 'approved', 'approval_1');
    const second = await pull(dave, first.checkpoint);
    expect(second.ops).toMatchObject([{ id: pending.id, status: 'approved', approvalId: 'approval_1' }]);
    expect(second.checkpoint).toBe(approved.changeSeq);

    await server.admin.setOpStatus(pending.id, 'rejected');
    expect((await pull(dave, second.checkpoint)).ops).toEqual([]);
    expect((await pull(alice)).ops).toEqual([]);
    expect((await pull(bob)).ops).toMatchObject([{ id: pending.id, status: 'rejected' }]);
  });

  it('re-delivers pending ops to a user who becomes an owner', async () => {
    const pending = makeOp('bob', { path: 'Zed.x' });
    await push(bob, [pending]);
    const dave = await userClient(server.admin, server.url, 'dave');
    const before = await pull(dave);
    expect(before.ops).toEqual([]);
    await server.admin.setOwners('Zed', ['dave']);
    expect(ids(await pull(dave, before.checkpoint))).toEqual([pending.id]);
  });

  it('pages by checkpoint without skipping or repeating', async () => {
    const ops = Array.from({ length: 7 }, () => makeOp('alice', { path: 'Acme.p' }));
    await push(alice, ops);
    const seen: string[] = [];
    let since = 0;
    for (let page = 0; page < 10; page++) {
      const res = (await alice.get(`${syncRoutes.pullOps}?branch=main&since=${since}&limit=3`)).body;
      seen.push(...res.ops.map((op: { id: string }) => op.id));
      since = res.checkpoint;
      if (!res.hasMore) break;
    }
    expect(seen).toEqual(ops.map((op) => op.id));
  });

  it('keeps branches apart in pull', async () => {
    const onMain = makeOp('alice', { path: 'Acme.m' });
    const onBranch = makeOp('alice', { path: 'Acme.m', branchId: 'branch_feature1' });
    await openBranch(alice, 'alice', 'branch_feature1');
    await push(alice, [onMain, onBranch]);
    expect(ids(await pull(bob, 0, 'main'))).toEqual([onMain.id]);
    expect(ids(await pull(bob, 0, 'branch_feature1'))).toEqual([onBranch.id]);
  });

  it('lists item heads as the caller sees them, paged, with a checkpoint to pull from', async () => {
    const one = makeOp('alice', { path: 'Acme.one' });
    const oneNext = followOp(one);
    const two = makeOp('alice', { path: 'Acme.two' });
    const sideA = followOp(two);
    const sideB = followOp(two); // a conflict: two heads
    await push(alice, [one, oneNext, two, sideA, sideB]);
    const bobEdit = followOp(oneNext, { author: 'bob' }); // pending: hidden from dave, visible to bob
    await push(bob, [bobEdit]);
    const dave = await userClient(server.admin, server.url, 'dave');

    const headsOf = async (client: TestClient) => {
      const found: string[] = [];
      let cursor: string | null = null;
      let checkpoint = -1;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const res = (await client.get(`${syncRoutes.heads}?branch=main&limit=1${query}`)).body;
        if (checkpoint < 0) checkpoint = res.checkpoint;
        found.push(...res.ops.map((op: { id: string }) => op.id));
        cursor = res.nextCursor;
      } while (cursor);
      return { found: found.sort(), checkpoint };
    };
    const forDave = await headsOf(dave);
    expect(forDave.found).toEqual([oneNext.id, sideA.id, sideB.id].sort());
    expect(forDave.checkpoint).toBeGreaterThan(0);
    expect((await headsOf(bob)).found).toEqual([bobEdit.id, sideA.id, sideB.id].sort());
    const bad = await dave.get(`${syncRoutes.heads}?branch=main&cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('cursor');
  });
}

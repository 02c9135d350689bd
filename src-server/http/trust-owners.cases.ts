import { beforeEach, expect, it } from 'vitest';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { pullAll, pullRequests, push, submit, submitBody } from '../testing/approval-world.js';
import type { Json, TestClient } from '../testing/client.js';
import { makeOp, userClient } from '../testing/client.js';
import type { SharedServer } from '../testing/harness.js';

const statuses = (acks: Json[]) => acks.map((ack) => ack.status);

/** Issue 13: how namespaces get their first owners, on a server that lets the first pusher claim. */
export function claimCases(shared: SharedServer): void {
  let alice: TestClient;
  let bob: TestClient;

  beforeEach(async () => {
    alice = await userClient(shared.server.admin, shared.server.url, 'alice');
    bob = await userClient(shared.server.admin, shared.server.url, 'bob');
  });

  it('makes the first pusher into a top-level namespace nobody owns its owner', async () => {
    expect((await alice.get(syncRoutes.me)).body).toMatchObject({
      namespaceClaim: 'first-push',
      ownedNamespaces: [],
    });
    const acks = await push(alice, [makeOp('alice', { path: 'Newco.Billing.charge' })]);
    expect(statuses(acks)).toEqual(['approved']);
    expect((await alice.get(syncRoutes.me)).body.ownedNamespaces).toEqual(['Newco']);
    const pulled = await bob.get(`${syncRoutes.pullNamespaces}?since=0`);
    expect(pulled.body.namespaces).toMatchObject([{ path: 'Newco', owners: ['alice'] }]);
    // Bob comes second: his work there waits for alice.
    expect(statuses(await push(bob, [makeOp('bob', { path: 'Newco.Billing.refund' })]))).toEqual(['pending']);
  });

  it('claims nothing where someone already owns a namespace below the top', async () => {
    await shared.server.admin.setOwners('Acme.Billing', ['bob']);
    expect(statuses(await push(alice, [makeOp('alice', { path: 'Acme.Other.x' })]))).toEqual(['pending']);
    expect((await alice.get(syncRoutes.me)).body.ownedNamespaces).toEqual([]);
  });

  it('gives a namespace to exactly one of several first pushers at the same moment', async () => {
    const names = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const clients = await Promise.all(
      names.map((n) => userClient(shared.server.admin, shared.server.url, n)),
    );
    const answers = await Promise.all(
      clients.map((client, i) => push(client, [makeOp(names[i] as string, { path: 'Race.Team.item' })])),
    );
    const owners = (await shared.server.admin.listNamespaces()).filter((ns) => ns.path === 'Race');
    expect(owners).toHaveLength(1);
    expect(owners[0]?.owners).toHaveLength(1);
    const winner = names.indexOf(owners[0]?.owners[0] as string);
    expect(answers.map((acks, i) => [i === winner, acks[0].status])).toEqual(
      names.map((_, i) => [i === winner, i === winner ? 'approved' : 'pending']),
    );
  });
}

/** Issue 13: on a server where only an admin names owners. */
export function adminOwnerCases(shared: SharedServer): void {
  let alice: TestClient;
  let bob: TestClient;

  beforeEach(async () => {
    alice = await userClient(shared.server.admin, shared.server.url, 'alice');
    bob = await userClient(shared.server.admin, shared.server.url, 'bob');
  });

  it('claims nothing, and approves her own pending work when an admin makes her owner', async () => {
    expect((await alice.get(syncRoutes.me)).body.namespaceClaim).toBe('admin');
    const ops = [makeOp('alice', { path: 'Acme.Billing.a' }), makeOp('alice', { path: 'Acme.Billing.b' })];
    expect(statuses(await push(alice, ops))).toEqual(['pending', 'pending']);
    const request = await submit(alice, submitBody(ops));
    const bobs = makeOp('bob', { path: 'Acme.Billing.c' });
    await push(bob, [bobs]);
    await shared.server.admin.setOwners('Acme', ['alice']);
    const seen = await pullAll(bob);
    expect(ops.map((op) => seen.get(op.id)?.status)).toEqual(['approved', 'approved']);
    expect(seen.get(bobs.id)?.status).toBe('pending'); // bob's op is not hers: it still waits
    const [listed] = (await pullRequests(alice, '&role=author')).requests;
    expect(listed).toMatchObject({ id: request.id, state: 'approved', decidedBy: 'alice' });
    expect(listed.items.map((item: Json) => item.decision)).toEqual(['approved', 'approved']);
  });

  it('approves a new co-owner’s pending work when an owner adds them', async () => {
    await shared.server.admin.setOwners('Acme', ['alice']);
    const [ack] = await push(bob, [makeOp('bob', { path: 'Acme.Billing.x' })]);
    expect(ack.status).toBe('pending');
    const add = await alice.post(routePath(syncRoutes.namespaceOwners, { path: 'Acme.Billing' }), {
      add: ['bob'],
    });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    expect([...(await pullAll(alice)).values()].map((op) => op.status)).toEqual(['approved']);
  });
}

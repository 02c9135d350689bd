import { beforeEach, expect, it } from 'vitest';
import type { OpBody } from '../../src-shared/model/index.js';
import { routePath, syncRoutes } from '../../src-shared/sync-protocol/index.js';
import type { ApprovalWorld } from '../testing/approval-world.js';
import {
  approvalRoute,
  approvalWorld,
  bobPending,
  pullAll,
  push,
  submit,
  submitBody,
} from '../testing/approval-world.js';
import type { Json, TestClient } from '../testing/client.js';
import { branchRecord, followOp, makeOp, newId, userClient } from '../testing/client.js';
import type { SharedServer } from '../testing/harness.js';

/** A response with the given ids replaced, so two refusals can be compared whole. */
const masked = (res: { status: number; body: Json }, ...ids: string[]) => {
  let text = JSON.stringify(res);
  for (const [i, id] of ids.entries()) text = text.replaceAll(id, `<id${i}>`);
  return JSON.parse(text);
};

/**
 * Issue 13: the server decides an op's status from the item as it knows it,
 * refuses what cannot be right, and tells nothing about what the caller
 * cannot see. Run by trust-api.test.ts (alice owns Acme, dave owns Other,
 * mallory owns Mal, bob and carol own nothing).
 */
export function trustItemCases(shared: SharedServer): void {
  let w: ApprovalWorld;
  let mallory: TestClient;

  beforeEach(async () => {
    w = await approvalWorld(shared.server);
    mallory = await userClient(shared.server.admin, shared.server.url, 'mallory');
    await shared.server.admin.setOwners('Mal', ['mallory']);
  });

  const storedOfItem = async (itemId: string) =>
    (await shared.server.db.query<{ id: string; status: string }>(
      'SELECT id, status FROM ops WHERE item_id = $1 ORDER BY server_seq',
      [itemId],
    )) as { id: string; status: string }[];

  it('gives an owner of another namespace no approved change to an item by reusing its itemId', async () => {
    const charge = makeOp('alice', { path: 'Acme.Billing.charge' });
    await push(w.alice, [charge]);
    const inMal = { itemId: charge.itemId, path: 'Mal.charge', author: 'mallory' };

    // A second create of the item, from her own namespace: refused, nothing stored.
    const again = await mallory.post(syncRoutes.pushOps, { ops: [makeOp('mallory', inMal)] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', field: 'itemId' });
    expect(again.body.error.message).toMatch(/already exists/);
    // An update or delete naming a parent the server does not know: refused.
    const unknownParent = newId('op');
    for (const type of ['update', 'delete'] as const) {
      const op = makeOp('mallory', { ...inMal, type, parents: [unknownParent] });
      const res = await mallory.post(syncRoutes.pushOps, { ops: [op] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ opId: op.id, field: 'parents' });
      expect(res.body.error.message).toMatch(/is not known to the server/);
    }
    // On the real parent, with a path in Mal, a chain in one batch, a delete: all pending.
    const update = followOp(charge, inMal);
    const onTop = followOp(update, { type: 'delete' });
    const acks = await push(mallory, [update, onTop]);
    expect(acks.map((a) => a.status)).toEqual(['pending', 'pending']);
    expect((await storedOfItem(charge.itemId)).map((o) => o.status)).toEqual([
      'approved',
      'pending',
      'pending',
    ]);
    expect([...(await pullAll(w.carol)).keys()]).toEqual([charge.id]);
  });

  it('lets two pushes starting the same new item at the same moment store one of them, never both', async () => {
    // Before the check ran under the database's own rule, both could pass it:
    // each read "no such item" before either stored. Tried 12 times, on main and across branches.
    for (let round = 0; round < 12; round++) {
      const itemId = newId('item');
      const mine = makeOp('alice', { itemId, path: 'Acme.Billing.charge' });
      const theirs = makeOp('mallory', { itemId, path: 'Mal.charge' });
      const [a, m] = await Promise.all([
        w.alice.post(syncRoutes.pushOps, { ops: [mine] }),
        mallory.post(syncRoutes.pushOps, { ops: [theirs] }),
      ]);
      expect([a.status, m.status].sort()).toEqual([200, 409]);
      const refused = a.status === 409 ? a : m;
      expect(refused.body.error).toMatchObject({ code: 'conflict', field: 'itemId' });
      expect(refused.body.error.message).toMatch(/already exists/);
      expect(await storedOfItem(itemId)).toHaveLength(1);
    }
  });

  it('counts where the item lives now, even for an op built on an old version of it', async () => {
    await w.server.admin.setOwners('Other', ['dave', 'mallory']);
    const create = makeOp('dave', { path: 'Other.rate' });
    const moved = followOp(create, { type: 'rename', path: 'Acme.rate' });
    await w.server.admin.setOwners('Acme', ['alice', 'dave']);
    expect((await push(w.dave, [create, moved])).map((a) => a.status)).toEqual(['approved', 'approved']);
    // Mallory co-owns Other, where the item was: an edit on the old version is still Acme's to approve.
    const [ack] = await push(mallory, [followOp(create, { author: 'mallory' })]);
    expect(ack.status).toBe('pending');
    // A move across namespaces needs both: alice owns Acme but not Mal.
    const [move] = await push(w.alice, [
      followOp(moved, { author: 'alice', type: 'rename', path: 'Mal.rate' }),
    ]);
    expect(move.status).toBe('pending');
  });

  it('refuses parent cycles and keeps every item with a head', async () => {
    const root = makeOp('alice', { path: 'Acme.loop' });
    await push(w.alice, [root]);
    const a = followOp(root);
    const b = followOp(a);
    const loopA = { ...a, parents: [b.id] };
    const res = await w.alice.post(syncRoutes.pushOps, { ops: [loopA, b] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/parent cycle/);
    const create = makeOp('alice', { path: 'Acme.loop2' });
    const looped = { ...create, parents: [b.id] };
    const self = { ...b, itemId: create.itemId, parents: [looped.id] };
    expect((await w.alice.post(syncRoutes.pushOps, { ops: [looped, self] })).status).toBe(400);
    // Across pushes a cycle cannot form: the later op would name a parent the server does not know.
    expect((await w.alice.post(syncRoutes.pushOps, { ops: [loopA] })).status).toBe(400);
    expect((await storedOfItem(root.itemId)).map((o) => o.id)).toEqual([root.id]);
    const heads = await w.bob.get(`${syncRoutes.heads}?branch=main`);
    expect(heads.body.ops.map((op: Json) => op.id)).toEqual([root.id]);
  });

  it('refuses ops into an unknown or abandoned branch, and still takes late ops of a merged one', async () => {
    const base = makeOp('alice', { path: 'Acme.b' });
    await push(w.alice, [base]);
    const unknown = followOp(base, { branchId: newId('br') });
    const res = await w.alice.post(syncRoutes.pushOps, { ops: [unknown] });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ opId: unknown.id, branchId: unknown.branchId, field: 'branchId' });
    expect(res.body.error.message).toMatch(/not known to the server/);

    const [abandoned, merged] = [branchRecord('alice'), branchRecord('alice')];
    await w.alice.post(syncRoutes.pushBranches, { branches: [abandoned, merged] });
    const late = followOp(base, { branchId: merged.id });
    expect((await w.alice.post(routePath(syncRoutes.abandonBranch, { id: abandoned.id }))).status).toBe(200);
    expect((await w.alice.post(routePath(syncRoutes.mergeBranch, { id: merged.id }))).status).toBe(200);
    const into = followOp(base, { branchId: abandoned.id });
    const refused = await w.alice.post(syncRoutes.pushOps, { ops: [into] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/was abandoned/);
    expect((await push(w.alice, [late]))[0].status).toBe('approved');
    expect((await storedOfItem(base.itemId)).map((o) => o.id)).toEqual([base.id, late.id]);
  });

  it.each(['NaN', 'zzzz', '001700000000000-000000-node\n', '1700000000000-0-node', ''])(
    'refuses the stamp %j with a 400 naming the op, storing nothing',
    async (hlc) => {
      const good = makeOp('alice', { path: 'Acme.ok' });
      const bad = makeOp('alice', { path: 'Acme.stamp', hlc });
      const res = await w.alice.post(syncRoutes.pushOps, { ops: [good, bad] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', opId: bad.id, field: 'hlc' });
      expect(res.body.error.message).toContain(bad.id);
      expect(await storedOfItem(good.itemId)).toEqual([]);
    },
  );

  it('answers about a parent the caller cannot see exactly as about one that does not exist', async () => {
    const [hidden] = (await bobPending(w)) as [OpBody];
    const mine = makeOp('carol', { path: 'Acme.c' });
    await push(w.carol, [mine]);
    const attempt = async (parent: string, itemId: string) => {
      const op = followOp(mine, { itemId, parents: [parent] });
      return masked(await w.carol.post(syncRoutes.pushOps, { ops: [op] }), op.id, parent, itemId);
    };
    const nothing = newId('op');
    // Same item as the hidden op, and another item: both read as "not known".
    expect(await attempt(hidden.id, hidden.itemId)).toEqual(await attempt(nothing, hidden.itemId));
    expect(await attempt(hidden.id, mine.itemId)).toEqual(await attempt(nothing, mine.itemId));
    expect((await attempt(nothing, mine.itemId)).status).toBe(400);
  });

  it('names no differing field when an op id is reused against an op the caller cannot see', async () => {
    const [hidden] = (await bobPending(w)) as [OpBody];
    const reused = { ...hidden, author: 'carol', content: 'something else' };
    const res = await w.carol.post(syncRoutes.pushOps, { ops: [reused] });
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBeUndefined();
    expect(res.body.error.message).not.toMatch(/content|author|path/);
    // Alice owns Acme and sees the pending op, so she is told the field.
    const seen = await w.alice.post(syncRoutes.pushOps, { ops: [{ ...hidden, author: 'alice' }] });
    expect(seen.body.error).toMatchObject({ code: 'conflict', field: 'author' });
  });

  it('answers about an approval request the caller cannot see exactly as about one that does not exist', async () => {
    const request = await submit(w.bob, submitBody(await bobPending(w)));
    const nothing = newId('apr');
    const calls: [string, (id: string) => Promise<{ status: number; body: Json }>][] = [
      ['read', (id) => w.carol.get(approvalRoute('approval', id))],
      ['diff', (id) => w.carol.get(approvalRoute('approvalDiff', id))],
      ['decide', (id) => w.carol.post(approvalRoute('approvalDecision', id), { decision: 'approve' })],
      ['comment', (id) => w.carol.post(approvalRoute('approvalComments', id), { text: 'hi' })],
      [
        'revise',
        (id) => w.carol.request('PUT', approvalRoute('approval', id), { title: 't', opIds: [newId('op')] }),
      ],
    ];
    for (const [what, call] of calls) {
      const [seen, none] = [masked(await call(request.id), request.id), masked(await call(nothing), nothing)];
      expect(seen, what).toEqual(none);
      expect(seen.status, what).toBe(404);
    }
  });
}

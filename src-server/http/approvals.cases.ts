import { beforeEach, expect, it } from 'vitest';
import { materializeView } from '../../src-shared/dag/index.js';
import type { Op } from '../../src-shared/model/index.js';
import { syncRoutes } from '../../src-shared/sync-protocol/index.js';
import { MAIN_VIEW } from '../../src-shared/view/branch-view.js';
import { followOp, makeOp } from '../testing/client.js';
import type { ApprovalWorld } from '../testing/approval-world.js';
import {
  approvalRoute,
  approvalWorld,
  bobPending,
  decide,
  opRow,
  pullAll,
  pullRequests,
  push,
  submit,
  submitBody,
} from '../testing/approval-world.js';
import type { SharedServer } from '../testing/harness.js';
import { openStream } from '../testing/sse.js';

/** Approval request behaviour: run by approvals-api.test.ts on a server it shares. */
export function approvalCases(shared: SharedServer): void {
  let w: ApprovalWorld;
  beforeEach(async () => {
    w = await approvalWorld(shared.server);
  });

  it('submit → approve makes the ops visible to everyone, and tells the author live', async () => {
    const ops = await bobPending(w, 2);
    const before = await opRow(w.server, ops[0]!.id);
    const request = await submit(w.bob, submitBody(ops));
    expect(request).toMatchObject({
      author: 'bob',
      state: 'submitted',
      namespace: 'Acme.Billing',
      revision: 1,
    });
    expect(request.items).toHaveLength(2);
    const joined = await opRow(w.server, ops[0]!.id);
    expect(joined.approval_id).toBe(request.id);
    expect(Number(joined.change_seq)).toBeGreaterThan(Number(before.change_seq));
    expect((await pullAll(w.carol)).size).toBe(0);

    const stream = await openStream(new URL(syncRoutes.stream, w.server.url).href, w.bob.token as string);
    try {
      await stream.waitFor((e) => e.event === 'hello');
      const res = await decide(w.alice, request.id, { decision: 'approve', comment: 'Looks right' });
      expect(res.status).toBe(200);
      expect(res.body.request).toMatchObject({ state: 'approved', decidedBy: 'alice' });
      expect(res.body.request.comments).toMatchObject([{ author: 'alice', text: 'Looks right' }]);
      const changed = await stream.waitFor(
        (e) => e.event === 'changed' && (e.data as { topics: string[] }).topics.includes('approvals'),
      );
      expect(changed.data).toMatchObject({ changeSeq: res.body.request.changeSeq });
    } finally {
      stream.close();
    }
    const seen = await pullAll(w.carol);
    expect([...seen.keys()].sort()).toEqual(ops.map((op) => op.id).sort());
    expect([...seen.values()].every((op) => op.status === 'approved' && op.approvalId === request.id)).toBe(
      true,
    );
  });

  it('reject hides the ops from others and shows them rejected to their author', async () => {
    const [op] = await bobPending(w);
    const request = await submit(w.bob, submitBody([op!]));
    const res = await decide(w.alice, request.id, { decision: 'reject', comment: 'Not like this' });
    expect(res.body.request).toMatchObject({ state: 'rejected', decidedBy: 'alice' });
    expect((await pullAll(w.carol)).has(op!.id)).toBe(false);
    expect((await pullAll(w.alice)).has(op!.id)).toBe(false);
    expect((await pullAll(w.bob)).get(op!.id)).toMatchObject({ status: 'rejected' });
    expect((await w.bob.get(approvalRoute('approval', request.id))).body.request.state).toBe('rejected');
  });

  it('revise a rejected request with a fix on top, resubmit, approve', async () => {
    const [op] = await bobPending(w);
    const request = await submit(w.bob, submitBody([op!]));
    await decide(w.alice, request.id, { decision: 'reject' });
    const fix = followOp(op!, { content: 'fixed' });
    await push(w.bob, [fix]);
    // The fix alone would reach others without the rejected op it builds on.
    const alone = { title: 'Fix only', description: '', opIds: [fix.id] };
    const refused = await w.bob.request('PUT', approvalRoute('approval', request.id), alone);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ opId: fix.id });
    expect(refused.body.error.message).toMatch(new RegExp(`builds on op ${op!.id}`));
    const revised = await w.bob.request('PUT', approvalRoute('approval', request.id), {
      title: 'Tidy charge, take 2',
      description: 'With the fix',
      opIds: [op!.id, fix.id],
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body.request).toMatchObject({ state: 'submitted', revision: 2, decidedBy: null });
    expect(revised.body.request.items).toMatchObject([{ itemId: op!.itemId, decision: null }]);
    expect((await opRow(w.server, op!.id)).status).toBe('pending');
    // Only a rejected request can be revised; the owner cannot revise it.
    const again = { title: 'x', description: '', opIds: [fix.id] };
    expect((await w.bob.request('PUT', approvalRoute('approval', request.id), again)).status).toBe(409);
    expect((await w.alice.request('PUT', approvalRoute('approval', request.id), again)).status).toBe(403);

    await decide(w.alice, request.id, { decision: 'approve' });
    const seen = await pullAll(w.carol);
    expect(seen.get(fix.id)).toMatchObject({ status: 'approved' });
    expect(seen.get(op!.id)).toMatchObject({ status: 'approved' });
  });

  it('decides item by item; the request is decided when every item is', async () => {
    const [one, two] = await bobPending(w, 2);
    const request = await submit(w.bob, submitBody([one!, two!]));
    const first = await decide(w.alice, request.id, { decision: 'approve', itemIds: [one!.itemId] });
    expect(first.body.request.state).toBe('submitted');
    expect((await pullAll(w.carol)).has(one!.id)).toBe(true);
    expect((await pullAll(w.carol)).has(two!.id)).toBe(false);
    // Deciding the same item the other way is refused; the same way again is answered again.
    expect((await decide(w.alice, request.id, { decision: 'reject', itemIds: [one!.itemId] })).status).toBe(
      409,
    );
    expect((await decide(w.alice, request.id, { decision: 'approve', itemIds: [one!.itemId] })).status).toBe(
      200,
    );
    const unknown = await decide(w.alice, request.id, { decision: 'reject', itemIds: ['item_nothere1'] });
    expect(unknown.status).toBe(400);

    const last = await decide(w.alice, request.id, { decision: 'reject' });
    expect(last.body.request.state).toBe('rejected');
    // A retry of the closing decision is answered again; the opposite one is refused.
    expect((await decide(w.alice, request.id, { decision: 'reject' })).body).toEqual(last.body);
    expect((await decide(w.alice, request.id, { decision: 'approve' })).status).toBe(409);
    const decisions = Object.fromEntries(
      last.body.request.items.map((i: { itemId: string; decision: string }) => [i.itemId, i.decision]),
    );
    expect(decisions).toEqual({ [one!.itemId]: 'approved', [two!.itemId]: 'rejected' });
    expect((await opRow(w.server, two!.id)).status).toBe('rejected');
  });

  it('reports a stale request and its up-to-date diff; approving it leaves a conflict', async () => {
    const base = makeOp('alice', { path: 'Acme.Billing.charge', content: 'v1' });
    await push(w.alice, [base]);
    const bobEdit = followOp(base, { author: 'bob', content: 'bob v2' });
    await push(w.bob, [bobEdit]);
    const request = await submit(w.bob, submitBody([bobEdit]));
    const fresh = await w.alice.get(approvalRoute('approval', request.id));
    expect(fresh.body.request.stale).toBeNull();

    const aliceEdit = followOp(base, { content: 'alice v2' }); // approved at once: alice owns Acme
    await push(w.alice, [aliceEdit]);
    await w.server.admin.setOwners('Acme', ['alice', 'carol']);
    const detail = await w.alice.get(approvalRoute('approval', request.id));
    expect(detail.body.request.stale).toEqual({
      items: [{ itemId: base.itemId, path: base.path, newerOpIds: [aliceEdit.id] }],
      ownershipChanged: true,
    });
    expect(detail.body.ops.map((op: Op) => op.id)).toEqual([bobEdit.id]);
    const diff = await w.alice.get(approvalRoute('approvalDiff', request.id));
    expect(diff.body.items).toMatchObject([
      {
        itemId: base.itemId,
        stale: true,
        current: [{ opId: aliceEdit.id, content: 'alice v2' }],
        requested: [{ opId: bobEdit.id, content: 'bob v2' }],
      },
    ]);

    expect((await decide(w.alice, request.id, { decision: 'approve' })).status).toBe(200);
    const pulled = [...(await pullAll(w.dave)).values()] as Op[];
    const item = materializeView(pulled, MAIN_VIEW).get(base.itemId);
    expect(item?.conflict).not.toBeNull();
    expect([...(item?.heads ?? [])].sort()).toEqual([aliceEdit.id, bobEdit.id].sort());
  });

  it('submits idempotently and refuses a reused id or bad ops without changing anything', async () => {
    const [op, other] = await bobPending(w, 2);
    const body = submitBody([op!]);
    const first = await submit(w.bob, body);
    const second = await submit(w.bob, body);
    expect(second).toEqual(first);
    expect((await w.bob.post(syncRoutes.approvals, { ...body, title: 'Else' })).status).toBe(409);

    const refused = async (opIds: string[], pattern: RegExp, opId: string) => {
      const res = await w.bob.post(syncRoutes.approvals, submitBody([], { opIds }));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ opId });
      expect(res.body.error.message).toMatch(pattern);
    };
    await refused([other!.id, op!.id], new RegExp(`already in open approval request ${first.id}`), op!.id);
    await refused([other!.id, 'op_unknown123'], /not one of your ops/, 'op_unknown123');
    const elsewhere = makeOp('bob', { path: 'Other.thing' });
    await push(w.bob, [elsewhere]);
    await refused([other!.id, elsewhere.id], /shares no namespace/, elsewhere.id);
    const approved = makeOp('alice', { path: 'Acme.mine' });
    await push(w.alice, [approved]);
    const bobs = makeOp('bob', { path: 'Bobland.x' });
    await w.server.admin.setOwners('Bobland', ['bob']);
    await push(w.bob, [bobs]);
    await refused([bobs.id], /already approved/, bobs.id);
    await refused([other!.id, other!.id], /listed twice/, other!.id);
    expect((await opRow(w.server, other!.id)).approval_id).toBeNull();
    expect((await w.bob.post(syncRoutes.approvals, { ...submitBody([other!]), title: '' })).status).toBe(400);
    expect((await pullRequests(w.bob)).requests).toHaveLength(1);
  });

  it('lets exactly one of two racing requests take an op', async () => {
    const [op] = await bobPending(w);
    const results = await Promise.all(
      [1, 2, 3].map(() => w.bob.post(syncRoutes.approvals, submitBody([op!]))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    const winner = results.find((r) => r.status === 200)?.body.request.id;
    expect((await opRow(w.server, op!.id)).approval_id).toBe(winner);
  });

  it('takes comments from the author and owners, idempotently', async () => {
    const request = await submit(w.bob, submitBody(await bobPending(w)));
    const route = approvalRoute('approvalComments', request.id);
    expect((await w.bob.post(route, { id: 'cmt_bob00001', text: 'Please look' })).status).toBe(200);
    expect((await w.bob.post(route, { id: 'cmt_bob00001', text: 'Please look' })).status).toBe(200);
    expect((await w.bob.post(route, { id: 'cmt_bob00001', text: 'Changed' })).status).toBe(409);
    const owner = await w.alice.post(route, { text: 'On it' });
    expect(owner.body.request.comments.map((c: { author: string }) => c.author)).toEqual(['bob', 'alice']);
    expect((await w.carol.post(route, { text: 'Me too' })).status).toBe(404);
    expect((await w.bob.post(route, { text: '   ' })).status).toBe(400);
  });

  it('pulls requests by change position, for authors and owners, with filters', async () => {
    const mine = await submit(w.bob, submitBody(await bobPending(w)));
    const page = await pullRequests(w.bob, '&role=author');
    expect(page.requests.map((r: { id: string }) => r.id)).toEqual([mine.id]);
    expect((await pullRequests(w.bob, '&role=owner')).requests).toEqual([]);
    expect((await pullRequests(w.alice, '&role=owner')).requests.map((r: { id: string }) => r.id)).toEqual([
      mine.id,
    ]);
    expect((await pullRequests(w.alice, '&state=approved')).requests).toEqual([]);
    const after = await w.alice.get(`${syncRoutes.approvals}?since=${page.checkpoint}`);
    expect(after.body.requests).toEqual([]);
    await decide(w.alice, mine.id, { decision: 'approve' });
    const next = await w.bob.get(`${syncRoutes.approvals}?since=${page.checkpoint}`);
    expect(next.body.requests).toMatchObject([{ id: mine.id, state: 'approved' }]);
    expect((await w.bob.get(`${syncRoutes.approvals}?role=boss`)).status).toBe(400);
  });
}

import { beforeEach, expect, it } from 'vitest';
import { followOp, makeOp } from '../testing/client.js';
import type { ApprovalWorld } from '../testing/approval-world.js';
import { approvalRoute, approvalWorld, decide, push, submit, submitBody } from '../testing/approval-world.js';
import type { SharedServer } from '../testing/harness.js';

/**
 * A request keeps the diff it was submitted with (base → requested) after
 * the item moves on, after an owner merges it and after approval; today's
 * version is read beside it. Run by approvals-api.test.ts.
 */
export function approvalDiffCases(shared: SharedServer): void {
  let w: ApprovalWorld;
  beforeEach(async () => {
    w = await approvalWorld(shared.server);
  });

  const diffOf = async (id: string) => {
    const res = await w.alice.get(approvalRoute('approvalDiff', id));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0];
  };
  const staleOf = async (id: string) => (await w.alice.get(approvalRoute('approval', id))).body.request.stale;

  it('keeps the submitted diff through a merge by the owner and after approval', async () => {
    const base = makeOp('alice', { path: 'Acme.Billing.charge', content: 'a\nb\n' });
    await push(w.alice, [base]);
    const bobEdit = followOp(base, { author: 'bob', content: 'a\nb bob\n' });
    await push(w.bob, [bobEdit]);
    const request = await submit(w.bob, submitBody([bobEdit]));
    expect(await diffOf(request.id)).toMatchObject({
      base: [{ opId: base.id, content: 'a\nb\n' }],
      current: [{ opId: base.id }],
      requested: [{ opId: bobEdit.id, content: 'a\nb bob\n' }],
      included: false,
      stale: false,
    });

    const aliceEdit = followOp(base, { content: 'a alice\nb\n' });
    await push(w.alice, [aliceEdit]);
    expect(await staleOf(request.id)).toMatchObject({ items: [{ newerOpIds: [aliceEdit.id] }] });

    // The owner merges both sides: today's version holds bob's change, so the request is not stale.
    const merge = followOp(aliceEdit, {
      type: 'merge',
      parents: [aliceEdit.id, bobEdit.id],
      content: 'a alice\nb bob\n',
    });
    await push(w.alice, [merge]);
    expect(await staleOf(request.id)).toBeNull();
    const merged = await diffOf(request.id);
    expect(merged).toMatchObject({
      stale: false,
      included: true,
      base: [{ opId: base.id, content: 'a\nb\n' }],
      current: [{ opId: merge.id, content: 'a alice\nb bob\n' }],
      requested: [{ opId: bobEdit.id }],
    });

    expect((await decide(w.alice, request.id, { decision: 'approve' })).status).toBe(200);
    const approved = await diffOf(request.id);
    expect(approved).toMatchObject({
      included: true,
      base: [{ opId: base.id }],
      requested: [{ opId: bobEdit.id }],
    });
    // The author reads the same submitted diff.
    const asBob = await w.bob.get(approvalRoute('approvalDiff', request.id));
    expect(asBob.body.items[0].base.map((v: { opId: string }) => v.opId)).toEqual([base.id]);
  });

  it('a new item has no base; a chain of edits diffs from before its first op', async () => {
    const created = makeOp('bob', { path: 'Acme.Billing.fresh', content: 'one\n' });
    const next = followOp(created, { content: 'one\ntwo\n' });
    await push(w.bob, [created, next]);
    const request = await submit(w.bob, submitBody([created, next]));
    expect(await diffOf(request.id)).toMatchObject({
      base: [],
      current: [],
      requested: [{ opId: next.id, content: 'one\ntwo\n' }],
      included: false,
    });
    await decide(w.alice, request.id, { decision: 'approve' });
    expect(await diffOf(request.id)).toMatchObject({
      base: [],
      current: [{ opId: next.id }],
      included: true,
    });
  });

  it('an owner edit on top of the request keeps it fresh; an unrelated head makes it stale', async () => {
    const base = makeOp('alice', { path: 'Acme.Billing.total', content: 'x\n' });
    await push(w.alice, [base]);
    const bobEdit = followOp(base, { author: 'bob', content: 'x bob\n' });
    await push(w.bob, [bobEdit]);
    const request = await submit(w.bob, submitBody([bobEdit]));
    await push(w.alice, [followOp(bobEdit, { author: 'alice', content: 'x bob alice\n' })]);
    expect(await staleOf(request.id)).toBeNull();
    const other = followOp(base, { author: 'alice', content: 'x other\n' });
    await push(w.alice, [other]);
    expect(await staleOf(request.id)).toMatchObject({ items: [{ newerOpIds: [other.id] }] });
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { accept, resultOf, validateSession, withText } from '../../src-shared/conflicts/index.js';
import type { ItemState } from '../../src-shared/model/index.js';
import { MergePlanChangedError } from './branch-merge.js';
import { openFixture, type Fixture } from './testing.js';

const fixtures: { close(): Promise<void> }[] = [];
async function fixture(): Promise<Fixture> {
  const f = await openFixture();
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.close()));
});

describe('branch merge into main', () => {
  it('merges cleanly offline: branch-only, new, and line-merged items; the branch becomes merged', async () => {
    const f = await fixture();
    const a = await f.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'a1\n' });
    const b = await f.ws.createItem({ path: 'Acme.b', kind: 'fn', content: 'x\ny\nz\n' });
    const branch = await f.ws.createBranch('feature-x');
    await f.ws.updateContent(a.itemId, 'a2\n');
    await f.ws.updateContent(b.itemId, 'x\ny\nz branch\n');
    const fresh = await f.ws.createItem({ path: 'Acme.fresh', kind: 'value', content: 'new\n' });
    await f.ws.switchBranch('main');
    await f.ws.updateContent(b.itemId, 'x main\ny\nz\n');

    const plan = f.ws.branchMerge.preview(branch.id);
    expect(plan.conflicts).toEqual([]);
    expect(plan.clean.map((e) => [e.path, e.reason])).toEqual([
      ['Acme.a', 'only the branch changed it'],
      ['Acme.b', 'both changed it; merged line by line'],
      ['Acme.fresh', 'new on the branch'],
    ]);
    const merged = await f.ws.branchMerge.merge(branch.id, new Map(), plan);
    expect(merged.toldServer).toBe(false);
    expect(merged.ops.every((op) => op.branchId === 'main' && op.type === 'merge')).toBe(true);
    const bOp = merged.ops.find((op) => op.itemId === b.itemId)!;
    expect(bOp.parents).toHaveLength(2);
    expect(f.ws.item(a.itemId)?.content).toBe('a2\n');
    expect(f.ws.item(b.itemId)?.content).toBe('x main\ny\nz branch\n');
    expect(f.ws.item(fresh.itemId)?.path).toBe('Acme.fresh');
    const saved = await f.db.branches.get(branch.id);
    expect(saved).toMatchObject({ state: 'merged', mergedBy: 'ada' });
    expect(saved?.mergedAt).toBeTypeOf('number');
  });

  it('resolves a conflicting item in the resolver and writes the result as the merge op on main', async () => {
    const f = await fixture();
    const item = await f.ws.createItem({ path: 'Acme.c', kind: 'fn', content: 'a\nb\nc\n' });
    const branch = await f.ws.createBranch('feature-y');
    await f.ws.updateContent(item.itemId, 'a\nbranch\nc\n');
    await f.ws.switchBranch('main');
    await f.ws.updateContent(item.itemId, 'a\nmain\nc\n');

    const plan = f.ws.branchMerge.preview(branch.id);
    expect(plan.conflicts.map((e) => e.path)).toEqual(['Acme.c']);
    await expect(f.ws.branchMerge.merge(branch.id, new Map(), plan)).rejects.toThrow(
      /Resolve these conflicts first: Acme.c/,
    );
    expect((await f.db.branches.get(branch.id))?.state).toBe('open');

    let session = f.ws.branchMerge.session(branch.id, plan.conflicts[0]!);
    expect(session.sides.local.label).toBe('main (ada)');
    expect(session.sides.remote.label).toBe('Branch feature-y (ada)');
    session = withText(session, accept(session.text!, 1, 'both-remote-first'));
    expect(validateSession(session)).toEqual([]);
    const told: string[] = [];
    const result = await f.ws.branchMerge.merge(
      branch.id,
      new Map([[item.itemId, resultOf(session)]]),
      plan,
      {
        mergeBranchRemote: async (id) => void told.push(id),
      },
    );
    expect(result.toldServer).toBe(true);
    expect(told).toEqual([branch.id]);
    const after = f.ws.item(item.itemId) as ItemState;
    expect(after.content).toBe('a\nbranch\nmain\nc\n');
    expect(after.conflict).toBeNull();
  });

  it('refuses a merge when main moved after the preview, and writes nothing', async () => {
    const f = await fixture();
    const item = await f.ws.createItem({ path: 'Acme.d', kind: 'fn', content: 'a\n' });
    const branch = await f.ws.createBranch('feature-z');
    await f.ws.updateContent(item.itemId, 'branch\n');
    await f.ws.switchBranch('main');
    const plan = f.ws.branchMerge.preview(branch.id);
    await f.ws.updateContent(item.itemId, 'main\n');
    const before = (await f.db.ops.all()).length;
    await expect(f.ws.branchMerge.merge(branch.id, new Map(), plan)).rejects.toBeInstanceOf(
      MergePlanChangedError,
    );
    expect((await f.db.ops.all()).length).toBe(before);
    expect((await f.db.branches.get(branch.id))?.state).toBe('open');
  });

  it('merging the current branch goes back to main', async () => {
    const f = await fixture();
    await f.ws.createItem({ path: 'Acme.e', kind: 'fn', content: 'a\n' });
    const branch = await f.ws.createBranch('feature-w');
    await f.ws.createItem({ path: 'Acme.f', kind: 'fn', content: 'f\n' });
    const plan = f.ws.branchMerge.preview(branch.id);
    await f.ws.branchMerge.merge(branch.id, new Map(), plan);
    expect(f.ws.getSnapshot().branchId).toBe('main');
    expect(f.ws.getSnapshot().items.map((i) => i.path)).toEqual(['Acme.e', 'Acme.f']);
  });
});

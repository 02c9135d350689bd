import { afterEach, describe, expect, it } from 'vitest';
import { openFixture, type Fixture } from './testing.js';

const fixtures: { close(): Promise<void> }[] = [];
async function fixture(opts: Parameters<typeof openFixture>[0] = {}): Promise<Fixture> {
  const f = await openFixture(opts);
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.close()));
});

const contentOf = (f: Fixture, itemId: string) => f.ws.item(itemId)?.content;

describe('Workspace branches', () => {
  it('creates a branch from main as it stands and switches to it', async () => {
    const f = await fixture();
    const { itemId } = await f.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'main' });
    const branch = await f.ws.createBranch('feature-x');
    expect(branch).toMatchObject({
      name: 'feature-x',
      state: 'open',
      baseSeq: 0,
      baseInstanceId: 'laptop-0001',
      createdBy: 'ada',
    });
    const snap = f.ws.getSnapshot();
    expect(snap.branchId).toBe(branch.id);
    expect(snap.branch).toEqual(branch);
    // Main's items are visible on the branch.
    expect(contentOf(f, itemId)).toBe('main');
    expect(await f.db.branches.get(branch.id)).toEqual(branch);
  });

  it('keeps edits on a branch off main, and edits on main off the branch', async () => {
    const f = await fixture();
    const { itemId } = await f.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'v1' });
    const branch = await f.ws.createBranch('feature-x');
    await f.ws.updateContent(itemId, 'branch edit');
    const onBranch = await f.ws.createItem({ path: 'Acme.new', kind: 'fn' });

    await f.ws.switchBranch('main');
    expect(contentOf(f, itemId)).toBe('v1');
    expect(f.ws.item(onBranch.itemId)).toBeUndefined();
    expect(f.ws.getSnapshot().items.map((i) => i.path)).toEqual(['Acme.a']);
    // The same path is free on main, since the branch item lives only on the branch.
    await f.ws.createItem({ path: 'Acme.new', kind: 'value' });
    await f.ws.updateContent(itemId, 'main edit');

    await f.ws.switchBranch(branch.id);
    expect(contentOf(f, itemId)).toBe('branch edit');
    expect(f.ws.getSnapshot().items.map((i) => [i.path, i.kind])).toEqual([
      ['Acme.a', 'fn'],
      ['Acme.new', 'fn'],
    ]);
  });

  it('abandons the current branch and goes back to main; it can no longer be entered', async () => {
    const f = await fixture();
    const branch = await f.ws.createBranch('doomed');
    await f.ws.abandonBranch(branch.id);
    const snap = f.ws.getSnapshot();
    expect(snap.branchId).toBe('main');
    expect(snap.branch).toBeNull();
    expect(snap.branches.map((b) => [b.name, b.state])).toEqual([['doomed', 'abandoned']]);
    expect((await f.db.branches.get(branch.id))?.state).toBe('abandoned');
    await expect(f.ws.switchBranch(branch.id)).rejects.toThrow(/abandoned/);
  });

  it('abandons another branch without leaving the current one, listing open ones first', async () => {
    const f = await fixture();
    const other = await f.ws.createBranch('other');
    const current = await f.ws.createBranch('current');
    await f.ws.abandonBranch(other.id);
    const snap = f.ws.getSnapshot();
    expect(snap.branchId).toBe(current.id);
    expect(snap.branches.map((b) => b.name)).toEqual(['current', 'other']);
  });

  it('remembers the current branch across a restart', async () => {
    const first = await openFixture();
    const branch = await first.ws.createBranch('feature-x');
    await first.close();
    const again = await openFixture({ name: first.name });
    expect(again.ws.getSnapshot().branchId).toBe(branch.id);
    await again.ws.switchBranch('main');
    await again.close();
    const third = await fixture({ name: first.name });
    expect(third.ws.getSnapshot().branchId).toBe('main');
  });

  it('keeps main edits made after a restart with the clock set back off the branch', async () => {
    const first = await openFixture();
    const { itemId } = await first.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'v1' });
    first.time.ms += 1000;
    await first.ws.createBranch('feature-x');
    await first.ws.switchBranch('main');
    await first.close();
    // The wall clock went back three days: further than the drift a clock takes
    // from stamps it reads, so only the saved clock state keeps stamps growing.
    first.time.ms -= 3 * 24 * 3_600_000;
    const again = await fixture({ name: first.name, time: first.time });
    await again.ws.updateContent(itemId, 'after the branch');
    const [branch] = again.ws.getSnapshot().branches;
    await again.ws.switchBranch(branch?.id ?? '');
    // The branch saw main as it stood when it was made, so this later edit stays out.
    expect(again.ws.item(itemId)?.content).toBe('v1');
  });

  it('follows a branch abandoned in another tab back to main', async () => {
    const f = await fixture();
    const branch = await f.ws.createBranch('feature-x');
    await f.db.branches.upsert({ ...branch, state: 'abandoned', updatedAt: 2 });
    await until(() => f.ws.getSnapshot().branchId === 'main');
    expect(f.ws.getSnapshot().branches[0]?.state).toBe('abandoned');
  });

  it('rebuilds the branch view when another tab moves its base', async () => {
    const f = await fixture();
    const branch = await f.ws.createBranch('feature-x');
    await f.ws.switchBranch('main');
    const { itemId } = await f.ws.createItem({ path: 'Acme.later', kind: 'fn' });
    await f.ws.switchBranch(branch.id);
    expect(f.ws.item(itemId)).toBeUndefined();
    // "Update from main" (another issue) moves the base to include the new op.
    const later = f.ws.history(itemId)[0]?.hlc ?? (await f.db.ops.byItem(itemId))[0]?.hlc;
    await f.db.branches.upsert({ ...branch, baseHlc: later ?? '', updatedAt: 3 });
    await until(() => f.ws.item(itemId) !== undefined);
    expect(f.ws.getSnapshot().branch?.baseHlc).toBe(later);
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

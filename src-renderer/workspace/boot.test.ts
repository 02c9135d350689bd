import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../src-shared/model/index.js';
import { BOOT_VIEW_KEY } from '../db/boot-view-store.js';
import { sampleOp } from '../db/testing.js';
import { waitFor } from './peer-testing.js';
import { openFixture, type Fixture } from './testing.js';
import type { Workspace } from './workspace.js';

const fixtures: { close(): Promise<void> }[] = [];
async function fixture(
  opts: Parameters<typeof openFixture>[0] = {},
): Promise<Fixture & { close(): Promise<void> }> {
  const f = await openFixture(opts);
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.close()));
  vi.useRealTimers();
});
// Only Date is faked: the boot view's checkpoint is a write time, and the tests move it past the margin.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
const later = (ms = 10_000) => vi.setSystemTime(Date.now() + ms);

let seq = 0;
/** An op bob made and the server ordered (acknowledged and approved). */
function bobs(itemId: string, parents: string[], content: string, extra: Partial<Op> = {}): Op {
  seq += 1;
  const n = String(seq).padStart(8, '0');
  return sampleOp({
    id: `bob-op-${n}`,
    itemId,
    type: parents.length === 0 ? 'create' : 'update',
    path: `Acme.${itemId}`,
    content,
    parents,
    author: 'bob',
    instanceId: 'bob-inst-01',
    hlc: `${String(1_700_000_000_000 + seq).padStart(15, '0')}-000000-bob-inst-01`,
    serverSeq: seq,
    status: 'approved',
    ...extra,
  });
}

/** Three items of three versions each, and one where two versions stand on the same one (a conflict). */
function history(): Op[] {
  const ops: Op[] = [];
  for (const item of ['item-0000001', 'item-0000002', 'item-0000003']) {
    const a = bobs(item, [], `${item} v1`);
    const b = bobs(item, [a.id], `${item} v2`);
    ops.push(a, b, bobs(item, [b.id], `${item} v3`));
  }
  const base = bobs('item-0000004', [], 'base');
  ops.push(base, bobs('item-0000004', [base.id], 'left'), bobs('item-0000004', [base.id], 'right'));
  return ops;
}

/** What the UI shows of a workspace, to compare a boot-view start with a whole-log one. */
function shown(ws: Workspace) {
  const snap = ws.getSnapshot();
  return {
    items: snap.items.map((i) => [i.path, i.content, i.heads, i.conflict?.base?.content ?? null]),
    deleted: snap.deletedItems.map((i) => i.path),
    conflicts: snap.conflicts.map((i) => i.itemId),
    unsynced: snap.unsyncedOpCount,
    badges: snap.items.map((i) => ws.syncBadge(i.itemId)),
  };
}

/** A profile holding `ops`, its boot view stored, then reopened after the margin. */
async function bootedFromView(ops: Op[], before?: (f: Fixture) => Promise<void>) {
  const first = await fixture();
  await first.db.ops.receive(ops);
  await before?.(first);
  later();
  expect(await first.ws.storeBootView()).toBe(true);
  const whole = shown(first.ws);
  await first.ws.close();
  const { Workspace } = await import('./workspace.js');
  const ws = await Workspace.open({ db: first.db, identity: { userName: 'ada', instanceId: 'laptop-0001' } });
  fixtures.push({ close: () => ws.close() });
  return { db: first.db, ws, whole };
}

describe('Workspace start-up from the boot view', () => {
  it('shows the same view from the heads as from the whole log, and reads an item’s history when asked', async () => {
    const ops = history();
    const { ws, whole } = await bootedFromView(ops);
    expect(ws.holdsWholeLog()).toBe(false);
    expect(shown(ws)).toEqual(whole);
    expect(ws.getSnapshot().conflicts.map((i) => i.conflict?.base?.content)).toEqual(['base']);
    // A plain item holds its head only until its history is asked for.
    expect(ws.history('item-0000001').map((op) => op.content)).toEqual(['item-0000001 v3']);
    await ws.loadHistory(['item-0000001']);
    expect(ws.history('item-0000001').map((op) => op.content)).toEqual([
      'item-0000001 v3',
      'item-0000001 v2',
      'item-0000001 v1',
    ]);
  });

  it('edits an item known by its head, and the edit stands on that head', async () => {
    const { ws, db } = await bootedFromView(history());
    await ws.updateContent('item-0000002', 'mine');
    expect(ws.item('item-0000002')?.content).toBe('mine');
    const mine = (await db.ops.byItem('item-0000002')).find((op) => op.content === 'mine');
    expect(mine?.parents).toEqual([ws.history('item-0000002')[1]?.id]);
    expect(ws.syncBadge('item-0000002')).toBe('local-only');
  });

  it('reads the history of items written after the boot view was taken', async () => {
    const ops = history();
    const { db } = await bootedFromView(ops);
    // After the record: bob edits item 1 from its first version (a fork), and a new item appears.
    later();
    const fork = bobs('item-0000001', [ops[0]!.id], 'from v1');
    await db.ops.receive([fork, bobs('item-0000009', [], 'new')]);
    const { Workspace } = await import('./workspace.js');
    const ws = await Workspace.open({ db, identity: { userName: 'ada', instanceId: 'laptop-0001' } });
    fixtures.push({ close: () => ws.close() });
    expect(ws.holdsWholeLog()).toBe(false);
    const item = ws.item('item-0000001');
    expect([...(item?.heads ?? [])].sort()).toEqual([fork.id, ops[2]!.id].sort());
    expect(item?.conflict?.base?.content).toBe('item-0000001 v1');
    expect(ws.getSnapshot().items.map((i) => i.path)).toContain('Acme.item-0000009');
  });

  it('reads an item’s history when an op arrives on an older version of it', async () => {
    const ops = history();
    const { ws, db } = await bootedFromView(ops);
    const fork = bobs('item-0000003', [ops[6]!.id], 'from v1');
    await db.ops.receive([fork]);
    await waitFor(() => ws.item('item-0000003')?.heads.length === 2);
    expect(ws.item('item-0000003')?.conflict?.base?.content).toBe('item-0000003 v1');
    expect(ws.history('item-0000003')).toHaveLength(4);
  });

  it('keeps unsent work and the unsent count across a boot from the view', async () => {
    const { ws, whole } = await bootedFromView(history(), async (f) => {
      await f.ws.updateContent('item-0000001', 'one');
      await f.ws.updateContent('item-0000001', 'two');
    });
    expect(shown(ws)).toEqual(whole);
    expect(ws.getSnapshot().unsyncedOpCount).toBe(2);
    // Both unsent versions are held, so History lists them before anything is read.
    expect(
      ws
        .history('item-0000001')
        .slice(0, 2)
        .map((op) => op.content),
    ).toEqual(['two', 'one']);
  });

  it('reads the whole log to switch branch, and the branch sees main as it was', async () => {
    const { ws } = await bootedFromView(history());
    const branch = await ws.createBranch('feature');
    expect(ws.holdsWholeLog()).toBe(true);
    expect(ws.getSnapshot().branchId).toBe(branch.id);
    expect(ws.item('item-0000002')?.content).toBe('item-0000002 v3');
    expect(ws.history('item-0000002')).toHaveLength(3);
  });

  it('reads the whole log when the stored record is damaged or for another view', async () => {
    const first = await fixture();
    await first.db.ops.receive(history());
    await first.db.meta.set(BOOT_VIEW_KEY, { view: { branchId: 'main' }, maxMainSeq: -1, ops: 'nope' });
    expect(await first.db.bootView.load({ branchId: 'main' })).toBeNull();
    later();
    expect(await first.ws.storeBootView()).toBe(true);
    const other = { branchId: 'branch-01', baseSeq: 1, baseHlc: '0', baseInstanceId: 'x' };
    expect(await first.db.bootView.load(other)).toBeNull();
    expect((await first.db.bootView.load({ branchId: 'main' }))?.ops.length).toBeGreaterThan(0);
  });
});

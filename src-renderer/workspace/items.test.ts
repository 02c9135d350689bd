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

describe('Workspace items', () => {
  it('creates an item durably and shows it at once', async () => {
    const { ws, db } = await fixture();
    const item = await ws.createItem({ path: 'Acme.Billing.charge', kind: 'fn', content: 'a' });
    expect(item).toMatchObject({ path: 'Acme.Billing.charge', kind: 'fn', content: 'a' });
    const snap = ws.getSnapshot();
    expect(snap.items.map((i) => i.path)).toEqual(['Acme.Billing.charge']);
    expect(snap.unsyncedOpCount).toBe(1);
    expect(snap.namespaces.map((n) => [n.path, n.itemCount, n.explicit])).toEqual([
      ['Acme', 1, false],
      ['Acme.Billing', 1, false],
    ]);
    // Durable: the op is in the database by the time the promise resolves.
    expect((await db.ops.all()).map((op) => [op.type, op.itemId, op.author])).toEqual([
      ['create', item.itemId, 'ada'],
    ]);
    expect(ws.syncBadge(item.itemId)).toBe('local-only');
  });

  it('creates with empty content by default and keeps items sorted by path', async () => {
    const { ws } = await fixture();
    await ws.createItem({ path: 'Zed.b', kind: 'value' });
    await ws.createItem({ path: 'Acme.a', kind: 'type' });
    expect(ws.getSnapshot().items.map((i) => [i.path, i.content])).toEqual([
      ['Acme.a', ''],
      ['Zed.b', ''],
    ]);
  });

  it('edits content, and an unchanged edit writes nothing', async () => {
    const { ws, db } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'one' });
    await ws.updateContent(itemId, 'two');
    const version = ws.getSnapshot().version;
    await ws.updateContent(itemId, 'two');
    expect(ws.item(itemId)?.content).toBe('two');
    expect(ws.getSnapshot().version).toBe(version);
    expect(await db.ops.count()).toBe(2);
  });

  it('renames and moves an item to another namespace; same path is a no-op', async () => {
    const { ws, db } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn' });
    await ws.renameItem(itemId, 'Acme.b');
    await ws.renameItem(itemId, 'Other.Deep.b');
    await ws.renameItem(itemId, 'Other.Deep.b');
    const snap = ws.getSnapshot();
    expect(snap.items.map((i) => [i.itemId, i.path])).toEqual([[itemId, 'Other.Deep.b']]);
    expect(snap.namespaces.map((n) => n.path)).toEqual(['Other', 'Other.Deep']);
    expect(await db.ops.count()).toBe(3);
  });

  it('deletes and restores an item with its content', async () => {
    const { ws } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'keep me' });
    await ws.deleteItem(itemId);
    expect(ws.getSnapshot().items).toEqual([]);
    expect(ws.getSnapshot().deletedItems.map((i) => i.itemId)).toEqual([itemId]);
    await ws.restoreItem(itemId);
    expect(ws.getSnapshot().deletedItems).toEqual([]);
    expect(ws.item(itemId)).toMatchObject({ path: 'Acme.a', content: 'keep me', deleted: false });
  });

  it('lists the history of an item newest first', async () => {
    const { ws, time } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: '1' });
    time.ms += 10;
    await ws.updateContent(itemId, '2');
    await ws.renameItem(itemId, 'Acme.b');
    expect(ws.history(itemId).map((op) => op.type)).toEqual(['rename', 'update', 'create']);
    expect(ws.history('item-unknown')).toEqual([]);
  });

  it('records an explicit namespace owned by the user', async () => {
    const { ws, db } = await fixture();
    await ws.createNamespace('Acme.Empty');
    expect(ws.getSnapshot().namespaces).toEqual([
      { path: 'Acme', itemCount: 0, owners: [], explicit: false },
      { path: 'Acme.Empty', itemCount: 0, owners: ['ada'], explicit: true },
    ]);
    expect((await db.namespaces.all()).map((n) => [n.path, n.owners])).toEqual([['Acme.Empty', ['ada']]]);
  });

  it('hands out one snapshot object until something changes, and tells subscribers', async () => {
    const { ws } = await fixture();
    const first = ws.getSnapshot();
    expect(ws.getSnapshot()).toBe(first);
    let calls = 0;
    const stop = ws.subscribe(() => (calls += 1));
    await ws.createItem({ path: 'Acme.a', kind: 'fn' });
    const second = ws.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.version).toBeGreaterThan(first.version);
    expect(calls).toBeGreaterThan(0);
    stop();
    const before = calls;
    await ws.createItem({ path: 'Acme.b', kind: 'fn' });
    expect(calls).toBe(before);
  });

  it('keeps everything across close and reopen', async () => {
    const first = await openFixture();
    const { itemId } = await first.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'x' });
    await first.ws.createNamespace('Team');
    await first.close();
    const again = await fixture({ name: first.name });
    expect(again.ws.item(itemId)?.content).toBe('x');
    expect(again.ws.getSnapshot().namespaces.map((n) => n.path)).toEqual(['Acme', 'Team']);
  });

  it('keeps clock stamps growing across a restart even when the wall clock went back', async () => {
    const first = await openFixture();
    const { itemId } = await first.ws.createItem({ path: 'Acme.a', kind: 'fn' });
    const before = first.ws.history(itemId)[0]?.hlc ?? '';
    await first.close();
    first.time.ms -= 3_600_000; // the user set the clock back an hour
    const again = await fixture({ name: first.name, time: first.time });
    await again.ws.updateContent(itemId, 'later');
    const after = again.ws.history(itemId)[0]?.hlc ?? '';
    expect(after > before).toBe(true);
  });
});

describe('Workspace change stream', () => {
  it('shows ops written by another workspace on the same database', async () => {
    const { ws, db, time } = await fixture();
    const { Workspace } = await import('./workspace.js');
    const other = await Workspace.open({
      db,
      identity: { userName: 'bob', instanceId: 'desktop-0002' },
      now: time.now,
      newId: () => `bob-${crypto.randomUUID()}`,
    });
    try {
      let notified = 0;
      ws.subscribe(() => (notified += 1));
      const item = await other.createItem({ path: 'Acme.shared', kind: 'fn', content: 'hi' });
      expect(ws.item(item.itemId)?.content).toBe('hi');
      expect(notified).toBeGreaterThan(0);
      await ws.updateContent(item.itemId, 'hello');
      expect(other.item(item.itemId)?.content).toBe('hello');
    } finally {
      await other.close();
    }
  });

  it('applies server acknowledgements written by sync to the view and counts', async () => {
    const { ws, db } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn' });
    const [op] = await db.ops.all();
    if (!op) throw new Error('no op');
    await db.ops.update({ ...op, serverSeq: 1, status: 'approved' });
    expect(ws.getSnapshot().unsyncedOpCount).toBe(0);
    expect(ws.syncBadge(itemId)).toBe('synced');
    await db.ops.update({ ...op, serverSeq: 1, status: 'pending', approvalId: 'appr-1' });
    expect(ws.syncBadge(itemId)).toBe('awaiting-approval');
  });

  it('marks an item whose latest op the server refused as failed', async () => {
    const { ws, db } = await fixture();
    const { itemId } = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: '1' });
    const [create] = await db.ops.all();
    if (!create) throw new Error('no op');
    await db.ops.update({ ...create, serverSeq: 1, status: 'approved' });
    await ws.updateContent(itemId, '2');
    const edit = (await db.ops.byItem(itemId)).find((op) => op.type === 'update');
    if (!edit) throw new Error('no edit');
    await db.ops.update({ ...edit, serverSeq: 2, status: 'rejected' });
    // The refused edit leaves the view, and the badge says the latest work did not land.
    expect(ws.item(itemId)?.content).toBe('1');
    expect(ws.syncBadge(itemId)).toBe('failed');
    expect(() => ws.syncBadge('item-missing')).toThrow(/no item/);
  });
});

describe('Workspace settings', () => {
  it('returns the fallback until a setting is set, and keeps it across reopen', async () => {
    const first = await openFixture();
    expect(await first.ws.getSetting('editor.fontSize', 13)).toBe(13);
    await first.ws.setSetting('editor.fontSize', 15);
    await first.ws.setSetting('panels', { left: true });
    await first.close();
    const again = await fixture({ name: first.name });
    expect(await again.ws.getSetting('editor.fontSize', 13)).toBe(15);
    expect(await again.ws.getSetting('panels', {})).toEqual({ left: true });
    // Settings live apart from the workspace's own state keys.
    expect(await again.ws.getSetting('workspace.currentBranch', 'none')).toBe('none');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openFixture } from './testing.js';

const fixtures: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.close()));
});

describe('restore this version', () => {
  it('writes a new update on the current head with the old content; history is kept as it was', async () => {
    const f = await openFixture();
    fixtures.push(f);
    const { ws, db } = f;
    const item = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'one\n' });
    await ws.updateContent(item.itemId, 'two\n');
    await ws.renameItem(item.itemId, 'Acme.b');
    const [renamed, two, one] = ws.history(item.itemId);
    await ws.restoreVersion(item.itemId, one!.id);
    const after = ws.item(item.itemId)!;
    expect(after).toMatchObject({ path: 'Acme.b', content: 'one\n' });
    const newest = ws.history(item.itemId)[0]!;
    expect(newest).toMatchObject({ type: 'update', content: 'one\n', parents: [renamed!.id] });
    expect(
      ws
        .history(item.itemId)
        .slice(1)
        .map((op) => op.id),
    ).toEqual([renamed!.id, two!.id, one!.id]);
    expect(await db.ops.all()).toHaveLength(4);
  });

  it('refuses the current content and a deletion with a clear reason, writing nothing', async () => {
    const f = await openFixture();
    fixtures.push(f);
    const { ws, db } = f;
    const item = await ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'one\n' });
    await expect(ws.restoreVersion(item.itemId, ws.history(item.itemId)[0]!.id)).rejects.toThrow(
      /has this content now/,
    );
    await ws.deleteItem(item.itemId);
    await expect(ws.restoreVersion(item.itemId, ws.history(item.itemId)[0]!.id)).rejects.toThrow(/deletion/);
    await expect(ws.restoreVersion(item.itemId, 'no-such-op-000')).rejects.toThrow(/not in this item/);
    expect(await db.ops.all()).toHaveLength(2);
    // The created version brings the deleted item back.
    await ws.restoreVersion(item.itemId, ws.history(item.itemId)[1]!.id);
    expect(ws.item(item.itemId)).toMatchObject({ deleted: false, content: 'one\n' });
  });
});

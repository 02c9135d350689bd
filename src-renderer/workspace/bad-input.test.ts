import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src-shared/errors.js';
import type { ItemKind } from '../../src-shared/model/index.js';
import { openTestDb, uniqueDbName } from '../db/testing.js';
import { openFixture, type Fixture } from './testing.js';
import { Workspace } from './workspace.js';

/**
 * One workspace with a known state: main holds Acme.a and Acme.b (live) and
 * Acme.gone (deleted), an explicit namespace Acme, an open and an abandoned branch. Every bad call must throw a
 * ValidationError and leave the database and the snapshot exactly as they were.
 */
let f: Fixture & { close(): Promise<void> };
let live = '';
let gone = '';
let abandonedId = '';

beforeAll(async () => {
  f = await openFixture();
  live = (await f.ws.createItem({ path: 'Acme.a', kind: 'fn', content: 'x' })).itemId;
  gone = (await f.ws.createItem({ path: 'Acme.gone', kind: 'fn' })).itemId;
  await f.ws.createItem({ path: 'Acme.b', kind: 'fn' });
  await f.ws.deleteItem(gone);
  await f.ws.createNamespace('Acme');
  abandonedId = (await f.ws.createBranch('old')).id;
  await f.ws.abandonBranch(abandonedId);
  await f.ws.createBranch('open-one');
  await f.ws.switchBranch('main');
});
afterAll(() => f.close());

async function state() {
  return {
    ops: await f.db.ops.all(),
    branches: await f.db.branches.all(),
    namespaces: await f.db.namespaces.all(),
    current: await f.db.meta.get('workspace.currentBranch'),
  };
}

const cases: [string, () => Promise<unknown>, RegExp][] = [
  [
    'create: invalid path',
    () => f.ws.createItem({ path: 'nonamespace', kind: 'fn' }),
    /not a valid item path/,
  ],
  ['create: bad segment', () => f.ws.createItem({ path: 'Acme.1x', kind: 'fn' }), /not a valid item path/],
  ['create: duplicate path', () => f.ws.createItem({ path: 'Acme.a', kind: 'fn' }), /already exists/],
  ['create: unknown kind', () => f.ws.createItem({ path: 'Acme.k', kind: 'sheet' as ItemKind }), /kind/i],
  ['update: unknown item', () => f.ws.updateContent('item-missing', 'y'), /no item/],
  ['update: deleted item', () => f.ws.updateContent(gone, 'y'), /deleted; restore it first/],
  ['rename: unknown item', () => f.ws.renameItem('item-missing', 'Acme.z'), /no item/],
  ['rename: invalid path', () => f.ws.renameItem(live, 'Acme.'), /not a valid item path/],
  ['rename: taken path', () => f.ws.renameItem(live, 'Acme.b'), /already exists/],
  ['rename: deleted item', () => f.ws.renameItem(gone, 'Acme.z'), /deleted/],
  ['delete: unknown item', () => f.ws.deleteItem('item-missing'), /no item/],
  ['delete: already deleted', () => f.ws.deleteItem(gone), /deleted/],
  ['restore: unknown item', () => f.ws.restoreItem('item-missing'), /no item/],
  ['restore: live item', () => f.ws.restoreItem(live), /not deleted/],
  ['namespace: invalid', () => f.ws.createNamespace('Acme..x'), /not a valid namespace/],
  ['namespace: empty', () => f.ws.createNamespace(''), /not a valid namespace/],
  ['namespace: exists', () => f.ws.createNamespace('Acme'), /already exists/],
  ['branch: empty name', () => f.ws.createBranch(''), /needs a name/],
  ['branch: blank name', () => f.ws.createBranch('   '), /needs a name/],
  ['branch: bad name', () => f.ws.createBranch('no spaces'), /not a valid branch name/],
  ['branch: duplicate name', () => f.ws.createBranch('open-one'), /already exists/],
  ['branch: named main', () => f.ws.createBranch('main'), /main line/],
  ['switch: abandoned', () => f.ws.switchBranch(abandonedId), /abandoned/],
  ['switch: unknown', () => f.ws.switchBranch('branch-missing'), /no branch/],
  ['abandon: main', () => f.ws.abandonBranch('main'), /Main cannot/],
  ['abandon: already abandoned', () => f.ws.abandonBranch(abandonedId), /already abandoned/],
  ['abandon: unknown', () => f.ws.abandonBranch('branch-missing'), /no branch/],
  ['setting: empty key', () => f.ws.setSetting('', 1), /needs a name/],
];

describe('Workspace bad input', () => {
  it.each(cases)('%s: throws ValidationError and changes nothing', async (_name, call, message) => {
    const before = await state();
    const snapshot = f.ws.getSnapshot();
    const attempt = call();
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(message);
    expect(await state()).toEqual(before);
    expect(f.ws.getSnapshot()).toBe(snapshot);
  });

  it('refuses to restore an item whose path a live item has taken meanwhile', async () => {
    const { itemId } = await f.ws.createItem({ path: 'Acme.gone', kind: 'value' });
    const before = await state();
    await expect(f.ws.restoreItem(gone)).rejects.toThrow(/already exists/);
    expect(await state()).toEqual(before);
    await f.ws.deleteItem(itemId);
  });

  it('refuses an invalid identity before touching the database', async () => {
    const db = await openTestDb(uniqueDbName('identity'));
    try {
      await expect(
        Workspace.open({ db, identity: { userName: ' ', instanceId: 'laptop-0001' } }),
      ).rejects.toThrow(ValidationError);
      await expect(
        Workspace.open({ db, identity: { userName: 'ada', instanceId: 'has spaces' } }),
      ).rejects.toThrow(/instanceId/);
      expect(await db.ops.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('refuses actions after close', async () => {
    const other = await openFixture();
    await other.close();
    await expect(other.ws.createItem({ path: 'Acme.x', kind: 'fn' })).rejects.toThrow(/closed/);
  });
});

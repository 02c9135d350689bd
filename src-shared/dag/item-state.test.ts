import { describe, expect, it } from 'vitest';
import type { ItemState } from '../model/index.js';
import type { TestOpInput } from '../ops/testing.js';
import { testOp as rawTestOp } from '../ops/testing.js';
import { itemStateFromOps } from './item-state.js';
import { materializeView } from './materialize.js';
import { MAIN_VIEW, viewOf } from '../view/branch-view.js';
import { encodeHlc } from '../clock/hlc.js';

/** Test ops of one item at Acme.rate unless a test says otherwise. */
const testOp = (input: TestOpInput) => rawTestOp({ path: 'Acme.rate', ...input });
const create = testOp({ id: 'op-create', path: 'Acme.rate', content: 'base', at: 100 });

function state(...ops: ReturnType<typeof testOp>[]): ItemState {
  return itemStateFromOps(ops) as ItemState;
}

describe('itemStateFromOps: one head', () => {
  it('is null without ops', () => {
    expect(itemStateFromOps([])).toBeNull();
  });

  it('is the only head, whatever order the ops come in', () => {
    const edit = testOp({ id: 'op-edit-1', parents: ['op-create'], content: 'v1', at: 200 });
    const edit2 = testOp({ id: 'op-edit-2', parents: ['op-edit-1'], content: 'v2', at: 150 });
    for (const ops of [
      [create, edit, edit2],
      [edit2, edit, create],
      [edit, edit2, create],
    ]) {
      expect(itemStateFromOps(ops)).toEqual({
        itemId: 'item-0001',
        path: 'Acme.rate',
        kind: 'value',
        content: 'v2',
        deleted: false,
        heads: ['op-edit-2'],
        current: edit2,
        conflict: null,
      });
    }
  });

  it('shows a child that arrived without its parent', () => {
    const orphan = testOp({ id: 'op-orphan', parents: ['op-missing'], content: 'late' });
    expect(state(orphan)).toMatchObject({ content: 'late', heads: ['op-orphan'], conflict: null });
  });

  it('marks a deleted item', () => {
    const gone = testOp({ id: 'op-delete', type: 'delete', parents: ['op-create'], content: 'base' });
    expect(state(create, gone)).toMatchObject({ deleted: true, conflict: null, current: gone });
  });

  it('ignores a duplicate op', () => {
    expect(state(create, create)).toEqual(state(create));
  });

  it('refuses ops of several items', () => {
    expect(() => itemStateFromOps([create, testOp({ id: 'op-other', itemId: 'item-0002' })])).toThrow(
      /one item/,
    );
  });

  it('still shows an item whose ops form a cycle', () => {
    const x = testOp({ id: 'op-cycle-x', parents: ['op-cycle-y'], at: 1 });
    const y = testOp({ id: 'op-cycle-y', parents: ['op-cycle-x'], at: 2, content: 'y' });
    expect(state(x, y)).toMatchObject({ heads: ['op-cycle-y'], content: 'y', conflict: null });
    expect(state(y, x)).toEqual(state(x, y));
  });
});

describe('itemStateFromOps: several heads', () => {
  const mine = testOp({ id: 'op-mine', parents: ['op-create'], content: 'mine', at: 300 });
  const theirs = testOp({
    id: 'op-theirs',
    parents: ['op-create'],
    content: 'theirs',
    at: 200,
    instanceId: 'b-inst',
  });

  it('is an edit/edit conflict with the common ancestor as base and the newest side shown', () => {
    const s = state(mine, create, theirs);
    expect(s.conflict).toEqual({
      kind: 'edit/edit',
      base: { path: 'Acme.rate', kind: 'value', content: 'base', deleted: false },
      sides: [theirs, mine],
    });
    expect(s).toMatchObject({ heads: ['op-theirs', 'op-mine'], current: mine, content: 'mine' });
  });

  it('breaks clock ties by op id', () => {
    const a = testOp({
      id: 'op-b-side',
      parents: ['op-create'],
      content: '1',
      at: 500,
      instanceId: 'same-ins',
    });
    const b = testOp({
      id: 'op-a-side',
      parents: ['op-create'],
      content: '2',
      at: 500,
      instanceId: 'same-ins',
    });
    expect(state(create, a, b).conflict?.sides.map((op) => op.id)).toEqual(['op-a-side', 'op-b-side']);
    expect(state(b, create, a).current.id).toBe('op-b-side');
  });

  it('is edit/delete when one side deleted and the other did not', () => {
    const gone = testOp({ id: 'op-gone', type: 'delete', parents: ['op-create'], content: 'base', at: 400 });
    const s = state(create, mine, gone);
    expect(s.conflict?.kind).toBe('edit/delete');
    // The newest head is shown, here the delete.
    expect(s).toMatchObject({ deleted: true, current: gone });
  });

  it('is not a conflict when every head deleted the item', () => {
    const d1 = testOp({ id: 'op-del-1', type: 'delete', parents: ['op-create'], at: 400 });
    const d2 = testOp({
      id: 'op-del-2',
      type: 'delete',
      parents: ['op-create'],
      at: 410,
      path: 'Acme.moved',
    });
    expect(state(create, d1, d2)).toMatchObject({
      deleted: true,
      conflict: null,
      heads: ['op-del-1', 'op-del-2'],
    });
  });

  it('is not a conflict when every head made the same change', () => {
    const same1 = testOp({ id: 'op-same-1', parents: ['op-create'], content: 'x', at: 400 });
    const same2 = testOp({ id: 'op-same-2', parents: ['op-create'], content: 'x', at: 410 });
    expect(state(create, same1, same2)).toMatchObject({ conflict: null, content: 'x', current: same2 });
  });

  it('is rename/rename when both sides moved the item to different paths', () => {
    const r1 = testOp({
      id: 'op-ren-1',
      type: 'rename',
      parents: ['op-create'],
      path: 'Acme.a',
      content: 'base',
    });
    const r2 = testOp({
      id: 'op-ren-2',
      type: 'rename',
      parents: ['op-create'],
      path: 'Acme.b',
      content: 'base',
    });
    expect(state(create, r1, r2).conflict?.kind).toBe('rename/rename');
  });

  it('is rename/edit when one side moved the item and the other changed it', () => {
    const r = testOp({
      id: 'op-ren-1',
      type: 'rename',
      parents: ['op-create'],
      path: 'Acme.a',
      content: 'base',
    });
    expect(state(create, r, mine).conflict?.kind).toBe('rename/edit');
  });

  it('is edit/edit when both moved it to the same path but changed content differently', () => {
    const r1 = testOp({ id: 'op-ren-1', parents: ['op-create'], path: 'Acme.a', content: '1' });
    const r2 = testOp({ id: 'op-ren-2', parents: ['op-create'], path: 'Acme.a', content: '2' });
    expect(state(create, r1, r2).conflict?.kind).toBe('edit/edit');
  });

  it('has no base when the heads share no visible ancestor', () => {
    const c1 = testOp({ id: 'op-c-1', content: '1', path: 'Acme.a' });
    const c2 = testOp({ id: 'op-c-2', content: '2', path: 'Acme.b' });
    expect(state(c1, c2).conflict).toMatchObject({ base: null, kind: 'rename/rename' });
  });

  it('takes the base from the lowest common ancestor, not the root', () => {
    const mid = testOp({ id: 'op-mid', parents: ['op-create'], content: 'mid', at: 150 });
    const l = testOp({ id: 'op-left', parents: ['op-mid'], content: 'L', at: 200 });
    const r = testOp({ id: 'op-right', parents: ['op-mid'], content: 'R', at: 210 });
    expect(state(create, mid, l, r).conflict?.base?.content).toBe('mid');
  });

  it('picks the newest of equally low ancestors in a criss-cross history', () => {
    const a = testOp({ id: 'op-a', parents: ['op-create'], content: 'a', at: 200 });
    const b = testOp({ id: 'op-b', parents: ['op-create'], content: 'b', at: 210 });
    const x = testOp({ id: 'op-x', type: 'merge', parents: ['op-a', 'op-b'], content: 'x', at: 300 });
    const y = testOp({ id: 'op-y', type: 'merge', parents: ['op-b', 'op-a'], content: 'y', at: 310 });
    expect(state(y, x, b, a, create).conflict?.base?.content).toBe('b');
  });

  it('is resolved by a merge op over all heads', () => {
    const merge = testOp({
      id: 'op-merge',
      type: 'merge',
      parents: ['op-mine', 'op-theirs'],
      content: 'm',
      at: 50,
    });
    expect(state(create, mine, theirs, merge)).toMatchObject({
      conflict: null,
      heads: ['op-merge'],
      content: 'm',
    });
  });

  it('stays in conflict when a merge names only some heads', () => {
    const third = testOp({ id: 'op-third', parents: ['op-create'], content: '3', at: 320 });
    const partial = testOp({
      id: 'op-part',
      type: 'merge',
      parents: ['op-mine', 'op-theirs'],
      content: 'm',
      at: 330,
    });
    const s = state(create, mine, theirs, third, partial);
    expect(s.heads).toEqual(['op-third', 'op-part']);
    expect(s.conflict?.kind).toBe('edit/edit');
  });

  it('is resolved as deleted by a delete over all heads', () => {
    const gone = testOp({ id: 'op-gone', type: 'delete', parents: ['op-create'], at: 400 });
    const accept = testOp({ id: 'op-accept', type: 'delete', parents: ['op-mine', 'op-gone'], at: 500 });
    expect(state(create, mine, gone, accept)).toMatchObject({ conflict: null, deleted: true });
  });
});

describe('materializeView', () => {
  it('builds every item a view sees, deleted ones included, and skips what it does not see', () => {
    const other = testOp({ id: 'op-o-create', itemId: 'item-0002', path: 'Acme.other', at: 10 });
    const otherGone = testOp({
      id: 'op-o-delete',
      itemId: 'item-0002',
      type: 'delete',
      parents: ['op-o-create'],
    });
    const onBranch = testOp({
      id: 'op-br-edit',
      parents: ['op-create'],
      branchId: 'branch-1234',
      content: 'br',
    });
    const rejected = testOp({ id: 'op-rejected', parents: ['op-create'], content: 'no', status: 'rejected' });
    const items = materializeView([create, other, otherGone, onBranch, rejected], MAIN_VIEW);
    expect([...items.keys()].sort()).toEqual(['item-0001', 'item-0002']);
    expect(items.get('item-0001')).toMatchObject({ content: 'base', conflict: null });
    expect(items.get('item-0002')).toMatchObject({ deleted: true });

    const branchView = viewOf({
      id: 'branch-1234',
      name: 'b',
      state: 'open',
      mainPolicy: 'isolated',
      baseSeq: 0,
      baseHlc: encodeHlc({ wall: 5000, counter: 0, node: 'instance-a' }),
      baseInstanceId: 'instance-a',
      createdBy: 'x',
      createdAt: 0,
      updatedAt: 0,
    });
    const onBranchItems = materializeView([create, other, otherGone, onBranch, rejected], branchView);
    expect(onBranchItems.get('item-0001')).toMatchObject({ content: 'br' });
  });
});

import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc.js';
import { ValidationError } from '../errors.js';
import type { TestOpInput } from '../ops/testing.js';
import { testOp as rawTestOp } from '../ops/testing.js';
import type { ViewSpec } from '../view/branch-view.js';
import { MAIN_VIEW } from '../view/branch-view.js';
import { itemStateFromOps } from './item-state.js';
import { ViewIndex } from './view-index.js';

const testOp = (input: TestOpInput) => rawTestOp({ path: 'Acme.rate', ...input });
const create = testOp({ id: 'op-create', content: 'base', at: 100 });
const edit = testOp({ id: 'op-edit-1', parents: ['op-create'], content: 'v1', at: 200 });

describe('ViewIndex', () => {
  it('reports the items whose state changed, and nothing for ops seen before', () => {
    const index = new ViewIndex(MAIN_VIEW);
    expect(index.addOps([create])).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')).toMatchObject({ content: 'base' });
    expect(index.addOps([create])).toEqual(new Set());
    expect(index.addOps([edit, create, edit])).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')).toMatchObject({ content: 'v1', heads: ['op-edit-1'] });
    expect(index.item('item-0002')).toBeUndefined();
  });

  it('takes a child before its parent; the parent then changes nothing visible', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([edit]);
    expect(index.item('item-0001')).toMatchObject({ content: 'v1', heads: ['op-edit-1'] });
    expect(index.addOps([create])).toEqual(new Set());
    expect(index.opsOf('item-0001').map((op) => op.id)).toEqual(['op-create', 'op-edit-1']);
  });

  it('reports a conflict base that arrives late as a change', () => {
    const index = new ViewIndex(MAIN_VIEW);
    const a = testOp({ id: 'op-side-a', parents: ['op-create'], content: 'a', at: 300 });
    const b = testOp({ id: 'op-side-b', parents: ['op-create'], content: 'b', at: 310 });
    index.addOps([a, b]);
    expect(index.item('item-0001')?.conflict?.base).toBeNull();
    expect(index.addOps([create])).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')?.conflict?.base?.content).toBe('base');
  });

  it('does not report a late ancestor that leaves a conflict as it was', () => {
    const index = new ViewIndex(MAIN_VIEW);
    const mid = testOp({ id: 'op-mid-one', parents: ['op-create'], content: 'mid', at: 150 });
    const a = testOp({ id: 'op-side-a', parents: ['op-mid-one'], content: 'a', at: 300 });
    const b = testOp({ id: 'op-side-b', parents: ['op-mid-one'], content: 'b', at: 310 });
    index.addOps([mid, a, b]);
    const before = index.item('item-0001');
    expect(before?.conflict?.base?.content).toBe('mid');
    expect(index.addOps([create])).toEqual(new Set());
    expect(index.item('item-0001')).toBe(before);
  });

  it('handles long histories (indexed, not scanned) in any arrival order', () => {
    // 40 edits in a chain, a fork at 30 that stays open: two heads, base at op 30.
    const chain = [create];
    for (let n = 1; n <= 40; n++) {
      chain.push(
        testOp({ id: `op-long-${n}`, parents: [chain[n - 1]?.id as string], content: `v${n}`, at: 100 + n }),
      );
    }
    const fork = testOp({ id: 'op-long-fork', parents: ['op-long-30'], content: 'fork', at: 500 });
    const all = [...chain, fork];
    const expected = itemStateFromOps(all);
    expect(expected?.conflict?.base?.content).toBe('v30');
    for (const order of [
      all,
      [...all].reverse(),
      all.filter((_, i) => i % 2).concat(all.filter((_, i) => !(i % 2))),
    ]) {
      const index = new ViewIndex(MAIN_VIEW);
      for (const op of order) index.addOps([op]);
      expect(index.item('item-0001')).toEqual(expected);
      expect(index.opsOf('item-0001')).toHaveLength(42);
    }
    expect(itemStateFromOps([...all].reverse())).toEqual(expected);
  });

  it('lists conflicts by path and drops them once resolved', () => {
    const index = new ViewIndex(MAIN_VIEW);
    const other = (id: string, input: Omit<TestOpInput, 'id'> = {}) =>
      testOp({ id, itemId: 'item-0002', path: 'Acme.alpha', ...input });
    index.addOps([
      create,
      testOp({ id: 'op-side-a', parents: ['op-create'], content: 'a' }),
      testOp({ id: 'op-side-b', parents: ['op-create'], content: 'b' }),
      other('op-o-create'),
      other('op-o-side-a', { parents: ['op-o-create'], content: 'a' }),
      other('op-o-side-b', { parents: ['op-o-create'], content: 'b' }),
    ]);
    expect(index.conflicts().map((s) => s.path)).toEqual(['Acme.alpha', 'Acme.rate']);
    const merge = other('op-o-merge', {
      type: 'merge',
      parents: ['op-o-side-a', 'op-o-side-b'],
      content: 'ab',
    });
    expect(index.addOps([merge])).toEqual(new Set(['item-0002']));
    expect(index.conflicts().map((s) => s.itemId)).toEqual(['item-0001']);
    expect([...index.items()].length).toBe(2);
  });

  it('takes server fields from replaceOp', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([create, edit]);
    const acked = { ...edit, status: 'approved' as const, serverSeq: 7 };
    expect(index.replaceOp(acked)).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')?.current).toBe(acked);
    expect(index.opsOf('item-0001')[1]).toBe(acked);
  });

  it('hides an op the server rejected', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([create, edit]);
    expect(index.replaceOp({ ...edit, status: 'rejected' })).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')).toMatchObject({ content: 'base', heads: ['op-create'] });
    expect(index.replaceOp({ ...create, status: 'rejected' })).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')).toBeUndefined();
    expect([...index.items()]).toEqual([]);
  });

  it('refuses a replacement that changes the op body and keeps the old op', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([create, edit]);
    expect(() => index.replaceOp({ ...edit, content: 'sneaky' })).toThrow(ValidationError);
    expect(() => index.replaceOp({ ...edit, parents: [] })).toThrow(/parents/);
    expect(index.item('item-0001')?.content).toBe('v1');
    expect(index.item('item-0001')?.current).toBe(edit);
  });

  it('replaces many ops at once like one by one, and checks every copy before taking any', () => {
    const other = testOp({ id: 'op-other', itemId: 'item-0002', content: 'x', at: 150 });
    const acks = [create, edit, other].map((op, i) => ({
      ...op,
      status: 'approved' as const,
      serverSeq: i + 1,
    }));
    const oneByOne = new ViewIndex(MAIN_VIEW);
    oneByOne.addOps([create, edit, other]);
    acks.forEach((op) => oneByOne.replaceOp(op));
    const batched = new ViewIndex(MAIN_VIEW);
    batched.addOps([create, edit, other]);
    expect(batched.replaceOps(acks)).toEqual(new Set(['item-0001', 'item-0002']));
    expect([...batched.items()]).toEqual([...oneByOne.items()]);
    const bad = [
      { ...create, serverSeq: 9 },
      { ...other, content: 'sneaky' },
    ];
    const untouched = new ViewIndex(MAIN_VIEW);
    untouched.addOps([create, other]);
    expect(() => untouched.replaceOps(bad)).toThrow(/content/);
    expect(untouched.opsOf('item-0001')[0]).toBe(create);
  });

  it('an ack that leaves what is seen alone swaps the op in: a new state only where a head changed', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([create, edit]);
    const before = index.item('item-0001');
    const ackedCreate = { ...create, status: 'approved' as const, serverSeq: 1 };
    expect(index.replaceOps([ackedCreate])).toEqual(new Set());
    expect(index.item('item-0001')).toBe(before); // not a head: the same state object
    expect(index.opsOf('item-0001')[0]).toBe(ackedCreate);
    const ackedEdit = { ...edit, status: 'approved' as const, serverSeq: 2 };
    expect(index.replaceOps([ackedEdit])).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')?.current).toBe(ackedEdit);
    const fresh = new ViewIndex(MAIN_VIEW);
    fresh.addOps([ackedCreate, ackedEdit]);
    expect([...index.items()]).toEqual([...fresh.items()]);
  });

  it('an ack that changes what is seen (a rejection) rebuilds the item as if built afresh', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([create, edit]);
    const rejected = { ...edit, status: 'rejected' as const, serverSeq: 2 };
    expect(index.replaceOps([rejected])).toEqual(new Set(['item-0001']));
    expect(index.item('item-0001')).toMatchObject({ content: 'base', heads: ['op-create'] });
    const fresh = new ViewIndex(MAIN_VIEW);
    fresh.addOps([create, rejected]);
    expect([...index.items()]).toEqual([...fresh.items()]);
  });

  it('adds an op through replaceOp when it was not seen before', () => {
    const index = new ViewIndex(MAIN_VIEW);
    expect(index.replaceOp(create)).toEqual(new Set(['item-0001']));
  });

  describe('on a branch', () => {
    const view: ViewSpec = {
      branchId: 'branch-1234',
      baseSeq: 5,
      baseHlc: encodeHlc({ wall: 50, counter: 0, node: 'creator-1' }),
      baseInstanceId: 'creator-1',
    };
    const mainOp = testOp({ id: 'op-main-one', instanceId: 'someone-2', at: 10 });

    it("ignores other branches' ops and shows main ops once the server ordered them within the base", () => {
      const index = new ViewIndex(view);
      expect(index.addOps([testOp({ id: 'op-elsewhere', branchId: 'branch-9999' }), mainOp])).toEqual(
        new Set(),
      );
      expect(index.item('item-0001')).toBeUndefined();
      expect(index.replaceOp({ ...mainOp, serverSeq: 4, status: 'approved' })).toEqual(
        new Set(['item-0001']),
      );
      expect(index.item('item-0001')?.current.id).toBe('op-main-one');
    });

    it('shows its own ops on top of main', () => {
      const index = new ViewIndex(view);
      const own = testOp({
        id: 'op-branch-1',
        branchId: 'branch-1234',
        parents: ['op-main-one'],
        content: 'b',
      });
      index.addOps([own, { ...mainOp, serverSeq: 1 }]);
      expect(index.item('item-0001')).toMatchObject({ content: 'b', conflict: null });
    });
  });
});

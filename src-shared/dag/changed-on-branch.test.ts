import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../clock/hlc.js';
import { testOp } from '../ops/testing.js';
import { MAIN_VIEW, type ViewSpec } from '../view/branch-view.js';
import { ViewIndex } from './view-index.js';

const branch: ViewSpec = {
  branchId: 'branch-0001',
  baseSeq: 10,
  baseHlc: encodeHlc({ wall: 0, counter: 0, node: 'x' }),
  baseInstanceId: 'instance-z',
};
const created = testOp({ id: 'op-create-a', itemId: 'item-a', content: 'a', serverSeq: 1 });
const untouched = testOp({ id: 'op-create-b', itemId: 'item-b', content: 'b', serverSeq: 2 });
const onBranch = testOp({
  id: 'op-branch-a',
  itemId: 'item-a',
  parents: [created.id],
  content: 'a, on the branch',
  branchId: 'branch-0001',
  at: 2000,
});
const mainLater = testOp({
  id: 'op-main-b',
  itemId: 'item-b',
  parents: [untouched.id],
  content: 'b2',
  at: 3000,
});

describe('items changed on a branch', () => {
  it('are the items with a head made on the branch; main after the base does not count', () => {
    const index = new ViewIndex(branch);
    index.addOps([created, untouched, onBranch, mainLater]);
    expect(index.changedOnBranch('item-a')).toBe(true);
    expect(index.changedOnBranch('item-b')).toBe(false);
    expect(index.changedOnBranch('no-such-item')).toBe(false);
  });

  it('are none on main', () => {
    const index = new ViewIndex(MAIN_VIEW);
    index.addOps([created, untouched, mainLater]);
    expect(index.changedOnBranch('item-a')).toBe(false);
    expect(index.changedOnBranch('item-b')).toBe(false);
  });
});

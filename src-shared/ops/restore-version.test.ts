import { describe, expect, it } from 'vitest';
import { itemStateFromOps } from '../dag/item-state.js';
import type { ItemState, Op } from '../model/index.js';
import { planRestore } from './restore-version.js';
import { testOp } from './testing.js';

const v1 = testOp({ id: 'op-00000001', content: 'one\n', at: 1000 });
const v2 = testOp({ id: 'op-00000002', parents: [v1.id], content: 'two\n', at: 2000 });
const renamed = testOp({
  id: 'op-00000003',
  type: 'rename',
  parents: [v2.id],
  path: 'Acme.renamed',
  content: 'two\n',
  at: 3000,
});
const stateOf = (...ops: Op[]) => itemStateFromOps(ops) as ItemState;

describe('restore this version', () => {
  it('an older version becomes an update of the content; the current path stays', () => {
    const plan = planRestore(stateOf(v1, v2, renamed), v1);
    expect(plan).toMatchObject({ kind: 'update', content: 'one\n' });
    expect(plan.note).toMatch(/keeps its current path, Acme\.renamed/);
  });

  it('the current content, or a deletion, has nothing to restore and says why', () => {
    expect(planRestore(stateOf(v1, v2), v2)).toMatchObject({ kind: 'nothing', note: /has this content now/ });
    const gone = testOp({ id: 'op-00000004', type: 'delete', parents: [v2.id], content: 'two\n', at: 4000 });
    expect(planRestore(stateOf(v1, v2, gone), gone)).toMatchObject({ kind: 'nothing', note: /deletion/ });
  });

  it('a deleted item comes back with the version’s content at its path', () => {
    const gone = testOp({ id: 'op-00000004', type: 'delete', parents: [v2.id], content: 'two\n', at: 4000 });
    expect(planRestore(stateOf(v1, v2, gone), v1)).toMatchObject({
      kind: 'undelete',
      snapshot: { path: 'Acme.thing', content: 'one\n', deleted: false },
    });
  });

  it('on an item in conflict the version is offered as the resolution', () => {
    const theirs = testOp({
      id: 'op-00000005',
      parents: [v1.id],
      content: 'three\n',
      at: 2500,
      instanceId: 'b',
    });
    const item = stateOf(v1, v2, theirs);
    expect(item.conflict).not.toBeNull();
    const plan = planRestore(item, v1);
    expect(plan).toMatchObject({ kind: 'resolve', result: { content: 'one\n', path: 'Acme.thing' } });
    expect(plan.note).toMatch(/merge of the 2 versions in conflict/);
  });

  it('a version of another item is refused', () => {
    const other = testOp({ id: 'op-00000009', itemId: 'item-0002', content: 'x' });
    expect(planRestore(stateOf(v1, v2), other).kind).toBe('nothing');
  });
});

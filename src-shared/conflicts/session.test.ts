import { describe, expect, it } from 'vitest';
import { itemStateFromOps } from '../dag/index.js';
import type { ItemState, Op } from '../model/index.js';
import { testOp } from '../ops/testing.js';
import { accept, conflictIndex, editChunk } from './merge-model.js';
import { batchPreview, policyFor, takeSide } from './policy.js';
import {
  chooseDeletion,
  choosePath,
  needsPathChoice,
  openSession,
  resultOf,
  validateSession,
  withText,
  type ResolveSession,
} from './session.js';

const ME = 'laptop-me';
const THEM = 'desk-them';

function conflicted(ops: Op[]): ItemState {
  const item = itemStateFromOps(ops);
  if (!item?.conflict) throw new Error('expected a conflict');
  return item;
}

function session(item: ItemState): ResolveSession {
  return openSession({ itemId: item.itemId, conflict: item.conflict!, heads: item.heads, instanceId: ME });
}

const root = testOp({ id: 'op-root-0001', content: 'a\nb\nc\n', kind: 'value', instanceId: THEM });

function editEdit(kind: Op['kind'] = 'value', mine = 'a\nmine\nc\n', theirs = 'a\ntheirs\nc\n'): ItemState {
  return conflicted([
    { ...root, kind },
    testOp({ id: 'op-mine-0001', parents: [root.id], content: mine, kind, instanceId: ME, at: 3000 }),
    testOp({ id: 'op-them-0001', parents: [root.id], content: theirs, kind, instanceId: THEM, at: 2000 }),
  ]);
}

describe('resolve session', () => {
  it('calls the side made on this machine local, whatever the clock says', () => {
    const s = session(editEdit());
    expect(s.sides.byMachine).toBe(true);
    expect(s.sides.local.op.id).toBe('op-mine-0001');
    expect(s.sides.local.label).toBe('Yours (this machine)');
    expect(s.sides.remote.label).toBe('tester');
  });

  it('orders by clock when neither side is mine', () => {
    const item = editEdit();
    const s = openSession({
      itemId: item.itemId,
      conflict: item.conflict!,
      heads: item.heads,
      instanceId: 'other-0001',
    });
    expect(s.sides.byMachine).toBe(false);
    expect(s.sides.local.op.id).toBe('op-them-0001');
    expect(s.sides.remote.op.id).toBe('op-mine-0001');
  });

  it('cannot save with conflicts left, nor with markers typed into the result', () => {
    let s = session(editEdit());
    expect(validateSession(s)).toEqual(['1 conflict left to resolve']);
    const index = conflictIndex(s.text!, 1);
    s = withText(s, editChunk(s.text!, index, '<<<<<<< mine\nx\n'));
    expect(validateSession(s)).toEqual([expect.stringMatching(/conflict markers/)]);
    s = withText(s, accept(s.text!, 1, 'remote'));
    expect(validateSession(s)).toEqual([]);
    expect(resultOf(s)).toEqual({
      path: 'Acme.thing',
      kind: 'value',
      content: 'a\ntheirs\nc\n',
      deleted: false,
    });
  });

  it('checks that a component result is YAML', () => {
    let s = session(editEdit('component', 'a: 1\nb: mine\n', 'a: 1\nb: [theirs\n'));
    s = withText(s, accept(s.text!, 1, 'remote'));
    expect(validateSession(s)).toEqual([expect.stringMatching(/not valid YAML/)]);
    s = withText(s, accept(s.text!, 1, 'local'));
    expect(validateSession(s)).toEqual([]);
  });

  it('edit/delete: restore with the kept version, or accept the deletion', () => {
    const item = conflicted([
      root,
      testOp({ id: 'op-mine-0001', parents: [root.id], content: 'a\nmine\nc\n', instanceId: ME, at: 3000 }),
      testOp({
        id: 'op-them-0001',
        parents: [root.id],
        type: 'delete',
        content: root.content,
        instanceId: THEM,
        at: 2000,
      }),
    ]);
    let s = session(item);
    expect(s.kind).toBe('edit/delete');
    expect(s.text).toBeNull();
    expect(validateSession(s)).toEqual([expect.stringMatching(/restore .* or accept the deletion/)]);
    s = chooseDeletion(s, 'restore');
    expect(validateSession(s)).toEqual([]);
    expect(resultOf(s)).toMatchObject({ content: 'a\nmine\nc\n', deleted: false });
    s = chooseDeletion(s, 'accept-deletion');
    expect(resultOf(s)).toMatchObject({ deleted: true, path: 'Acme.thing' });
  });

  it("rename/rename: one side's path, or a typed one (checked)", () => {
    const item = conflicted([
      root,
      testOp({
        id: 'op-mine-0001',
        parents: [root.id],
        type: 'rename',
        path: 'Acme.mine',
        content: root.content,
        instanceId: ME,
        at: 3000,
      }),
      testOp({
        id: 'op-them-0001',
        parents: [root.id],
        type: 'rename',
        path: 'Acme.theirs',
        content: root.content,
        instanceId: THEM,
        at: 2000,
      }),
    ]);
    let s = session(item);
    expect(s.kind).toBe('rename/rename');
    expect(needsPathChoice(s)).toBe(true);
    expect(resultOf(s).path).toBe('Acme.mine');
    s = choosePath(s, { side: 'remote' });
    expect(resultOf(s).path).toBe('Acme.theirs');
    s = choosePath(s, { typed: 'no dots' });
    expect(validateSession(s)).toEqual([expect.stringMatching(/namespace and a name/)]);
    s = choosePath(s, { typed: 'Acme.both' });
    expect(validateSession(s)).toEqual([]);
    expect(resultOf(s).path).toBe('Acme.both');
  });

  it('rename/edit starts from the moved path and the edited content', () => {
    const item = conflicted([
      root,
      testOp({ id: 'op-mine-0001', parents: [root.id], content: 'a\nmine\nc\n', instanceId: ME, at: 3000 }),
      testOp({
        id: 'op-them-0001',
        parents: [root.id],
        type: 'rename',
        path: 'Acme.moved',
        content: root.content,
        instanceId: THEM,
        at: 2000,
      }),
    ]);
    const s = session(item);
    expect(s.kind).toBe('rename/edit');
    expect(validateSession(s)).toEqual([]);
    expect(resultOf(s)).toMatchObject({ path: 'Acme.moved', content: 'a\nmine\nc\n' });
  });
});

describe('policies and batches', () => {
  it('the deepest namespace policy decides', () => {
    const policies = { Acme: 'prefer-local', 'Acme.Billing': 'prefer-remote' } as const;
    expect(policyFor('Acme.Billing.charge', policies)).toBe('prefer-remote');
    expect(policyFor('Acme.x', policies)).toBe('prefer-local');
    expect(policyFor('Other.x', policies)).toBe('manual');
    expect(policyFor('AcmeCo.x', policies)).toBe('manual');
  });

  it("takes a whole side, and waits when no side is this machine's", () => {
    const item = editEdit();
    expect(takeSide(item, 'remote', ME)).toMatchObject({
      result: { content: 'a\ntheirs\nc\n' },
      winnerOpId: 'op-them-0001',
    });
    expect(takeSide(item, 'local', 'other-0001', true)).toBeNull();
  });

  it('previews a batch with a short diff summary per item', () => {
    const rows = batchPreview([editEdit()], 'local', ME);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ path: 'Acme.thing', newPath: null, kind: 'edit/edit' });
    expect(rows[0]?.summary).toBe('keeps Yours (this machine): +1 −1 lines vs tester');
  });
});

import { describe, expect, it } from 'vitest';
import { HybridClock } from '../clock/hlc.js';
import { itemStateFromOps } from '../dag/item-state.js';
import { ValidationError } from '../errors.js';
import type { ItemState, Op } from '../model/index.js';
import { MAX_CONTENT_BYTES, OpSchema } from '../model/index.js';
import type { OpContext } from './factories.js';
import {
  createItemOp,
  deleteItemOp,
  mergeItemOp,
  renameItemOp,
  restoreItemOp,
  updateItemOp,
} from './factories.js';

function context(instanceId = 'instance-a', start = 1_000_000): OpContext {
  let n = 0;
  let t = start;
  return {
    author: 'ada',
    instanceId,
    branchId: 'main',
    clock: new HybridClock(instanceId, () => (t += 10)),
    newId: () => `${instanceId}-id-${String(++n).padStart(4, '0')}`,
  };
}

function stateOf(...ops: Op[]): ItemState {
  return itemStateFromOps(ops) as ItemState;
}

/** Runs `make`, expects a ValidationError about `field`, and checks the clock did not move. */
function expectRefused(ctx: OpContext, make: () => unknown, field: string, message: RegExp): void {
  const before = ctx.clock.last;
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).field).toBe(field);
  expect((caught as ValidationError).message).toMatch(message);
  expect(ctx.clock.last).toBe(before);
}

describe('createItemOp', () => {
  it('makes a valid, frozen create op for a new item', () => {
    const ctx = context();
    const op = createItemOp(ctx, { path: 'Acme.Billing.charge', kind: 'fn', content: 'x => x' });
    expect(OpSchema.parse(op)).toEqual(op);
    expect(op).toMatchObject({
      itemId: 'instance-a-id-0001',
      id: 'instance-a-id-0002',
      type: 'create',
      parents: [],
      path: 'Acme.Billing.charge',
      kind: 'fn',
      content: 'x => x',
      author: 'ada',
      instanceId: 'instance-a',
      branchId: 'main',
      hlc: ctx.clock.last,
    });
    expect(Object.isFrozen(op)).toBe(true);
    expect(Object.isFrozen(op.parents)).toBe(true);
    expect(() => (op.parents as string[]).push('x')).toThrow();
  });

  it('refuses a bad path, kind or content with a clear error and no clock tick', () => {
    const ctx = context();
    expectRefused(
      ctx,
      () => createItemOp(ctx, { path: 'charge', kind: 'fn', content: '' }),
      'path',
      /namespace/,
    );
    expectRefused(
      ctx,
      () => createItemOp(ctx, { path: 'Acme.9lives', kind: 'fn', content: '' }),
      'path',
      /9lives/,
    );
    expectRefused(
      ctx,
      () => createItemOp(ctx, { path: 'Acme.x', kind: 'script' as never, content: '' }),
      'kind',
      /not an item kind/,
    );
    expectRefused(
      ctx,
      () => createItemOp(ctx, { path: 'Acme.x', kind: 'fn', content: 'x'.repeat(MAX_CONTENT_BYTES + 1) }),
      'content',
      /at most/,
    );
  });

  it('refuses a broken context before the clock moves', () => {
    const ctx = { ...context(), author: '' };
    expectRefused(
      ctx,
      () => createItemOp(ctx, { path: 'Acme.x', kind: 'fn', content: '' }),
      'author',
      /author/,
    );
  });

  it('refuses an op whose id generator makes unusable ids', () => {
    const ctx = { ...context(), newId: () => 'bad id!' };
    expect(() => createItemOp(ctx, { path: 'Acme.x', kind: 'fn', content: '' })).toThrow(ValidationError);
  });
});

describe('updateItemOp / renameItemOp', () => {
  const ctx = context();
  const created = createItemOp(ctx, { path: 'Acme.rate', kind: 'value', content: '1' });
  const item = stateOf(created);

  it('updates content on top of the heads', () => {
    const op = updateItemOp(ctx, item, '2');
    expect(op).toMatchObject({ type: 'update', parents: [created.id], content: '2', path: 'Acme.rate' });
    expect(stateOf(created, op).content).toBe('2');
  });

  it('refuses an update that changes nothing', () => {
    expectRefused(ctx, () => updateItemOp(ctx, item, '1'), 'content', /Nothing to save/);
  });

  it('renames, also across namespaces', () => {
    const op = renameItemOp(ctx, item, 'Other.Place.rate');
    expect(op).toMatchObject({
      type: 'rename',
      parents: [created.id],
      path: 'Other.Place.rate',
      content: '1',
    });
  });

  it('refuses a rename to the same path or to a bad path', () => {
    expectRefused(ctx, () => renameItemOp(ctx, item, 'Acme.rate'), 'path', /already at that path/);
    expectRefused(ctx, () => renameItemOp(ctx, item, 'Acme..rate'), 'path', /not a valid path/);
  });

  it('refuses to edit or rename a deleted item', () => {
    const gone = stateOf(created, deleteItemOp(ctx, item));
    expectRefused(ctx, () => updateItemOp(ctx, gone, '3'), 'item', /deleted; restore it/);
    expectRefused(ctx, () => renameItemOp(ctx, gone, 'Acme.other'), 'item', /deleted/);
  });
});

describe('deleteItemOp / restoreItemOp', () => {
  const ctx = context();
  const created = createItemOp(ctx, { path: 'Acme.doc', kind: 'doc', content: 'hello' });
  const edited = updateItemOp(ctx, stateOf(created), 'hello world');
  const deleted = deleteItemOp(ctx, stateOf(created, edited));

  it('deletes, keeping the state the item had', () => {
    expect(deleted).toMatchObject({
      type: 'delete',
      parents: [edited.id],
      path: 'Acme.doc',
      content: 'hello world',
    });
    expect(stateOf(created, edited, deleted)).toMatchObject({ deleted: true, conflict: null });
  });

  it('refuses to delete twice', () => {
    expectRefused(ctx, () => deleteItemOp(ctx, stateOf(created, edited, deleted)), 'item', /already deleted/);
  });

  it('restores the state before the delete', () => {
    const restored = restoreItemOp(ctx, stateOf(created, edited, deleted));
    expect(restored).toMatchObject({ type: 'create', parents: [deleted.id], content: 'hello world' });
    expect(stateOf(created, edited, deleted, restored)).toMatchObject({
      deleted: false,
      content: 'hello world',
      path: 'Acme.doc',
    });
  });

  it('restores a chosen snapshot, validated', () => {
    const gone = stateOf(created, edited, deleted);
    const restored = restoreItemOp(ctx, gone, {
      path: 'Acme.doc2',
      kind: 'doc',
      content: 'v1',
      deleted: false,
    });
    expect(restored).toMatchObject({ path: 'Acme.doc2', content: 'v1', type: 'create' });
    expectRefused(
      ctx,
      () => restoreItemOp(ctx, gone, { path: 'nope', kind: 'doc', content: '', deleted: false }),
      'path',
      /namespace/,
    );
  });

  it('refuses to restore an item that is not deleted', () => {
    expectRefused(ctx, () => restoreItemOp(ctx, stateOf(created)), 'item', /not deleted/);
  });
});

describe('mergeItemOp', () => {
  const a = context('instance-a');
  const b = context('instance-b', 1_000_005);
  const created = createItemOp(a, { path: 'Acme.cfg', kind: 'component', content: 'base' });
  const mine = updateItemOp(a, stateOf(created), 'mine');
  const theirs = updateItemOp(b, stateOf(created), 'theirs');
  const conflicted = stateOf(created, mine, theirs);

  it('writes a merge over all heads that resolves the conflict', () => {
    expect(conflicted.conflict?.kind).toBe('edit/edit');
    const merge = mergeItemOp(a, conflicted, {
      path: 'Acme.cfg',
      kind: 'component',
      content: 'both',
      deleted: false,
    });
    expect(merge.type).toBe('merge');
    expect([...merge.parents].sort()).toEqual([mine.id, theirs.id].sort());
    expect(stateOf(created, mine, theirs, merge)).toMatchObject({
      conflict: null,
      content: 'both',
      heads: [merge.id],
    });
  });

  it('writes a delete when the chosen result is "deleted"', () => {
    const merge = mergeItemOp(a, conflicted, {
      path: 'Acme.cfg',
      kind: 'component',
      content: '',
      deleted: true,
    });
    expect(merge.type).toBe('delete');
    expect(stateOf(created, mine, theirs, merge)).toMatchObject({ conflict: null, deleted: true });
  });

  it('refuses a bad result', () => {
    expectRefused(
      a,
      () => mergeItemOp(a, conflicted, { path: 'bad', kind: 'component', content: '', deleted: false }),
      'path',
      /namespace/,
    );
  });

  it('refuses more heads than an op may name', () => {
    const many = { ...conflicted, heads: Array.from({ length: 65 }, (_, i) => `head-id-${i}`) };
    expectRefused(a, () => mergeItemOp(a, many, { ...conflicted, deleted: false }), 'parents', /at most 64/);
  });
});

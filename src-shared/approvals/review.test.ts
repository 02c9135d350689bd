import { describe, expect, it } from 'vitest';
import type { Op } from '../model/index.js';
import type { ItemVersion } from '../sync-protocol/index.js';
import { composedDiffs, reviewOf } from './review.js';

const v = (opId: string, content: string, deleted = false): ItemVersion => ({
  opId,
  path: 'Team.rate',
  kind: 'value',
  content,
  deleted,
});
const item = (over: Partial<Parameters<typeof reviewOf>[0]>) => ({
  itemId: 'item_1',
  stale: false,
  base: [],
  current: [],
  requested: [],
  included: false,
  ...over,
});

describe('reviewOf', () => {
  it('keeps the submitted diff once the change is merged or approved, with no second diff', () => {
    const review = reviewOf(
      item({
        base: [v('op_a', 'a')],
        current: [v('op_m', 'a\nb')],
        requested: [v('op_b', 'b')],
        included: true,
      }),
    );
    expect(review.submitted).toEqual({ before: 'a', after: 'b' });
    expect(review.current).toBeNull();
    expect(review.included).toBe(true);
  });

  it('shows today’s version beside the submitted diff when the item moved on', () => {
    const review = reviewOf(
      item({ base: [v('op_a', 'a')], current: [v('op_c', 'c')], requested: [v('op_b', 'b')], stale: true }),
    );
    expect(review.submitted).toEqual({ before: 'a', after: 'b' });
    expect(review.current).toEqual({ before: 'c', after: 'b' });
  });

  it('reads a new item and a delete', () => {
    expect(reviewOf(item({ requested: [v('op_b', 'b')] }))).toMatchObject({
      created: true,
      current: null,
      submitted: { before: '', after: 'b' },
    });
    const gone = reviewOf(
      item({ base: [v('op_a', 'a')], current: [v('op_a', 'a')], requested: [v('op_d', 'x', true)] }),
    );
    expect(gone).toMatchObject({ deleted: true, submitted: { before: 'a', after: '' }, current: null });
  });
});

const op = (id: string, over: Partial<Op>): Op =>
  ({
    id,
    itemId: 'item_1',
    branchId: 'main',
    type: 'update',
    path: 'Team.rate',
    kind: 'value',
    content: '',
    parents: [],
    author: 'bob',
    instanceId: 'instance_1',
    hlc: '0',
    status: 'pending',
    ...over,
  }) as Op;

describe('composedDiffs', () => {
  it('diffs a chain of picked edits from what its first op was written on', () => {
    const base = op('op_a', { content: 'rate = 1', status: 'approved', author: 'alice' });
    const one = op('op_b', { content: 'rate = 2', parents: ['op_a'] });
    const two = op('op_c', { content: 'rate = 3', parents: ['op_b'] });
    const byId = new Map([base, one, two].map((o) => [o.id, o]));
    expect(composedDiffs([one, two], byId)).toEqual([
      {
        itemId: 'item_1',
        path: 'Team.rate',
        diff: { before: 'rate = 1', after: 'rate = 3' },
        created: false,
        deleted: false,
      },
    ]);
    expect(composedDiffs([one], byId)[0]?.diff).toEqual({ before: 'rate = 1', after: 'rate = 2' });
  });

  it('reads a create as a new item', () => {
    const made = op('op_n', { type: 'create', content: 'x', itemId: 'item_2', path: 'Team.new' });
    expect(composedDiffs([made], new Map())).toMatchObject([
      { path: 'Team.new', created: true, diff: { before: '', after: 'x' } },
    ]);
  });
});

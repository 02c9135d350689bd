import { describe, expect, it } from 'vitest';
import type { OpBody } from '../model/index.js';
import { BatchDependencies, PUSH_WINDOW, waitsBeforeSending } from './push-pipeline.js';

const allOf = (batches: OpBody[][]) => {
  const dependencies = new BatchDependencies(batches);
  return batches.map((_, index) => dependencies.of(index));
};

const op = (id: string, parents: string[] = []): OpBody => ({
  id,
  itemId: `item-${id}`,
  branchId: 'main',
  type: parents.length ? 'update' : 'create',
  path: 'Acme.x',
  kind: 'fn',
  content: '',
  parents,
  author: 'ada',
  instanceId: 'inst-00000001',
  hlc: id,
});

describe('push pipeline', () => {
  it('makes a batch wait for every earlier batch that holds a parent of its ops', () => {
    const batches = [
      [op('op-a0000001'), op('op-b0000001')],
      [op('op-c0000001')], // independent
      [op('op-a0000002', ['op-a0000001']), op('op-d0000001', ['op-c0000001'])],
      [op('op-a0000003', ['op-a0000002', 'op-unknown01'])], // a parent already on the server: no wait
    ];
    expect(allOf(batches)).toEqual([[], [], [0, 1], [2]]);
    // Asked out of order (a later batch first), the answers are the same.
    const dependencies = new BatchDependencies(batches);
    expect(dependencies.of(3)).toEqual([2]);
    expect(dependencies.of(2)).toEqual([0, 1]);
    expect(dependencies.of(0)).toEqual([]);
  });

  it('never has more than the window in flight, and always waits for parents', () => {
    expect(PUSH_WINDOW).toBe(3);
    expect(waitsBeforeSending([], 0)).toEqual([]);
    expect(waitsBeforeSending([], 1)).toEqual([]);
    expect(waitsBeforeSending([1], 2)).toEqual([1]);
    expect(waitsBeforeSending([], 3)).toEqual([0]);
    expect(waitsBeforeSending([3], 4)).toEqual([1, 3]);
  });

  it('keeps a batch with a parent in the same batch free to go', () => {
    expect(allOf([[op('op-e0000001'), op('op-e0000002', ['op-e0000001'])]])).toEqual([[]]);
  });
});

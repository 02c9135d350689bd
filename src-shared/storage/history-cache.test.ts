import { describe, expect, it } from 'vitest';
import type { Op } from '../model/index.js';
import { MAIN_VIEW } from '../view/branch-view.js';
import { planEviction } from './eviction.js';
import {
  freeAllLimits,
  freedMessage,
  historyCacheEntries,
  pressureLimits,
  RELIEF_RATIO,
} from './history-cache.js';

let seq = 0;
function op(itemId: string, id: string, parents: string[], over: Partial<Op> = {}): Op {
  seq += 1;
  return {
    id,
    itemId,
    branchId: 'main',
    type: parents.length ? 'update' : 'create',
    path: `Acme.Shared.${itemId}`,
    kind: 'fn',
    content: `v ${id}`,
    parents,
    author: 'alice',
    instanceId: 'inst-0000001',
    hlc: `${String(seq).padStart(13, '0')}:0000:inst-0000001`,
    serverSeq: seq,
    status: 'approved',
    ...over,
  };
}
const chain = (itemId: string, n: number, over: Partial<Op> = {}) => {
  const ops: Op[] = [];
  for (let i = 0; i < n; i++)
    ops.push(op(itemId, `${itemId}-op${i}`, i ? [`${itemId}-op${i - 1}`] : [], over));
  return ops;
};
const entries = (ops: Op[], lastUsed = {}) =>
  historyCacheEntries({ ops, userName: 'bob', views: [MAIN_VIEW], lastUsed });

describe('historyCacheEntries', () => {
  it("offers an item's synced history by others, never its head", () => {
    const cache = entries(chain('itemAAAA', 3));
    expect(cache.entries.map((e) => e.id)).toEqual(['itemAAAA']);
    expect(cache.opIds.get('itemAAAA')).toEqual(['itemAAAA-op0', 'itemAAAA-op1']);
    expect(cache.branches.get('itemAAAA')).toEqual(['main']);
    expect(cache.entries[0]?.namespace).toBe('Acme.Shared');
    expect(cache.entries[0]?.bytes).toBeGreaterThan(0);
  });

  it("keeps the user's own ops and skips items with unsent work", () => {
    const mixed = chain('itemBBBB', 3);
    mixed[1] = { ...(mixed[1] as Op), author: 'bob' };
    expect(entries(mixed).opIds.get('itemBBBB')).toEqual(['itemBBBB-op0']);
    const unsent = chain('itemCCCC', 3);
    unsent.push(op('itemCCCC', 'itemCCCC-new', ['itemCCCC-op2'], { author: 'bob', serverSeq: undefined }));
    expect(entries(unsent).entries).toEqual([]);
  });

  it('skips items in conflict (their base is needed) and items with nothing to free', () => {
    const ops = chain('itemDDDD', 2);
    ops.push(op('itemDDDD', 'itemDDDD-side', ['itemDDDD-op0']));
    expect(entries(ops).entries).toEqual([]);
    expect(entries(chain('itemEEEE', 1)).entries).toEqual([]);
  });

  it("keeps an open branch's view of main, and skips items the branch changed", () => {
    const main = chain('itemFFFF', 3);
    const branchView = {
      branchId: 'branch-0001',
      baseSeq: main[1]?.serverSeq ?? 0,
      baseHlc: '0',
      baseInstanceId: 'other-instance',
    };
    const cache = historyCacheEntries({
      ops: main,
      userName: 'bob',
      views: [MAIN_VIEW, branchView],
      lastUsed: {},
    });
    expect(cache.opIds.get('itemFFFF')).toEqual(['itemFFFF-op0']); // op1 is the branch's head
    const onBranch = [...main, op('itemFFFF', 'itemFFFF-br', ['itemFFFF-op1'], { branchId: 'branch-0001' })];
    expect(
      historyCacheEntries({ ops: onBranch, userName: 'bob', views: [MAIN_VIEW, branchView], lastUsed: {} })
        .entries,
    ).toEqual([]);
  });

  it('carries last use into the plan: least recently used goes first, pinned never', () => {
    const ops = [
      ...chain('itemGGGG', 3),
      ...chain('itemHHHH', 3),
      ...chain('itemIIII', 3, { path: 'Trip.x' }),
    ];
    const cache = entries(ops, { itemGGGG: 50, itemHHHH: 10 });
    const plan = planEviction(cache.entries, { ...freeAllLimits(['Trip']), maxEntries: 1 });
    expect(plan.evict).toEqual(['itemHHHH']);
    expect(planEviction(cache.entries, freeAllLimits(['Trip'])).evict).toEqual(['itemHHHH', 'itemGGGG']);
  });
});

describe('pressureLimits', () => {
  it('asks to free what is above the relief level, and nothing below it', () => {
    const limits = pressureLimits({ usedBytes: 900, quotaBytes: 1000 }, 400, ['Trip']);
    expect(limits).toEqual({
      budgetBytes: 400 - (900 - 1000 * RELIEF_RATIO),
      targetRatio: 1,
      pinned: ['Trip'],
    });
    expect(pressureLimits({ usedBytes: 700, quotaBytes: 1000 }, 400, [])).toBeNull();
    expect(pressureLimits({ usedBytes: 900, quotaBytes: 1000 }, 0, [])).toBeNull();
    expect(pressureLimits({ usedBytes: 999, quotaBytes: 1000 }, 10, [])?.budgetBytes).toBe(1);
  });
});

describe('freedMessage', () => {
  it('reports megabytes and items, and says why when nothing could go', () => {
    expect(freedMessage(3 * 1_048_576, 2)).toMatch(/^Freed 3\.0 MB from the history of 2 items\./);
    expect(freedMessage(1000, 1)).toMatch(/^Freed < 0\.1 MB from the history of 1 item\./);
    expect(freedMessage(0, 0)).toMatch(/^Nothing to free/);
  });
});

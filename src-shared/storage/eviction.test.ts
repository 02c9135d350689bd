import { describe, expect, it } from 'vitest';
import { createEvictionTrigger, planEviction, storagePressure, type CacheEntry } from './eviction.js';

const entry = (id: string, over: Partial<CacheEntry> = {}): CacheEntry => ({
  id,
  namespace: 'Acme',
  bytes: 100,
  lastUsedAt: 0,
  synced: true,
  own: false,
  ...over,
});

describe('planEviction', () => {
  it('evicts nothing while under the budget', () => {
    const plan = planEviction([entry('a'), entry('b')], { budgetBytes: 1000 });
    expect(plan).toEqual({ evict: [], freedBytes: 0, usedBytes: 200, stillOver: false });
  });

  it('evicts cached data least recently used first, down to the target', () => {
    const entries = [
      entry('new', { lastUsedAt: 30 }),
      entry('old', { lastUsedAt: 10 }),
      entry('mid', { lastUsedAt: 20 }),
      entry('newest', { lastUsedAt: 40 }),
    ];
    const plan = planEviction(entries, { budgetBytes: 300, targetRatio: 0.5 });
    expect(plan.evict).toEqual(['old', 'mid', 'new']);
    expect(plan.freedBytes).toBe(300);
    expect(plan.stillOver).toBe(false);
  });

  it('never evicts unsynced work, own work or pinned namespaces, and says when it cannot free enough', () => {
    const entries = [
      entry('unsynced', { synced: false }),
      entry('mine', { own: true }),
      entry('kept', { namespace: 'Travel.Docs' }),
      entry('cached', { namespace: 'Other', lastUsedAt: 5 }),
    ];
    const plan = planEviction(entries, { budgetBytes: 150, pinned: ['Travel'] });
    expect(plan.evict).toEqual(['cached']);
    expect(plan.stillOver).toBe(true);
    // A namespace that only shares a prefix is not pinned.
    expect(
      planEviction([entry('x', { namespace: 'Traveller' })], { budgetBytes: 50, pinned: ['Travel'] }).evict,
    ).toEqual(['x']);
  });

  it('is bounded per run', () => {
    const many = Array.from({ length: 50 }, (_, i) => entry(`e${i}`, { lastUsedAt: i }));
    const plan = planEviction(many, { budgetBytes: 100, maxEntries: 7 });
    expect(plan.evict).toHaveLength(7);
    expect(plan.evict[0]).toBe('e0');
  });

  it('refuses a budget that is not positive', () => {
    expect(() => planEviction([entry('a')], { budgetBytes: 0 })).toThrow(/positive/);
    expect(() => planEviction([entry('a')], { budgetBytes: Number.NaN })).toThrow(/positive/);
  });
});

describe('storagePressure', () => {
  it('warns at 85 % of the quota and not before', () => {
    expect(storagePressure({ usage: 84, quota: 100 })).toEqual({ ratio: 0.84, warn: false });
    expect(storagePressure({ usage: 85, quota: 100 })?.warn).toBe(true);
    expect(storagePressure({ usage: 1 })).toBeNull();
    expect(storagePressure({ usage: 1, quota: 0 })).toBeNull();
  });
});

describe('createEvictionTrigger', () => {
  it('runs only under pressure, at most once per interval, never twice at once', async () => {
    let now = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    const trigger = createEvictionTrigger({
      minIntervalMs: 1000,
      now: () => now,
      run: () => {
        runs++;
        return new Promise<void>((r) => (release = r));
      },
    });
    expect(await trigger(false)).toBe(false);
    const first = trigger(true);
    expect(await trigger(true)).toBe(false); // in flight
    release();
    expect(await first).toBe(true);
    now = 500;
    expect(await trigger(true)).toBe(false); // too soon
    now = 1500;
    const second = trigger(true);
    release();
    expect(await second).toBe(true);
    expect(runs).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { forEachPageGroup } from './pages.js';

interface Page {
  n: number;
  ops: number;
}

/** Pages 1..count of `ops` ops each, answered after `delayMs`; records which were asked for. */
function server(count: number, ops = 10, delayMs = 1, failAt?: number) {
  const asked: number[] = [];
  const fetch = (n: number): Promise<Page> => {
    asked.push(n);
    return new Promise((resolve, reject) =>
      setTimeout(() => (n === failAt ? reject(new Error(`page ${n} failed`)) : resolve({ n, ops })), delayMs),
    );
  };
  const next = (page: Page) => (page.n < count ? fetch(page.n + 1) : null);
  return { asked, first: () => fetch(1), next };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('forEachPageGroup', () => {
  it('hands the first page alone, then the pages that arrived while a group was written, in order', async () => {
    const { first, next } = server(12);
    const groups: number[][] = [];
    await forEachPageGroup(
      first(),
      next,
      (p) => p.ops,
      async (pages) => {
        groups.push(pages.map((p) => p.n));
        await sleep(15); // writing is slower than fetching
      },
    );
    expect(groups[0]).toEqual([1]);
    expect(groups.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(groups.length).toBeLessThan(12);
  });

  it('fetches no further ahead than the limit while a write is slow', async () => {
    const { asked, first, next } = server(50, 10);
    let most = 0;
    await forEachPageGroup(
      first(),
      next,
      (p) => p.ops,
      async (pages) => {
        most = Math.max(most, pages.length);
        await sleep(40);
      },
      30,
    );
    expect(asked).toHaveLength(50);
    // 30 ops = 3 pages waiting, plus the one already asked for when the limit was reached.
    expect(most).toBeLessThanOrEqual(4);
  });

  it('handles the pages before a failed fetch, then fails with its error', async () => {
    const { first, next } = server(10, 10, 1, 4);
    const handled: number[] = [];
    const walk = forEachPageGroup(
      first(),
      next,
      (p) => p.ops,
      async (pages) => {
        handled.push(...pages.map((p) => p.n));
        await sleep(5);
      },
    );
    await expect(walk).rejects.toThrow('page 4 failed');
    expect(handled).toEqual([1, 2, 3]);
  });

  it('stops at a failed write: no later group is handled and no more pages are asked for', async () => {
    const { asked, first, next } = server(100, 10);
    const handled: number[][] = [];
    const walk = forEachPageGroup(
      first(),
      next,
      (p) => p.ops,
      async (pages) => {
        handled.push(pages.map((p) => p.n));
        await sleep(10);
        if (handled.length === 2) throw new Error('disk full');
      },
    );
    await expect(walk).rejects.toThrow('disk full');
    const askedThen = asked.length;
    await sleep(50);
    expect(handled).toHaveLength(2);
    expect(asked.length).toBeLessThanOrEqual(askedThen + 1);
    expect(asked.length).toBeLessThan(100);
  });
});

import { describe, expect, it } from 'vitest';
import { makeQueueEntry } from './entry.js';
import { inQueueOrder, waitsFor } from './policy.js';
import { canStepShown, moveOnto, previewMove, shownNeighbour } from './move-preview.js';
import type { QueueEntry } from '../model/index.js';

const entry = (n: number, lane: string, title: string) =>
  makeQueueEntry(
    { type: 'merge_branch', payload: {}, idempotencyKey: `k-${n}`, title, lane },
    `entry-000${n}`,
    n * 10,
  );

describe('previewing a drop in the queue', () => {
  const main = entry(1, 'branch:main', 'Send changes on main');
  const push = entry(2, 'branch:fx', 'Send changes on fx');
  const merge = entry(3, 'branch:fx', 'Merge fx into main');
  const queue = [main, push, merge];

  it('says which side of the target an allowed drop lands on', () => {
    expect(previewMove(queue, push.id, main.id)).toEqual({ ok: true, side: 'above' });
    expect(previewMove(queue, main.id, push.id)).toEqual({ ok: true, side: 'below' });
  });

  it('gives the reason for a drop past an entry it depends on, as the queue would', () => {
    expect(previewMove(queue, merge.id, main.id)).toEqual({
      ok: false,
      reason:
        '“Merge fx into main” cannot pass “Send changes on fx”: they must run in the order they were made',
    });
  });

  it('nothing to preview over itself or an unknown entry', () => {
    expect(previewMove(queue, main.id, main.id)).toBeNull();
    expect(previewMove(queue, main.id, 'nope')).toBeNull();
  });
});

/** The queue after applying a move's changed entries; titles in queue order. */
function after(queue: QueueEntry[], changed: QueueEntry[]): QueueEntry[] {
  const byId = new Map(changed.map((e) => [e.id, e]));
  return inQueueOrder(queue.map((e) => byId.get(e.id) ?? e));
}
const titles = (queue: QueueEntry[], shown?: ReadonlySet<string>) =>
  queue.filter((e) => !shown || shown.has(e.id)).map((e) => e.title);

describe('moves in the view when an entry between rows is hidden', () => {
  // The view hides an empty branch push (h): it sits between the first two rows.
  const a = entry(1, 'branch:main', 'a');
  const h = entry(2, 'branch:fx', 'h (hidden)');
  const b = entry(3, 'branch:ui', 'b');
  const c = entry(4, 'branch:docs', 'c');
  const queue = [c, b, h, a]; // any order in, queue order out
  const shown = new Set([a.id, b.id, c.id]);

  it('Move down lands one row down in the view, not onto the hidden entry', () => {
    const next = shownNeighbour(queue, shown, a.id, 1);
    expect(next?.id).toBe(b.id);
    expect(titles(after(queue, moveOnto(queue, a.id, next!.id)), shown)).toEqual(['b', 'a', 'c']);
  });

  it('Move up lands one row up in the view', () => {
    const prev = shownNeighbour(queue, shown, c.id, -1);
    expect(prev?.id).toBe(b.id);
    expect(titles(after(queue, moveOnto(queue, c.id, prev!.id)), shown)).toEqual(['a', 'c', 'b']);
    expect(shownNeighbour(queue, shown, a.id, -1)).toBeNull();
    expect(shownNeighbour(queue, shown, c.id, 1)).toBeNull();
  });

  it('a drop lands where the preview said: below the target when moving down, above when up', () => {
    expect(previewMove(queue, a.id, c.id)).toEqual({ ok: true, side: 'below' });
    expect(titles(after(queue, moveOnto(queue, a.id, c.id)), shown)).toEqual(['b', 'c', 'a']);
    expect(previewMove(queue, c.id, a.id)).toEqual({ ok: true, side: 'above' });
    expect(titles(after(queue, moveOnto(queue, c.id, a.id)), shown)).toEqual(['c', 'a', 'b']);
  });

  it('Move up/down is offered only when the move passes no entry of its own lane, hidden ones included', () => {
    const main2 = entry(5, 'branch:main', 'main again');
    const hiddenFx = entry(6, 'branch:fx', 'fx hidden');
    const fxMerge = entry(7, 'branch:fx', 'merge fx');
    // main2's upper neighbour in the queue is the hidden h (another lane), but in the view it is a (its own lane).
    const q = [a, h, main2];
    const s1 = new Set([a.id, main2.id]);
    expect(canStepShown(q, s1, main2.id, -1)).toBe(false);
    expect(canStepShown(q, s1, a.id, 1)).toBe(false);
    // fxMerge's row above is b (another lane), but the hidden fx push between must run first.
    const q2 = [b, hiddenFx, fxMerge];
    const s2 = new Set([b.id, fxMerge.id]);
    expect(canStepShown(q2, s2, fxMerge.id, -1)).toBe(false);
    expect(previewMove(q2, fxMerge.id, b.id)).toMatchObject({ ok: false, reason: /cannot pass “fx hidden”/ });
    expect(canStepShown(queue, shown, b.id, -1)).toBe(true);
    expect(canStepShown(queue, shown, b.id, 1)).toBe(true);
  });

  it('moving onto an unknown entry is refused and changes nothing', () => {
    expect(() => moveOnto(queue, a.id, 'nope')).toThrow(/no queue entry "nope"/);
  });
});

describe('what a held-back entry waits for', () => {
  it('names the entry before it on its own lane, not the row above it after a reorder', () => {
    const push = entry(1, 'branch:fx', 'Send changes on fx');
    const main = entry(2, 'branch:main', 'Send changes on main');
    const merge = entry(3, 'branch:fx', 'Merge fx into main');
    const queue = [push, main, merge]; // main was moved between the two fx entries
    const waits = waitsFor(queue);
    expect(waits.get(merge.id)?.title).toBe('Send changes on fx');
    expect(waits.has(push.id)).toBe(false);
    expect(waits.has(main.id)).toBe(false);
  });

  it('skips finished entries: the wait is for the last unfinished one', () => {
    const done = { ...entry(1, 'branch:fx', 'done'), status: 'completed' as const };
    const failed = { ...entry(2, 'branch:fx', 'failed one'), status: 'failed' as const };
    const next = entry(3, 'branch:fx', 'next');
    const last = entry(4, 'branch:fx', 'last');
    const waits = waitsFor([done, failed, next, last]);
    expect(waits.has(failed.id)).toBe(false);
    expect(waits.get(next.id)?.title).toBe('failed one');
    expect(waits.get(last.id)?.title).toBe('next');
  });
});

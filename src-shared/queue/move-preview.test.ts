import { describe, expect, it } from 'vitest';
import { makeQueueEntry } from './entry.js';
import { previewMove } from './move-preview.js';

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

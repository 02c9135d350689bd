import { describe, expect, it } from 'vitest';
import { heldOpsOf, unsyncedCounts, unsyncedDetail } from './unsynced.js';

describe('unsynced counts', () => {
  it('a discarded op counts as discarded only, though it is in the refused map too', () => {
    const held = heldOpsOf(['a', 'b', 'c', 'd'], { b: 'refused', c: 'Discarded' }, { c: 1, gone: 2 });
    expect(held).toEqual({ refused: 1, discarded: 1 });
  });

  it('splits the unacknowledged ops: waiting excludes refused and discarded', () => {
    expect(unsyncedCounts(6, { refused: 1, discarded: 2 })).toEqual({ waiting: 3, refused: 1, discarded: 2 });
  });

  it('never goes negative while the two sources catch up with each other', () => {
    expect(unsyncedCounts(2, { refused: 2, discarded: 3 })).toEqual({ waiting: 0, refused: 0, discarded: 2 });
    expect(unsyncedCounts(-1, { refused: 0, discarded: 0 })).toEqual({
      waiting: 0,
      refused: 0,
      discarded: 0,
    });
  });

  it('says what waits for the user only when there is some', () => {
    expect(unsyncedDetail({ waiting: 3, refused: 0, discarded: 0 })).toBe('3');
    expect(unsyncedDetail({ waiting: 3, refused: 1, discarded: 2 })).toBe(
      '3 · 1 failed · 2 discarded (local only)',
    );
    expect(unsyncedDetail({ waiting: 0, refused: 0, discarded: 1200 })).toBe(
      `0 · ${(1200).toLocaleString()} discarded (local only)`,
    );
  });
});

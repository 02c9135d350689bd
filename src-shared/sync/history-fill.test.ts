import { describe, expect, it } from 'vitest';
import { fillDone, fillRangesOf, splitFill, storedFill } from './history-fill.js';

describe('history fill ranges', () => {
  it('reads the single range a heads-first start writes and the ranges a split fill leaves', () => {
    expect(fillRangesOf({ since: 0, until: 900 })).toEqual([{ since: 0, until: 900 }]);
    expect(fillRangesOf({ ranges: [{ since: 300, until: 600 }] })).toEqual([{ since: 300, until: 600 }]);
    expect(fillRangesOf(undefined)).toBeNull();
    expect(fillRangesOf({ since: 'x' })).toBeNull();
  });

  it('splits one range into equal spans that meet end to end, none shorter than the minimum', () => {
    expect(splitFill([{ since: 0, until: 9_000 }], 3, 1_000)).toEqual([
      { since: 0, until: 3_000 },
      { since: 3_000, until: 6_000 },
      { since: 6_000, until: 9_000 },
    ]);
    expect(splitFill([{ since: 100, until: 2_100 }], 3, 1_000)).toEqual([
      { since: 100, until: 1_100 },
      { since: 1_100, until: 2_100 },
    ]);
    expect(splitFill([{ since: 0, until: 500 }], 3, 1_000)).toEqual([{ since: 0, until: 500 }]);
    expect(splitFill([{ since: 0, until: 10 }], 3, 3)).toEqual([
      { since: 0, until: 3 },
      { since: 3, until: 6 },
      { since: 6, until: 10 },
    ]);
  });

  it('keeps a record already split as it is, and stores only ranges with something left', () => {
    const left = [
      { since: 3_000, until: 3_000 },
      { since: 4_500, until: 6_000 },
    ];
    expect(splitFill(left, 3, 1)).toEqual(left);
    expect(storedFill(left)).toEqual({ ranges: [{ since: 4_500, until: 6_000 }] });
    expect(storedFill([{ since: 6_000, until: 6_000 }])).toBeUndefined();
  });

  it('counts what is fetched out of the whole span', () => {
    expect(
      fillDone(
        [
          { since: 1_000, until: 3_000 },
          { since: 6_000, until: 6_000 },
        ],
        9_000,
      ),
    ).toBe(7_000);
  });
});

import { describe, expect, it } from 'vitest';
import { LineCounter, diffLines } from './line-diff.js';
import { LineIds, baseText } from './lines.js';

function diff(a: string[], b: string[]) {
  const ids = new LineIds();
  const x = ids.intern(a);
  const y = ids.intern(b);
  return diffLines(x, y, new LineCounter(ids.size));
}

describe('diffLines', () => {
  it('finds nothing between equal files', () => {
    expect(diff(['a', 'b'], ['a', 'b'])).toEqual([]);
    expect(diff([], [])).toEqual([]);
  });

  it('reports inserts, deletes and replacements as hunks', () => {
    expect(diff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { i1: 1, chg1: 1, i2: 1, chg2: 1 },
      { i1: 3, chg1: 0, i2: 3, chg2: 1 },
    ]);
    expect(diff(['a', 'b'], [])).toEqual([{ i1: 0, chg1: 2, i2: 0, chg2: 0 }]);
  });

  it('slides an ambiguous change as far down as it goes, as git does', () => {
    // Dropping one "a" of three: git reports the last one.
    expect(diff(['a', 'a', 'a', 'b'], ['a', 'a', 'b'])).toEqual([{ i1: 2, chg1: 1, i2: 2, chg2: 0 }]);
    expect(diff(['x', 'a', 'b', 'a', 'b'], ['x', 'a', 'b'])).toEqual([{ i1: 3, chg1: 2, i2: 3, chg2: 0 }]);
  });

  it('tells a last line without newline from the same line with one', () => {
    const ids = new LineIds();
    expect(ids.idOf('a\n')).not.toBe(ids.idOf('a'));
  });
});

describe('LineIds.internLike', () => {
  it('gives the same ids and lines as splitting and interning', () => {
    const base = ['a\n', 'b\n', 'c\n', 'd'];
    for (const side of ['a\nb\nc\nd', 'a\nc\nd', 'x\na\nb\nc\nd\n', 'a\nB\nc\nd', '', 'd', 'a\nb\nc\nd\ne']) {
      const direct = new LineIds();
      const walked = new LineIds();
      const original = baseText(base.join(''), walked);
      direct.intern(base);
      const { lines, ids } = walked.internLike(side, original);
      expect(lines.join('')).toBe(side);
      expect([...ids]).toEqual([...direct.intern(lines)]);
    }
  });
});

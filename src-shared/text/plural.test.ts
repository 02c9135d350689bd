import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

describe('plural', () => {
  it('reads 0, 1, many and thousands right', () => {
    expect(plural(0, 'change')).toBe('0 changes');
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(3, 'change')).toBe('3 changes');
    expect(plural(8000, 'item')).toBe('8,000 items');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

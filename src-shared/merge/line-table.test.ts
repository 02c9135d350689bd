import { describe, expect, it } from 'vitest';
import { LineTable, hashLine, splitAndHash } from './line-table.js';

describe('LineTable', () => {
  it('gives equal lines one id and different lines different ids, even when hashes collide', () => {
    const table = new LineTable();
    expect(table.idOf('a\n', 7)).toBe(0);
    expect(table.idOf('b\n', 7)).toBe(1);
    expect(table.idOf('a\n', 7)).toBe(0);
    expect(table.idOf('a', 7)).toBe(2);
    expect(table.size).toBe(3);
  });

  it('keeps every id through growth', () => {
    const table = new LineTable();
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i}\n`);
    const ids = lines.map((line) => table.idOf(line, hashLine(line)));
    expect(ids).toEqual(lines.map((_, i) => i));
    expect(lines.map((line) => table.idOf(line, hashLine(line)))).toEqual(ids);
  });
});

describe('splitAndHash', () => {
  it('splits like splitLines and hashes like hashLine', () => {
    const seen: Array<[string, number]> = [];
    const offsets = splitAndHash('a\nbb\r\n\nlast', (line, hash) => seen.push([line, hash]));
    expect(seen.map(([line]) => line)).toEqual(['a\n', 'bb\r\n', '\n', 'last']);
    expect(seen.map(([, hash]) => hash)).toEqual(seen.map(([line]) => hashLine(line)));
    expect(offsets).toEqual([0, 2, 6, 7, 11]);
    expect(splitAndHash('', () => undefined)).toEqual([0]);
  });
});

import { describe, expect, it } from 'vitest';
import { splitLines } from './lines.js';
import { conflictChunks, hasConflictMarkers, mergeText, mergedText } from './merge-text.js';
import type { MergeChunk } from './types.js';

const text = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

function kinds(chunks: MergeChunk[]): string[] {
  return chunks.map((chunk) => chunk.kind);
}

describe('splitLines', () => {
  it('keeps line endings and a last line without one', () => {
    expect(splitLines('a\nb\r\nc')).toEqual(['a\n', 'b\r\n', 'c']);
    expect(splitLines('a\n')).toEqual(['a\n']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n\n')).toEqual(['\n', '\n']);
  });
});

describe('mergeText', () => {
  it('takes changes from both sides when they do not touch', () => {
    const base = text('one', 'two', 'three', 'four', 'five');
    const local = text('ONE', 'two', 'three', 'four', 'five');
    const remote = text('one', 'two', 'three', 'four', 'FIVE');
    const result = mergeText(base, local, remote);
    expect(result).toMatchObject({ clean: true, conflicts: 0 });
    expect(mergedText(result)).toBe(text('ONE', 'two', 'three', 'four', 'FIVE'));
    expect(result.chunks).toEqual([
      { kind: 'local', baseStart: 0, baseEnd: 1, baseLines: ['one\n'], lines: ['ONE\n'] },
      { kind: 'unchanged', baseStart: 1, baseEnd: 4, lines: ['two\n', 'three\n', 'four\n'] },
      { kind: 'remote', baseStart: 4, baseEnd: 5, baseLines: ['five\n'], lines: ['FIVE\n'] },
    ]);
  });

  it('marks the same change on both sides as "both", not a conflict', () => {
    const result = mergeText(text('a', 'b', 'c'), text('a', 'X', 'c'), text('a', 'X', 'c'));
    expect(result.clean).toBe(true);
    expect(result.chunks[1]).toEqual({
      kind: 'both',
      baseStart: 1,
      baseEnd: 2,
      baseLines: ['b\n'],
      lines: ['X\n'],
    });
  });

  it('reports different changes to the same lines as a conflict, with the base lines', () => {
    const result = mergeText(text('a', 'b', 'c'), text('a', 'mine', 'c'), text('a', 'theirs', 'c'));
    expect(result).toMatchObject({ clean: false, conflicts: 1 });
    expect(conflictChunks(result)).toEqual([
      {
        kind: 'conflict',
        baseStart: 1,
        baseEnd: 2,
        baseLines: ['b\n'],
        localLines: ['mine\n'],
        remoteLines: ['theirs\n'],
      },
    ]);
    expect(mergedText(result)).toBe(
      text('a', '<<<<<<< local', 'mine', '=======', 'theirs', '>>>>>>> remote', 'c'),
    );
    expect(mergedText(result, { local: 'ada (this machine)', remote: 'main' })).toContain(
      '<<<<<<< ada (this machine)\n',
    );
  });

  it('treats changes to adjacent lines as a conflict, as git does', () => {
    const result = mergeText(text('a', 'b', 'c', 'd'), text('a', 'B', 'c', 'd'), text('a', 'b', 'C', 'd'));
    expect(result.conflicts).toBe(1);
  });

  it('shrinks a conflict to the lines that really differ', () => {
    const base = text('start', 'end');
    const local = text('start', 'same 1', 'mine', 'same 2', 'end');
    const remote = text('start', 'same 1', 'theirs', 'same 2', 'end');
    const result = mergeText(base, local, remote);
    expect(kinds(result.chunks)).toEqual(['unchanged', 'both', 'conflict', 'both', 'unchanged']);
    expect(conflictChunks(result)[0]).toMatchObject({ localLines: ['mine\n'], remoteLines: ['theirs\n'] });
  });

  it('keeps a missing final newline where only one side touched the end', () => {
    const result = mergeText('a\nb', 'A\nb', 'a\nb');
    expect(mergedText(result)).toBe('A\nb');
    expect(mergeText('a\nb\n', 'a\nb\n', 'a\nb').chunks).toEqual([
      { kind: 'unchanged', baseStart: 0, baseEnd: 1, lines: ['a\n'] },
      { kind: 'remote', baseStart: 1, baseEnd: 2, baseLines: ['b\n'], lines: ['b'] },
    ]);
  });

  it('ends each conflict side with a newline so markers start a line', () => {
    const result = mergeText('a\n', 'a\nmine', 'a\ntheirs');
    expect(mergedText(result)).toBe('a\n<<<<<<< local\nmine\n=======\ntheirs\n>>>>>>> remote\n');
  });

  it('writes CRLF markers into a CRLF file', () => {
    const result = mergeText('x\r\ny\r\n', 'x\r\nA\r\n', 'x\r\nB\r\n');
    expect(conflictChunks(result)[0]?.markerEol).toBe('\r\n');
    expect(mergedText(result)).toBe('x\r\n<<<<<<< local\r\nA\r\n=======\r\nB\r\n>>>>>>> remote\r\n');
  });

  it('handles empty inputs and one-sided changes', () => {
    expect(mergeText('', '', '')).toEqual({ chunks: [], conflicts: 0, clean: true });
    expect(mergedText(mergeText('', 'new\n', ''))).toBe('new\n');
    expect(mergedText(mergeText('old\n', 'old\n', ''))).toBe('');
    expect(mergeText('', 'a', 'b').conflicts).toBe(1);
  });

  it('lets a deletion on one side win over no change on the other', () => {
    const result = mergeText(text('a', 'b', 'c'), text('a', 'c'), text('a', 'b', 'c'));
    expect(mergedText(result)).toBe(text('a', 'c'));
    expect(result.chunks[1]).toEqual({
      kind: 'local',
      baseStart: 1,
      baseEnd: 2,
      baseLines: ['b\n'],
      lines: [],
    });
  });
});

describe('hasConflictMarkers', () => {
  it('finds git-style marker lines', () => {
    expect(hasConflictMarkers(mergedText(mergeText('a\n', 'b\n', 'c\n')))).toBe(true);
    expect(hasConflictMarkers('x\n>>>>>>> remote\n')).toBe(true);
    expect(hasConflictMarkers('=======')).toBe(true);
    expect(hasConflictMarkers('x\r\n<<<<<<< local\r\n')).toBe(true);
  });

  it('ignores look-alikes', () => {
    expect(hasConflictMarkers('a <<<<<<< b\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<<<< too long\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<<x\n')).toBe(false);
    expect(hasConflictMarkers('if (a << b) {}\n')).toBe(false);
  });
});

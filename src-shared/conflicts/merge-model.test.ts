import { describe, expect, it } from 'vitest';
import {
  accept,
  acceptAll,
  conflictsLeft,
  conflictsLeftLabel,
  createMergeModel,
  dropLines,
  editChunk,
  nextOpenConflict,
  redo,
  resultText,
  undo,
} from './merge-model.js';
import { describeModel } from './projection.js';

const base = 'a\nb\nc\nd\ne\nf\ng\n';
const local = 'a\nB-local\nc\nd\ne\nF-local\ng\n';
const remote = 'a\nB-remote\nc\nD-remote\ne\nF-remote\ng\n';

describe('merge model', () => {
  it('keeps one-side changes and opens a chunk per conflict', () => {
    const model = createMergeModel(base, local, remote);
    expect(conflictsLeft(model)).toBe(2);
    expect(describeModel(model)).toBe(
      [
        '  a',
        '┌ #1 conflict b1-2 open',
        '│ <<<<<<< local',
        '│ B-local',
        '│ =======',
        '│ B-remote',
        '│ >>>>>>> remote',
        '  c',
        '┌ remote b3-4',
        '│ D-remote',
        '  e',
        '┌ #2 conflict b5-6 open',
        '│ <<<<<<< local',
        '│ F-local',
        '│ =======',
        '│ F-remote',
        '│ >>>>>>> remote',
        '  g',
      ].join('\n'),
    );
  });

  it('takes a side, or both in either order', () => {
    let model = createMergeModel(base, local, remote);
    model = accept(model, 1, 'both-remote-first');
    model = accept(model, 2, 'local');
    expect(describeModel(model)).toBe(
      [
        '  a',
        '┌ #1 conflict b1-2 took both-remote-first',
        '│ B-remote',
        '│ B-local',
        '  c',
        '┌ remote b3-4',
        '│ D-remote',
        '  e',
        '┌ #2 conflict b5-6 took local',
        '│ F-local',
        '  g',
      ].join('\n'),
    );
    expect(conflictsLeftLabel(model)).toBe('No conflicts left');
    model = accept(model, 1, 'both-local-first');
    expect(resultText(model)).toBe('a\nB-local\nB-remote\nc\nD-remote\ne\nF-local\ng\n');
  });

  it('adds a newline between both sides when the first lacks one', () => {
    const model = accept(createMergeModel('x', 'l', 'r'), 1, 'both-local-first');
    expect(resultText(model)).toBe('l\nr');
  });

  it('keeps "handled" apart from "accepted": a manual edit handles without taking a side', () => {
    let model = createMergeModel(base, local, remote);
    const index = model.conflictIndexes[0] as number;
    model = editChunk(model, index, 'B-mine-and-theirs\n');
    expect(describeModel(model).split('\n').slice(1, 3)).toEqual([
      '┌ #1 conflict b1-2 edited',
      '│ B-mine-and-theirs',
    ]);
    expect(conflictsLeft(model)).toBe(1);
  });

  it('places dragged lines at the chosen result line', () => {
    let model = createMergeModel(base, local, remote);
    // Drop remote's lines of conflict 1 into the open conflict (line 1 is its first marker line):
    // the result is exactly remote's, so it counts as taking remote.
    model = dropLines(model, { conflictNo: 1, side: 'remote' }, 1);
    expect(describeModel(model).split('\n').slice(0, 3)).toEqual([
      '  a',
      '┌ #1 conflict b1-2 took remote',
      '│ B-remote',
    ]);
    // Then local's under it: line 2 is right after B-remote, still in the chunk.
    model = dropLines(model, { conflictNo: 1, side: 'local' }, 2);
    expect(resultText(model).split('\n').slice(0, 4)).toEqual(['a', 'B-remote', 'B-local', 'c']);
    // And local's line again at the very top of the file.
    model = dropLines(model, { conflictNo: 1, side: 'local' }, 0);
    expect(resultText(model).startsWith('B-local\na\nB-remote\n')).toBe(true);
    expect(conflictsLeft(model)).toBe(1);
  });

  it('refuses a drop outside the result and changes nothing', () => {
    const model = createMergeModel(base, local, remote);
    expect(() => dropLines(model, { conflictNo: 1, side: 'local' }, 999)).toThrow(/outside the result/);
    expect(() => dropLines(model, { conflictNo: 7, side: 'local' }, 0)).toThrow(/no conflict 7/);
    expect(() => accept(model, 0, 'local')).toThrow(/no conflict 0/);
    expect(model.history).toHaveLength(1);
  });

  it('undoes and redoes as a stack of states; a new change drops the redo branch', () => {
    let model = createMergeModel(base, local, remote);
    const open = describeModel(model);
    model = accept(model, 1, 'local');
    const took = describeModel(model);
    model = acceptAll(model, 'remote');
    expect(resultText(model)).toBe(remote);
    model = undo(model);
    expect(describeModel(model)).toBe(took);
    model = undo(model);
    expect(describeModel(model)).toBe(open);
    expect(undo(model)).toBe(model);
    model = redo(model);
    expect(describeModel(model)).toBe(took);
    model = accept(model, 2, 'remote');
    expect(redo(model)).toBe(model);
  });

  it('accepts all local or all remote', () => {
    expect(resultText(acceptAll(createMergeModel(base, local, remote), 'local'))).toBe(
      'a\nB-local\nc\nD-remote\ne\nF-local\ng\n',
    );
    expect(resultText(acceptAll(createMergeModel(base, local, remote), 'remote'))).toBe(remote);
  });

  it('walks open conflicts forwards and backwards, wrapping', () => {
    let model = createMergeModel(base, local, remote);
    expect(nextOpenConflict(model, 0)).toBe(1);
    expect(nextOpenConflict(model, 1)).toBe(2);
    expect(nextOpenConflict(model, 2)).toBe(1);
    expect(nextOpenConflict(model, 1, -1)).toBe(2);
    model = accept(model, 1, 'local');
    expect(nextOpenConflict(model, 2)).toBe(2);
    model = accept(model, 2, 'local');
    expect(nextOpenConflict(model, 0)).toBeNull();
  });

  it('has no conflicts when only one side changed', () => {
    const model = createMergeModel(base, local, base);
    expect(conflictsLeft(model)).toBe(0);
    expect(resultText(model)).toBe(local);
  });
});

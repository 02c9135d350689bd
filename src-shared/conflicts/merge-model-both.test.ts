import { describe, expect, it } from 'vitest';
import { accept, createMergeModel, dropLines, editChunk, resultText, undo } from './merge-model.js';
import { describeModel } from './projection.js';
import { editResult } from './result-edit.js';

/**
 * Two things learnt from VS Code's merge editor: a result typed or dropped by
 * hand that equals a side is that side, and "take both" on a conflict whose
 * sides changed different lines applies each edit once, in base order.
 */

// Local changes line b, remote line c: git calls it one conflict because the changes touch.
const base = 'a\nb\nc\nd\n';
const local = 'a\nB-local\nc\nd\n';
const remote = 'a\nb\nC-remote\nd\n';

describe('take both: interleaving edits that do not overlap', () => {
  it('gives each side its lines in base order instead of stacking the two sides', () => {
    const model = accept(createMergeModel(base, local, remote), 1, 'both-local-first');
    expect(describeModel(model)).toBe(
      ['  a', '┌ #1 conflict b1-3 took both-local-first', '│ B-local', '│ C-remote', '  d'].join('\n'),
    );
    // Either order gives the same: the edits never touch the same base line.
    expect(resultText(accept(model, 1, 'both-remote-first'))).toBe('a\nB-local\nC-remote\nd\n');
  });

  it('keeps an insertion by one side beside a change by the other, in base order', () => {
    const model = createMergeModel('a\nb\nc\n', 'a\nb\nnew-local\nc\n', 'a\nB-remote\nc\n');
    expect(describeModel(accept(model, 1, 'both-remote-first'))).toBe(
      ['  a', '┌ #1 conflict b1-2 took both-remote-first', '│ B-remote', '│ new-local', '  c'].join('\n'),
    );
  });

  it('keeps a change both sides made alike once, beside each side’s own edit', () => {
    const model = createMergeModel('a\nb\nc\nd\n', 'a\nX\nc\nL\n', 'a\nX\nR\nd\n');
    expect(resultText(accept(model, 1, 'both-local-first'))).toBe('a\nX\nR\nL\n');
  });

  it('stacks the sides, in the order asked, when they change the same lines', () => {
    const model = createMergeModel(base, 'a\nB-local\nc\nd\n', 'a\nB-remote\nc\nd\n');
    expect(describeModel(accept(model, 1, 'both-remote-first'))).toBe(
      ['  a', '┌ #1 conflict b1-2 took both-remote-first', '│ B-remote', '│ B-local', '  c', '  d'].join(
        '\n',
      ),
    );
    expect(resultText(accept(model, 1, 'both-local-first'))).toBe('a\nB-local\nB-remote\nc\nd\n');
  });

  it('stacks when both sides insert at the same place', () => {
    const model = createMergeModel('a\nb\n', 'a\nL\nb\n', 'a\nR\nb\n');
    expect(resultText(accept(model, 1, 'both-local-first'))).toBe('a\nL\nR\nb\n');
  });
});

describe('a hand edit equal to a side is that side', () => {
  it('typing remote’s lines into a conflict takes remote; typing something else is an edit', () => {
    let model = createMergeModel(base, local, remote);
    const index = model.conflictIndexes[0] as number;
    model = editChunk(model, index, 'a-typo\n');
    expect(describeModel(model).split('\n')[1]).toBe('┌ #1 conflict b1-3 edited');
    model = editChunk(model, index, 'b\nC-remote\n');
    expect(describeModel(model).split('\n').slice(1, 4)).toEqual([
      '┌ #1 conflict b1-3 took remote',
      '│ b',
      '│ C-remote',
    ]);
    expect(describeModel(undo(model)).split('\n')[1]).toBe('┌ #1 conflict b1-3 edited');
  });

  it('editing the whole result to equal local (or the interleaved both) is recognised chunk by chunk', () => {
    const model = createMergeModel(base, local, remote);
    expect(describeModel(editResult(model, local)).split('\n')[1]).toBe('┌ #1 conflict b1-3 took local');
    expect(describeModel(editResult(model, 'a\nB-local\nC-remote\nd\n')).split('\n')[1]).toBe(
      '┌ #1 conflict b1-3 took both-local-first',
    );
  });

  it('dropping local, then remote above it, when they overlap, is "both, remote first"', () => {
    let model = createMergeModel('a\nb\nc\n', 'a\nL\nc\n', 'a\nR\nc\n');
    model = dropLines(model, { conflictNo: 1, side: 'local' }, 1);
    expect(describeModel(model).split('\n')[1]).toBe('┌ #1 conflict b1-2 took local');
    model = dropLines(model, { conflictNo: 1, side: 'remote' }, 1);
    expect(describeModel(model)).toBe(
      ['  a', '┌ #1 conflict b1-2 took both-remote-first', '│ R', '│ L', '  c'].join('\n'),
    );
  });

  it('a chunk that merged by itself, edited and then typed back, is itself again', () => {
    const model = createMergeModel('a\nb\nc\n', 'a\nB\nc\n', 'a\nb\nc\n');
    const index = model.chunks.findIndex((c) => c.source.kind === 'local');
    const edited = editChunk(model, index, 'other\n');
    expect(edited.history[edited.at]?.chunks[index]?.edited).toEqual(['other\n']);
    const back = editChunk(edited, index, 'B\n');
    expect(back.history[back.at]?.chunks[index]).toEqual({ accepted: 'none', handled: true, edited: null });
  });
});

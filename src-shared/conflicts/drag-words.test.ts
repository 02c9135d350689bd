import { describe, expect, it } from 'vitest';
import type { Op } from '../model/index.js';
import { dragWords } from './drag-words.js';
import { createMergeModel, resultLineCount } from './merge-model.js';
import type { ConflictSide, SidePair } from './sides.js';

const side = (label: string, mine: boolean): ConflictSide => ({
  label,
  mine,
  ops: [],
  op: {} as Op,
  snapshot: { path: 'A.b', kind: 'fn', content: '', deleted: false },
});
const sides: SidePair = {
  local: side('Yours (this machine)', true),
  remote: side('bob', false),
  byMachine: true,
};

describe('what the resolver says while lines are dragged', () => {
  const model = createMergeModel('a\nb\nc\nd\n', 'a\nL1\nL2\nL3\nd\n', 'a\nR\nd\n');
  const words = dragWords(model, sides, resultLineCount(model));
  const bob = { conflictNo: 1, side: 'remote' as const };
  const mine = { conflictNo: 1, side: 'local' as const };

  it('names whose lines, numbered as the side pane numbers them', () => {
    expect(words.pickedUp(mine)).toBe('Picked up your lines 2–4');
    expect(words.pickedUp(bob)).toBe("Picked up bob's line 2");
  });

  it('says where, in result lines counted from 1, and never an internal id', () => {
    expect(words.over(bob, 3)).toBe('Moved over result line 4: the lines go above it');
    expect(words.over(bob, resultLineCount(model))).toBe('Moved over the end of the result');
    expect(words.dropped(mine, 3)).toBe('Dropped your lines 2–4 after result line 3');
    expect(words.dropped(mine, 0)).toBe('Dropped your lines 2–4 at the top of the result');
    expect(words.dropped(bob, null)).toBe("Dropped bob's line 2 outside the result: nothing moved");
    expect(words.cancelled(bob)).toBe("Cancelled: bob's line 2 not moved");
  });

  it('a side that removed the lines says so', () => {
    const removed = createMergeModel('a\nb\nc\n', 'a\nc\n', 'a\nB\nc\n');
    const said = dragWords(removed, sides, resultLineCount(removed));
    expect(said.pickedUp({ conflictNo: 1, side: 'local' })).toBe(
      'Picked up your side of conflict 1 (no lines)',
    );
  });
});

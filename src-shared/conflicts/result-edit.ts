import { LineCounter, diffLines, type DiffHunk } from '../merge/line-diff.js';
import { LineIds, splitLines } from '../merge/lines.js';
import type { ChunkState, MergeModel } from './merge-model.js';
import { commit, currentState, editedState, resultLines, resultOffsets, sameLines } from './merge-model.js';

/**
 * Editing the whole result as free text, the way a merge editor's result
 * pane is just an editor. The typed text is diffed against the result it was
 * typed over; every chunk a change falls in takes its new lines as a manual
 * edit (handled, its accepted side kept for the record) — or as taking a
 * side, when the lines are exactly that side's (editedState) — and chunks nothing
 * touched keep their state — so an open conflict the user did not reach is
 * still open, and one whose markers they tidied away by hand counts as done.
 * The model's result afterwards is exactly the typed text.
 */
export function editResult(model: MergeModel, text: string): MergeModel {
  if (model.chunks.length === 0) throw new RangeError('There is no result to edit: every side is empty');
  const before = resultLines(model);
  const after = splitLines(text);
  const offsets = resultOffsets(model);
  const starts = newStarts(before, after, offsets);
  const states = currentState(model).chunks;
  let changed = false;
  const next = states.map((state, i): ChunkState => {
    const lines = after.slice(starts[i], starts[i + 1]);
    const old = before.slice(offsets[i], offsets[i + 1]);
    if (sameLines(lines, old)) return state;
    changed = true;
    return Object.freeze(editedState(model, i, lines, state.accepted));
  });
  return changed ? commit(model, next) : model;
}

/**
 * Where each chunk starts in the new text. A chunk boundary inside the old
 * result maps through the diff: lines replaced at the end of a chunk stay in
 * that chunk, and lines inserted exactly at a boundary go to the chunk after.
 */
function newStarts(before: string[], after: string[], offsets: readonly number[]): number[] {
  const ids = new LineIds();
  const a = ids.intern(before);
  const b = ids.intern(after);
  const hunks = diffLines(a, b, new LineCounter(ids.size + 1));
  return offsets.map((at, i) => (i === offsets.length - 1 ? after.length : mapLine(at, hunks)));
}

/** The new line number of old line `at` (a boundary before it), given the diff's hunks. */
function mapLine(at: number, hunks: readonly DiffHunk[]): number {
  let shift = 0;
  for (const h of hunks) {
    if (h.i1 >= at) break;
    const end = h.i1 + h.chg1;
    // The boundary falls inside a replaced block: it moves to the end of the block's new lines.
    if (end >= at) return h.i2 + h.chg2;
    shift += h.chg2 - h.chg1;
  }
  return at + shift;
}

import type { DragSource, MergeModel } from './merge-model.js';
import { conflictIndex } from './merge-model.js';
import { paneRows } from './pane-rows.js';
import type { SidePair } from './sides.js';

/**
 * What the resolver says while lines are dragged into the result, in the
 * product's words ("Picked up bob's lines 3–5", "Dropped … after result line
 * 7") — read to screen readers and shown on the drag preview. Result lines
 * are counted from 1, as the panes number them; a drop target `line` (0-based)
 * puts the lines before that line, that is after line `line`.
 */

/** "your lines 3–5", "bob's line 4", "bob's side of conflict 2 (no lines)". */
export function draggedLinesLabel(model: MergeModel, sides: SidePair, source: DragSource): string {
  const owner = sides[source.side].mine ? 'your' : `${sides[source.side].label}'s`;
  const index = conflictIndex(model, source.conflictNo);
  const numbers = paneRows(model, source.side).flatMap((row) =>
    row.type === 'line' && row.chunk === index ? [row.line + 1] : [],
  );
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (first === undefined || last === undefined)
    return `${owner} side of conflict ${source.conflictNo} (no lines)`;
  return first === last ? `${owner} line ${first}` : `${owner} lines ${first}–${last}`;
}

/** The lines themselves, for the drag preview. */
export function draggedLines(model: MergeModel, source: DragSource): readonly string[] {
  const chunk = model.chunks[conflictIndex(model, source.conflictNo)]?.source;
  if (!chunk || chunk.kind !== 'conflict') return [];
  return source.side === 'local' ? chunk.localLines : chunk.remoteLines;
}

export interface DragWords {
  /** "bob's lines 3–5" */
  label(source: DragSource): string;
  /** Where a drop before result line `line` (0-based) puts the lines: "after result line 7". */
  where(line: number): string;
  pickedUp(source: DragSource): string;
  over(source: DragSource, line: number | null): string;
  dropped(source: DragSource, line: number | null): string;
  cancelled(source: DragSource): string;
}

export function dragWords(model: MergeModel, sides: SidePair, resultLines: number): DragWords {
  const what = (source: DragSource) => draggedLinesLabel(model, sides, source);
  const where = (line: number) =>
    line === 0
      ? 'at the top of the result'
      : line >= resultLines
        ? 'at the end of the result'
        : `after result line ${line}`;
  return {
    label: what,
    where,
    pickedUp: (source) => `Picked up ${what(source)}`,
    over: (_source, line) =>
      line === null
        ? 'Not over the result: dropping here moves nothing'
        : line >= resultLines
          ? 'Moved over the end of the result'
          : `Moved over result line ${line + 1}: the lines go above it`,
    dropped: (source, line) =>
      line === null
        ? `Dropped ${what(source)} outside the result: nothing moved`
        : `Dropped ${what(source)} ${where(line)}`,
    cancelled: (source) => `Cancelled: ${what(source)} not moved`,
  };
}

/** Read to screen readers on a drag handle: how to move lines without a mouse. */
export const DRAG_INSTRUCTIONS =
  'To move these lines into the result: press Space to pick them up, ↑ and ↓ to choose the result line, ' +
  'Enter to drop them there, Escape to cancel. With a mouse, drag them onto a result line.';

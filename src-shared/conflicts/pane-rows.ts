import type { MergeChunk } from '../merge/index.js';
import type { MergeModel } from './merge-model.js';
import { chunkResultLines, chunkState } from './merge-model.js';

export type PaneName = 'base' | 'local' | 'remote' | 'result';

/** One row of a resolver pane: a line, or the header above a conflict. */
export type PaneRow =
  | { type: 'line'; text: string; chunk: number; tone: RowTone; line: number }
  | { type: 'header'; chunk: number; conflictNo: number };

/** How a line is coloured: untouched, changed by one side, or in a conflict (open or handled). */
export type RowTone = 'plain' | 'changed' | 'conflict' | 'resolved';

/** The lines a chunk shows in a side pane (what that side has at those base lines). */
function sideLines(chunk: MergeChunk, pane: Exclude<PaneName, 'result'>): readonly string[] {
  if (chunk.kind === 'unchanged') return chunk.lines;
  if (pane === 'base') return chunk.baseLines;
  if (chunk.kind === 'conflict') return pane === 'local' ? chunk.localLines : chunk.remoteLines;
  if (chunk.kind === 'both') return chunk.lines;
  return chunk.kind === pane ? chunk.lines : chunk.baseLines;
}

function toneOf(model: MergeModel, index: number, pane: PaneName): RowTone {
  const chunk = model.chunks[index];
  if (!chunk || chunk.source.kind === 'unchanged') return 'plain';
  if (chunk.conflictNo) return chunkState(model, index).handled ? 'resolved' : 'conflict';
  if (pane === 'base') return 'plain';
  const kind = chunk.source.kind;
  return pane === 'result' || kind === 'both' || kind === pane ? 'changed' : 'plain';
}

/**
 * The rows of one pane. Every conflict gets a header row (where its buttons
 * or drag handle live) in every pane but base, so the panes line up by
 * conflict. `line` is the 0-based line number within the pane's text.
 */
export function paneRows(model: MergeModel, pane: PaneName): PaneRow[] {
  const rows: PaneRow[] = [];
  let line = 0;
  for (const chunk of model.chunks) {
    const lines = pane === 'result' ? chunkResultLines(model, chunk.index) : sideLines(chunk.source, pane);
    if (chunk.conflictNo && pane !== 'base')
      rows.push({ type: 'header', chunk: chunk.index, conflictNo: chunk.conflictNo });
    const tone = toneOf(model, chunk.index, pane);
    for (const text of lines) rows.push({ type: 'line', text, chunk: chunk.index, tone, line: line++ });
  }
  return rows;
}

/** The row index of conflict `conflictNo`'s header (for scrolling to it). */
export function headerRow(rows: readonly PaneRow[], conflictNo: number): number {
  return rows.findIndex((row) => row.type === 'header' && row.conflictNo === conflictNo);
}

import type { PaneRow } from './pane-rows.js';

/**
 * The resolver's panes scroll in step, aligned by chunk: the same chunk of
 * the merge sits at the top of every pane even though the panes have
 * different line counts (a side added lines, a conflict shows markers, the
 * side panes carry conflict headers the base lacks). Each pane is described
 * by where every chunk starts in it, in pixels; scrolling maps a position
 * inside chunk k of one pane to the same fraction of chunk k in another.
 */

/** Pixel offset where each chunk starts in a pane, plus the pane's full height at the end. */
export function chunkOffsets(
  rows: readonly PaneRow[],
  chunkCount: number,
  heightOf: (row: PaneRow) => number,
): number[] {
  const heights = new Array<number>(chunkCount).fill(0);
  for (const row of rows) heights[row.chunk] = (heights[row.chunk] ?? 0) + heightOf(row);
  return runningTotal(heights);
}

/** The same for a pane of plain lines (a text editor): `lineStarts` from resultOffsets. */
export function lineChunkOffsets(lineStarts: readonly number[], lineHeight: number): number[] {
  return lineStarts.map((line) => line * lineHeight);
}

function runningTotal(heights: readonly number[]): number[] {
  const out = [0];
  let at = 0;
  for (const h of heights) out.push((at += h));
  return out;
}

/**
 * Where pane B should scroll to when pane A's top is at `top`. Chunks that
 * are empty in A (nothing to be inside of) are stepped over; below A's last
 * chunk, B moves pixel for pixel.
 */
export function alignedScrollTop(from: readonly number[], to: readonly number[], top: number): number {
  if (from.length !== to.length) throw new RangeError('Panes of different merges cannot scroll together');
  const last = from.length - 1;
  if (last <= 0 || top <= 0) return Math.max(0, top);
  if (top >= (from[last] as number)) return (to[last] as number) + (top - (from[last] as number));
  const k = chunkAt(from, top);
  const start = from[k] as number;
  const height = (from[k + 1] as number) - start;
  const fraction = height > 0 ? (top - start) / height : 0;
  return (to[k] as number) + fraction * ((to[k + 1] as number) - (to[k] as number));
}

/** The last chunk k with from[k] <= top < from[k + 1] (binary search: offsets only grow). */
function chunkAt(from: readonly number[], top: number): number {
  let lo = 0;
  let hi = from.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((from[mid] as number) <= top) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

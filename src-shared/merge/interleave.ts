import { LineCounter, diffLines, type DiffHunk } from './line-diff.js';
import { LineIds } from './lines.js';

/**
 * "Take both" for one conflict, the way VS Code's merge editor does it: when
 * the two sides changed different lines of the conflict (git calls a conflict
 * as soon as their changes touch), each side's edits are applied to the base
 * in base order, so the result holds both edits once each instead of one side
 * stacked on the other. Returns null when the edits truly overlap (they
 * change the same base line, or insert at the same place), where only
 * stacking the two sides is honest.
 */
export function interleaveSides(
  base: readonly string[],
  local: readonly string[],
  remote: readonly string[],
): string[] | null {
  const ids = new LineIds();
  const b = ids.intern(base);
  const counter = new LineCounter(ids.size + local.length + remote.length + 1);
  const edits = [
    ...editsOf(diffLines(b, ids.intern(local), counter), local),
    ...editsOf(diffLines(b, ids.intern(remote), counter), remote),
  ];
  const merged = withoutRepeats(edits.sort(byBasePosition));
  if (!merged) return null;
  const out: string[] = [];
  let at = 0;
  for (const edit of merged) {
    out.push(...base.slice(at, edit.start), ...edit.lines);
    at = edit.end;
  }
  out.push(...base.slice(at));
  // A line without a newline may only end the text; anywhere else it would glue two lines together.
  return out.slice(0, -1).every((line) => line.endsWith('\n')) ? out : null;
}

/** One side's change: base lines [start, end) became `lines`. */
interface Edit {
  start: number;
  end: number;
  lines: readonly string[];
}

function editsOf(hunks: readonly DiffHunk[], side: readonly string[]): Edit[] {
  return hunks.map((h) => ({ start: h.i1, end: h.i1 + h.chg1, lines: side.slice(h.i2, h.i2 + h.chg2) }));
}

/** Base order; an insertion before a change that starts at the same line. */
function byBasePosition(a: Edit, b: Edit): number {
  return a.start - b.start || (a.end === a.start ? 0 : 1) - (b.end === b.start ? 0 : 1);
}

/** The sorted edits with the same change made by both sides kept once; null if two of them overlap. */
function withoutRepeats(sorted: readonly Edit[]): Edit[] | null {
  const out: Edit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && sameEdit(last, edit)) continue;
    if (last && overlap(last, edit)) return null;
    out.push(edit);
  }
  return out;
}

function sameEdit(a: Edit, b: Edit): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    a.lines.length === b.lines.length &&
    a.lines.every((line, i) => line === b.lines[i])
  );
}

/** `b` starts at or after `a` (sorted). Touching is fine; sharing a base line or an insertion point is not. */
function overlap(a: Edit, b: Edit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  if (a.start === a.end) return false; // an insertion sorts before a change at the same line
  return b.start < a.end || (b.start === b.end && b.start === a.start);
}

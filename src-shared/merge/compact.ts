import type { DiffHunk } from './line-diff.js';
import type { ChangeFlags } from './myers.js';

/**
 * Slides each group of changed lines in `file` down as far as it goes, or up
 * to line up with a change in the other file when it can (git's
 * xdl_change_compact without the indent heuristic, which merge-file does not use).
 */
export function compactChanges(file: Int32Array, changed: ChangeFlags, otherChanged: ChangeFlags): void {
  const n = file.length;
  const other = otherChanged.length - 2;
  const g = { start: 0, end: 0 };
  const go = { start: 0, end: 0 };
  while (changed[g.end + 1]) g.end++;
  while (otherChanged[go.end + 1]) go.end++;

  for (;;) {
    if (g.end !== g.start) {
      let groupSize: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      do {
        groupSize = g.end - g.start;
        endMatchingOther = -1;
        while (slideUp(file, changed, g)) previousGroup(otherChanged, go);
        earliestEnd = g.end;
        if (go.end > go.start) endMatchingOther = g.end;
        while (slideDown(file, changed, g, n)) {
          nextGroup(otherChanged, go, other);
          if (go.end > go.start) endMatchingOther = g.end;
        }
      } while (groupSize !== g.end - g.start);
      if (g.end !== earliestEnd && endMatchingOther !== -1) {
        while (go.end === go.start) {
          slideUp(file, changed, g);
          previousGroup(otherChanged, go);
        }
      }
    }
    if (!nextGroup(changed, g, n)) break;
    nextGroup(otherChanged, go, other);
  }
}

interface Group {
  start: number;
  end: number;
}

function nextGroup(changed: ChangeFlags, g: Group, n: number): boolean {
  if (g.end === n) return false;
  g.start = g.end + 1;
  for (g.end = g.start; changed[g.end + 1]; g.end++);
  return true;
}

function previousGroup(changed: ChangeFlags, g: Group): boolean {
  if (g.start === 0) return false;
  g.end = g.start - 1;
  for (g.start = g.end; changed[g.start]; g.start--);
  return true;
}

function slideDown(file: Int32Array, changed: ChangeFlags, g: Group, n: number): boolean {
  if (g.end < n && file[g.start] === file[g.end]) {
    changed[g.start++ + 1] = 0;
    changed[g.end++ + 1] = 1;
    while (changed[g.end + 1]) g.end++;
    return true;
  }
  return false;
}

function slideUp(file: Int32Array, changed: ChangeFlags, g: Group): boolean {
  if (g.start > 0 && file[g.start - 1] === file[g.end - 1]) {
    changed[--g.start + 1] = 1;
    changed[--g.end + 1] = 0;
    while (changed[g.start]) g.start--;
    return true;
  }
  return false;
}

/** Reads the hunks off the change flags, walking both files back to front in step. */
export function buildHunks(n1: number, n2: number, changedA: ChangeFlags, changedB: ChangeFlags): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  for (let i1 = n1, i2 = n2; i1 >= 0 || i2 >= 0; i1--, i2--) {
    if (changedA[i1] || changedB[i2]) {
      const l1 = i1;
      const l2 = i2;
      while (changedA[i1]) i1--;
      while (changedB[i2]) i2--;
      hunks.push({ i1, chg1: l1 - i1, i2, chg2: l2 - i2 });
    }
  }
  return hunks.reverse();
}

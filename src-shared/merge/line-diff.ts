/**
 * Line diff whose choices match git's xdiff (the Myers diff behind `git diff`
 * and `git merge-file`), so that our three-way merge agrees with git line for
 * line. Where several shortest edit scripts exist, which one a diff picks
 * decides whether two edits "touch" and so whether a merge conflicts; picking
 * the same one as git is what makes `git merge-file` usable as the reference.
 *
 * Lines are interned to integers first (see lines.ts); everything here works
 * on Int32Arrays of line ids. The steps, in git's order:
 *   1. trim the common prefix and suffix;
 *   2. set aside lines that cannot match (no copy in the other file) and lines
 *      with very many copies that sit among unmatched lines — they are marked
 *      changed without being searched, which keeps big files fast;
 *   3. Myers' O(ND) search with divide and conquer on the middle snake, with
 *      git's cut-offs when the edit cost grows large;
 *   4. slide each changed group as far down as it goes, or back up to line up
 *      with a change in the other file;
 *   5. read off the hunks.
 */

import type { ChangeFlags, Kept } from './myers.js';
import { bogoSqrt, searchChanges } from './myers.js';
import { buildHunks, compactChanges } from './compact.js';

/** One hunk: lines [i1, i1 + chg1) of A became lines [i2, i2 + chg2) of B. */
export interface DiffHunk {
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

const MAX_EQUAL_LIMIT = 1024;
const SIMILAR_SCAN_WINDOW = 100;
const KEEP_DISCARDED_RUN = 4;

/**
 * Scratch space for counting line ids, sized for the largest id. Shared by
 * every diff of one merge so small diffs do not allocate big arrays.
 */
export class LineCounter {
  readonly inA: Int32Array;
  readonly inB: Int32Array;
  constructor(idCount: number) {
    this.inA = new Int32Array(idCount);
    this.inB = new Int32Array(idCount);
  }
}

/** The hunks turning `a` into `b`, as git would find them. */
export function diffLines(a: Int32Array, b: Int32Array, counter: LineCounter): DiffHunk[] {
  const changedA = new Uint8Array(a.length + 2);
  const changedB = new Uint8Array(b.length + 2);
  markChanges(a, b, changedA, changedB, counter);
  compactChanges(a, changedA, changedB);
  compactChanges(b, changedB, changedA);
  return buildHunks(a.length, b.length, changedA, changedB);
}

function markChanges(
  a: Int32Array,
  b: Int32Array,
  changedA: ChangeFlags,
  changedB: ChangeFlags,
  counter: LineCounter,
): void {
  const lim = Math.min(a.length, b.length);
  let start = 0;
  while (start < lim && a[start] === b[start]) start++;
  let tail = 0;
  while (tail < lim - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const endA = a.length - tail;
  const endB = b.length - tail;
  if (start === endA && start === endB) return;

  count(counter.inA, a, 1);
  count(counter.inB, b, 1);
  const keptA = keepSearchable(a, start, endA, counter.inB, changedA);
  const keptB = keepSearchable(b, start, endB, counter.inA, changedB);
  count(counter.inA, a, 0);
  count(counter.inB, b, 0);

  searchChanges(keptA, keptB, changedA, changedB);
}

/** Counts each id in `file` (step 1), or clears the counts again (step 0) so the scratch space stays zeroed. */
function count(counts: Int32Array, file: Int32Array, step: 0 | 1): void {
  for (let i = 0; i < file.length; i++) {
    const id = file[i] as number;
    counts[id] = step === 0 ? 0 : (counts[id] as number) + 1;
  }
}

function keepSearchable(
  file: Int32Array,
  start: number,
  end: number,
  countInOther: Int32Array,
  changed: ChangeFlags,
): Kept {
  const limit = Math.min(bogoSqrt(file.length), MAX_EQUAL_LIMIT);
  // 0: no copy in the other file, 1: some, 2: many
  const kind = new Uint8Array(file.length);
  for (let i = start; i < end; i++) {
    const matches = countInOther[file[i] as number] as number;
    kind[i] = matches === 0 ? 0 : matches >= limit ? 2 : 1;
  }
  const ids = new Int32Array(end - start);
  const lines = new Int32Array(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    if (kind[i] === 1 || (kind[i] === 2 && !amongUnmatched(kind, i, start, end - 1))) {
      ids[n] = file[i] as number;
      lines[n] = i;
      n++;
    } else {
      changed[i + 1] = 1;
    }
  }
  return { ids: ids.subarray(0, n), lines: lines.subarray(0, n) };
}

/**
 * True when a line with many copies sits in a run of unmatched lines, where
 * matching it would only produce a scattered, unhelpful alignment.
 */
function amongUnmatched(kind: Uint8Array, i: number, start: number, end: number): boolean {
  const s = Math.max(start, i - SIMILAR_SCAN_WINDOW);
  const e = Math.min(end, i + SIMILAR_SCAN_WINDOW);
  let unmatchedBefore = 0;
  let manyBefore = 1;
  for (let r = 1; i - r >= s; r++) {
    const k = kind[i - r];
    if (k === 0) unmatchedBefore++;
    else if (k === 2) manyBefore++;
    else break;
  }
  if (unmatchedBefore === 0) return false;
  let unmatchedAfter = 0;
  let manyAfter = 1;
  for (let r = 1; i + r <= e; r++) {
    const k = kind[i + r];
    if (k === 0) unmatchedAfter++;
    else if (k === 2) manyAfter++;
    else break;
  }
  if (unmatchedAfter === 0) return false;
  const unmatched = unmatchedBefore + unmatchedAfter;
  const many = manyBefore + manyAfter;
  return many * KEEP_DISCARDED_RUN < many + unmatched;
}

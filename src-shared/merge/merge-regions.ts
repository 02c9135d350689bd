import type { DiffHunk, LineCounter } from './line-diff.js';
import { diffLines } from './line-diff.js';

/**
 * The three-way merge itself, on line ids, following `git merge-file`
 * (xdiff's xdl_do_merge at its default "zealous, alnum" level) so that both
 * give the same answer:
 *   - walk the base→local and base→remote hunks in base order; a hunk that
 *     does not touch the other side's hunks is taken from its side, hunks that
 *     overlap or touch (are adjacent) conflict unless both made the identical
 *     change;
 *   - shrink each conflict by diffing its two sides and keeping only the
 *     parts that differ (lines both sides agree on leave the conflict);
 *   - join conflicts separated by at most three lines, or by lines without a
 *     letter or digit, since one bigger conflict is easier to read.
 */

/** Who a region of the result comes from. */
export const Source = {
  Conflict: 0,
  Local: 1,
  Remote: 2,
  /** A refined conflict whose sides turned out equal: taken from local. */
  Same: 4,
} as const;
export type Source = (typeof Source)[keyof typeof Source];

/** A region of the merge, in local (i1) and remote (i2) line coordinates. */
export interface MergeRegion {
  source: Source;
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

export interface MergeInput {
  base: Int32Array;
  local: Int32Array;
  remote: Int32Array;
  /** Which local lines hold a letter or digit (for joining nearby conflicts). */
  hasAlnum: (localLine: number) => boolean;
  counter: LineCounter;
}

export interface MergePlan {
  regions: MergeRegion[];
  localHunks: DiffHunk[];
  remoteHunks: DiffHunk[];
}

export function planMerge(input: MergeInput): MergePlan {
  const localHunks = diffLines(input.base, input.local, input.counter);
  const remoteHunks = diffLines(input.base, input.remote, input.counter);
  const regions = walkHunks(input, localHunks, remoteHunks);
  refineConflicts(input, regions);
  return { regions: joinNearbyConflicts(input, regions), localHunks, remoteHunks };
}

/** Appends a region, folding it into the previous one when they touch (then they conflict unless equal sources). */
function append(
  regions: MergeRegion[],
  source: Source,
  i1: number,
  chg1: number,
  i2: number,
  chg2: number,
): void {
  const last = regions[regions.length - 1];
  if (last && (i1 <= last.i1 + last.chg1 || i2 <= last.i2 + last.chg2)) {
    if (source !== last.source) last.source = Source.Conflict;
    last.chg1 = i1 + chg1 - last.i1;
    last.chg2 = i2 + chg2 - last.i2;
  } else {
    regions.push({ source, i1, chg1, i2, chg2 });
  }
}

function walkHunks(input: MergeInput, xs: DiffHunk[], ys: DiffHunk[]): MergeRegion[] {
  const regions: MergeRegion[] = [];
  let a = 0;
  let b = 0;
  while (a < xs.length && b < ys.length) {
    const x = xs[a] as DiffHunk;
    const y = ys[b] as DiffHunk;
    if (x.i1 + x.chg1 < y.i1) {
      append(regions, Source.Local, x.i2, x.chg2, y.i2 - y.i1 + x.i1, x.chg1);
      a++;
      continue;
    }
    if (y.i1 + y.chg1 < x.i1) {
      append(regions, Source.Remote, x.i2 - x.i1 + y.i1, y.chg1, y.i2, y.chg2);
      b++;
      continue;
    }
    if (!sameChange(input, x, y)) appendConflict(regions, x, y);
    const endX = x.i1 + x.chg1;
    const endY = y.i1 + y.chg1;
    if (endX >= endY) b++;
    if (endY >= endX) a++;
  }
  const localShift = input.remote.length - input.base.length;
  for (; a < xs.length; a++) {
    const x = xs[a] as DiffHunk;
    append(regions, Source.Local, x.i2, x.chg2, x.i1 + localShift, x.chg1);
  }
  const remoteShift = input.local.length - input.base.length;
  for (; b < ys.length; b++) {
    const y = ys[b] as DiffHunk;
    append(regions, Source.Remote, y.i1 + remoteShift, y.chg1, y.i2, y.chg2);
  }
  return regions;
}

function sameChange(input: MergeInput, x: DiffHunk, y: DiffHunk): boolean {
  if (x.i1 !== y.i1 || x.chg1 !== y.chg1 || x.chg2 !== y.chg2) return false;
  for (let k = 0; k < x.chg2; k++) if (input.local[x.i2 + k] !== input.remote[y.i2 + k]) return false;
  return true;
}

/** The smallest region covering both hunks, in local and remote coordinates. */
function appendConflict(regions: MergeRegion[], x: DiffHunk, y: DiffHunk): void {
  const off = x.i1 - y.i1;
  const ffo = off + x.chg1 - y.chg1;
  let i1 = x.i2;
  let i2 = y.i2;
  if (off > 0) i1 -= off;
  else i2 += off;
  let chg1 = x.i2 + x.chg2 - i1;
  let chg2 = y.i2 + y.chg2 - i2;
  if (ffo < 0) chg1 -= ffo;
  else chg2 += ffo;
  append(regions, Source.Conflict, i1, chg1, i2, chg2);
}

/** Shrinks each conflict to the parts where local and remote really differ. */
function refineConflicts(input: MergeInput, regions: MergeRegion[]): void {
  for (let r = 0; r < regions.length; r++) {
    const m = regions[r] as MergeRegion;
    if (m.source !== Source.Conflict || m.chg1 === 0 || m.chg2 === 0) continue;
    const sideA = input.local.subarray(m.i1, m.i1 + m.chg1);
    const sideB = input.remote.subarray(m.i2, m.i2 + m.chg2);
    const hunks = diffLines(sideA, sideB, input.counter);
    if (hunks.length === 0) {
      m.source = Source.Same;
      continue;
    }
    const pieces = hunks.map((h): MergeRegion => ({
      source: Source.Conflict,
      i1: m.i1 + h.i1,
      chg1: h.chg1,
      i2: m.i2 + h.i2,
      chg2: h.chg2,
    }));
    regions.splice(r, 1, ...pieces);
    r += pieces.length - 1;
  }
}

function joinNearbyConflicts(input: MergeInput, regions: MergeRegion[]): MergeRegion[] {
  const out: MergeRegion[] = [];
  for (const next of regions) {
    const m = out[out.length - 1];
    if (m && m.source === Source.Conflict && next.source === Source.Conflict) {
      const begin = m.i1 + m.chg1;
      const end = next.i1;
      if (end - begin <= 3 || !anyAlnum(input, begin, end)) {
        m.chg1 = next.i1 + next.chg1 - m.i1;
        m.chg2 = next.i2 + next.chg2 - m.i2;
        continue;
      }
    }
    out.push({ ...next });
  }
  return out;
}

function anyAlnum(input: MergeInput, begin: number, end: number): boolean {
  for (let i = begin; i < end; i++) if (input.hasAlnum(i)) return true;
  return false;
}

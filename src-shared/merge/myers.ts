/**
 * Myers' O(ND) search for a shortest edit script, as git's xdiff runs it:
 * divide and conquer on the middle snake, and once the edit cost passes git's
 * limits, its heuristic cut points. Marks changed lines in two flag arrays.
 * Ties between equally short scripts are broken exactly as xdiff breaks them,
 * which is what keeps our merges identical to `git merge-file`.
 */

/** Changed-line flags with a zero sentinel before and after: line i is at [i + 1]. */
export type ChangeFlags = Uint8Array;

/** The lines the search looks at (the others are already marked changed). */
export interface Kept {
  ids: Int32Array;
  /** kept index → line index in the whole file */
  lines: Int32Array;
}

const SNAKE_COUNT = 20;
const HEURISTIC_MIN_COST = 256;
const MAX_COST_MIN = 256;
const K_HEURISTIC = 4;
const LINE_MAX = 0x7fffffff;

/** git's integer square root approximation, used for its size-based limits. */
export function bogoSqrt(n: number): number {
  let i = 1;
  for (; n > 0; n >>= 2) i <<= 1;
  return i;
}

interface Split {
  i1: number;
  i2: number;
  minLo: boolean;
  minHi: boolean;
}

/** Divide and conquer over boxes of the kept lines; marks changed lines. */
export function searchChanges(keptA: Kept, keptB: Kept, changedA: ChangeFlags, changedB: ChangeFlags): void {
  const ha1 = keptA.ids;
  const ha2 = keptB.ids;
  const size = ha1.length + ha2.length + 3;
  const offset = ha2.length + 1;
  const kvdf = new Int32Array(size);
  const kvdb = new Int32Array(size);
  const maxCost = Math.max(bogoSqrt(size), MAX_COST_MIN);
  const split: Split = { i1: 0, i2: 0, minLo: false, minHi: false };
  // Boxes still to do: off1, lim1, off2, lim2, needMinimal.
  const stack: number[] = [0, ha1.length, 0, ha2.length, 0];
  while (stack.length > 0) {
    const needMin = stack.pop() === 1;
    let lim2 = stack.pop() as number;
    let off2 = stack.pop() as number;
    let lim1 = stack.pop() as number;
    let off1 = stack.pop() as number;
    while (off1 < lim1 && off2 < lim2 && ha1[off1] === ha2[off2]) {
      off1++;
      off2++;
    }
    while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] === ha2[lim2 - 1]) {
      lim1--;
      lim2--;
    }
    if (off1 === lim1) {
      for (; off2 < lim2; off2++) changedB[(keptB.lines[off2] as number) + 1] = 1;
    } else if (off2 === lim2) {
      for (; off1 < lim1; off1++) changedA[(keptA.lines[off1] as number) + 1] = 1;
    } else {
      const box = { ha1, off1, lim1, ha2, off2, lim2, kvdf, kvdb, offset, maxCost };
      splitBox(box, needMin, split);
      stack.push(split.i1, lim1, split.i2, lim2, split.minHi ? 1 : 0);
      stack.push(off1, split.i1, off2, split.i2, split.minLo ? 1 : 0);
    }
  }
}

interface Box {
  ha1: Int32Array;
  off1: number;
  lim1: number;
  ha2: Int32Array;
  off2: number;
  lim2: number;
  kvdf: Int32Array;
  kvdb: Int32Array;
  offset: number;
  maxCost: number;
}

/**
 * Finds where to cut a box: the middle snake of a shortest edit script, or,
 * once the cost gets large, a good-enough point (git's heuristics).
 */
function splitBox(box: Box, needMin: boolean, spl: Split): void {
  const { ha1, off1, lim1, ha2, off2, lim2, kvdf, kvdb, offset: o } = box;
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = ((fmid - bmid) & 1) !== 0;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  kvdf[fmid + o] = off1;
  kvdb[bmid + o] = lim1;

  for (let ec = 1; ; ec++) {
    let gotSnake = false;
    if (fmin > dmin) kvdf[--fmin - 1 + o] = -1;
    else ++fmin;
    if (fmax < dmax) kvdf[++fmax + 1 + o] = -1;
    else --fmax;

    for (let d = fmax; d >= fmin; d -= 2) {
      let i1 =
        (kvdf[d - 1 + o] as number) >= (kvdf[d + 1 + o] as number)
          ? (kvdf[d - 1 + o] as number) + 1
          : (kvdf[d + 1 + o] as number);
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && ha1[i1] === ha2[i2]) {
        i1++;
        i2++;
      }
      if (i1 - prev1 > SNAKE_COUNT) gotSnake = true;
      kvdf[d + o] = i1;
      if (odd && bmin <= d && d <= bmax && (kvdb[d + o] as number) <= i1) {
        setSplit(spl, i1, i2, true, true);
        return;
      }
    }

    if (bmin > dmin) kvdb[--bmin - 1 + o] = LINE_MAX;
    else ++bmin;
    if (bmax < dmax) kvdb[++bmax + 1 + o] = LINE_MAX;
    else --bmax;

    for (let d = bmax; d >= bmin; d -= 2) {
      let i1 =
        (kvdb[d - 1 + o] as number) < (kvdb[d + 1 + o] as number)
          ? (kvdb[d - 1 + o] as number)
          : (kvdb[d + 1 + o] as number) - 1;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && ha1[i1 - 1] === ha2[i2 - 1]) {
        i1--;
        i2--;
      }
      if (prev1 - i1 > SNAKE_COUNT) gotSnake = true;
      kvdb[d + o] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= (kvdf[d + o] as number)) {
        setSplit(spl, i1, i2, true, true);
        return;
      }
    }

    if (needMin) continue;
    const range = { fmin, fmax, bmin, bmax, fmid, bmid };
    if (gotSnake && ec > HEURISTIC_MIN_COST && snakeCut(box, range, ec, spl)) return;
    if (ec >= box.maxCost) {
      furthestCut(box, range, spl);
      return;
    }
  }
}

interface Range {
  fmin: number;
  fmax: number;
  bmin: number;
  bmax: number;
  fmid: number;
  bmid: number;
}

function setSplit(spl: Split, i1: number, i2: number, minLo: boolean, minHi: boolean): void {
  spl.i1 = i1;
  spl.i2 = i2;
  spl.minLo = minLo;
  spl.minHi = minHi;
}

/** git's "interesting snake" cut: a long diagonal far from both corners. */
function snakeCut(box: Box, r: Range, ec: number, spl: Split): boolean {
  const { ha1, off1, lim1, ha2, off2, lim2, kvdf, kvdb, offset: o } = box;
  let best = 0;
  for (let d = r.fmax; d >= r.fmin; d -= 2) {
    const dd = d > r.fmid ? d - r.fmid : r.fmid - d;
    const i1 = kvdf[d + o] as number;
    const i2 = i1 - d;
    const v = i1 - off1 + (i2 - off2) - dd;
    if (v > K_HEURISTIC * ec && v > best && off1 + SNAKE_COUNT <= i1 && i1 < lim1) {
      if (off2 + SNAKE_COUNT <= i2 && i2 < lim2) {
        for (let k = 1; ha1[i1 - k] === ha2[i2 - k]; k++) {
          if (k === SNAKE_COUNT) {
            best = v;
            spl.i1 = i1;
            spl.i2 = i2;
            break;
          }
        }
      }
    }
  }
  if (best > 0) {
    spl.minLo = true;
    spl.minHi = false;
    return true;
  }
  for (let d = r.bmax; d >= r.bmin; d -= 2) {
    const dd = d > r.bmid ? d - r.bmid : r.bmid - d;
    const i1 = kvdb[d + o] as number;
    const i2 = i1 - d;
    const v = lim1 - i1 + (lim2 - i2) - dd;
    if (v > K_HEURISTIC * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_COUNT) {
      if (off2 < i2 && i2 <= lim2 - SNAKE_COUNT) {
        for (let k = 0; ha1[i1 + k] === ha2[i2 + k]; k++) {
          if (k === SNAKE_COUNT - 1) {
            best = v;
            spl.i1 = i1;
            spl.i2 = i2;
            break;
          }
        }
      }
    }
  }
  if (best > 0) {
    spl.minLo = false;
    spl.minHi = true;
    return true;
  }
  return false;
}

/** git's last resort when the cost is too high: cut at the furthest-reaching point. */
function furthestCut(box: Box, r: Range, spl: Split): void {
  const { off1, lim1, off2, lim2, kvdf, kvdb, offset: o } = box;
  let fbest = -1;
  let fbest1 = -1;
  for (let d = r.fmax; d >= r.fmin; d -= 2) {
    let i1 = Math.min(kvdf[d + o] as number, lim1);
    let i2 = i1 - d;
    if (lim2 < i2) {
      i1 = lim2 + d;
      i2 = lim2;
    }
    if (fbest < i1 + i2) {
      fbest = i1 + i2;
      fbest1 = i1;
    }
  }
  let bbest = LINE_MAX;
  let bbest1 = LINE_MAX;
  for (let d = r.bmax; d >= r.bmin; d -= 2) {
    let i1 = Math.max(off1, kvdb[d + o] as number);
    let i2 = i1 - d;
    if (i2 < off2) {
      i1 = off2 + d;
      i2 = off2;
    }
    if (i1 + i2 < bbest) {
      bbest = i1 + i2;
      bbest1 = i1;
    }
  }
  if (lim1 + lim2 - bbest < fbest - (off1 + off2)) setSplit(spl, fbest1, fbest - fbest1, true, false);
  else setSplit(spl, bbest1, bbest - bbest1, false, true);
}

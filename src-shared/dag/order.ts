import { compareHlc } from '../clock/hlc.js';
import type { Op } from '../model/index.js';

/** The one order every replica uses for ops: clock stamp, then op id. */
export function compareOps(a: Op, b: Op): number {
  return compareHlc(a.hlc, b.hlc) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The later of two ops in `compareOps` order. */
export function newerOp(a: Op, b: Op): Op {
  return compareOps(a, b) >= 0 ? a : b;
}

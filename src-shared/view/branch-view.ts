import { compareHlc } from '../clock/hlc.js';
import type { Branch, Op } from '../model/index.js';
import { MAIN_BRANCH } from '../model/index.js';

/**
 * Which ops a view sees. Main sees all of main. A branch sees its own ops and
 * main as it stood at the branch's base: what the server had ordered up to
 * `baseSeq`, plus what the branch creator's machine had made up to `baseHlc`
 * (so a branch made offline, or before any server existed, still sees the main
 * its creator was looking at).
 */
export type ViewSpec =
  { branchId: 'main' } | { branchId: string; baseSeq: number; baseHlc: string; baseInstanceId: string };

export const MAIN_VIEW: ViewSpec = Object.freeze({ branchId: MAIN_BRANCH });

/** The view of a branch, or of main when `branch` is null. */
export function viewOf(branch: Branch | null): ViewSpec {
  if (branch === null) return MAIN_VIEW;
  return {
    branchId: branch.id,
    baseSeq: branch.baseSeq,
    baseHlc: branch.baseHlc,
    baseInstanceId: branch.baseInstanceId,
  };
}

export function isMainView(view: ViewSpec): view is { branchId: 'main' } {
  return view.branchId === MAIN_BRANCH;
}

/** True when both see the same ops: the same branch, on the same base of main. */
export function sameView(a: ViewSpec, b: ViewSpec): boolean {
  if (isMainView(a) || isMainView(b)) return a.branchId === b.branchId;
  return (
    a.branchId === b.branchId &&
    a.baseSeq === b.baseSeq &&
    a.baseHlc === b.baseHlc &&
    a.baseInstanceId === b.baseInstanceId
  );
}

/**
 * True when `op` can ever be seen by `view` (its branch is main or the view's
 * branch). Ops of other branches can be dropped without looking further.
 */
export function mayBeVisibleInView(op: Op, view: ViewSpec): boolean {
  return op.branchId === view.branchId || op.branchId === MAIN_BRANCH;
}

export function isVisibleInView(op: Op, view: ViewSpec): boolean {
  if (op.status === 'rejected') return false;
  if (op.branchId === view.branchId) return true;
  if (op.branchId !== MAIN_BRANCH || isMainView(view)) return false;
  if (op.serverSeq != null && op.serverSeq <= view.baseSeq) return true;
  return op.instanceId === view.baseInstanceId && compareHlc(op.hlc, view.baseHlc) <= 0;
}

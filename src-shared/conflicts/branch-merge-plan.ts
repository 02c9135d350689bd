import { itemStateFromOps } from '../dag/index.js';
import { mergeText, mergedText } from '../merge/index.js';
import type { Branch, ItemSnapshot, ItemState, Op } from '../model/index.js';
import { MAIN_BRANCH, snapshotOf } from '../model/index.js';
import { MAIN_VIEW, isVisibleInView, viewOf, type ViewSpec } from '../view/branch-view.js';
import { conflictKind } from '../dag/index.js';
import { fromSides, type ResolveSession } from './session.js';
import type { ConflictSide } from './sides.js';

/** One item the branch changed, as merging it into main would treat it. */
export interface MergePlanEntry {
  itemId: string;
  /** The path the branch gives the item. */
  path: string;
  status: 'clean' | 'conflict';
  /** Why: "only the branch changed it", "both changed it; merged line by line", … */
  reason: string;
  base: ItemSnapshot | null;
  main: ItemState | null;
  branch: ItemState;
  /** What a clean merge writes on main (null for a conflict). */
  result: ItemSnapshot | null;
  /** The merge op's parents: main's heads, then the branch's. */
  parents: string[];
}

export interface MergePlan {
  branchId: string;
  clean: MergePlanEntry[];
  conflicts: MergePlanEntry[];
}

/**
 * What merging `branch` into main does, item by item. An item counts only if
 * the branch has ops on it. It merges cleanly when main has not moved it since
 * the branch's base, when both ended up the same, or when both edited the text
 * and a three-way merge of base, main and branch has no conflict. Otherwise —
 * a text conflict, deleted against changed, two different paths, or an item
 * already in conflict on either side — a person resolves it.
 */
export function planBranchMerge(ops: Iterable<Op>, branch: Branch): MergePlan {
  const view = viewOf(branch);
  const byItem = new Map<string, Op[]>();
  const touched = new Set<string>();
  for (const op of ops) {
    if (op.branchId !== MAIN_BRANCH && op.branchId !== branch.id) continue;
    const list = byItem.get(op.itemId);
    if (list) list.push(op);
    else byItem.set(op.itemId, [op]);
    if (op.branchId === branch.id && op.status !== 'rejected') touched.add(op.itemId);
  }
  const plan: MergePlan = { branchId: branch.id, clean: [], conflicts: [] };
  for (const itemId of touched) {
    const entry = planItem(byItem.get(itemId) as Op[], view);
    if (entry) (entry.status === 'clean' ? plan.clean : plan.conflicts).push(entry);
  }
  const byPath = (a: MergePlanEntry, b: MergePlanEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  plan.clean.sort(byPath);
  plan.conflicts.sort(byPath);
  return plan;
}

function stateIn(ops: readonly Op[], view: ViewSpec, only?: (op: Op) => boolean): ItemState | null {
  return itemStateFromOps(ops.filter((op) => isVisibleInView(op, view) && (!only || only(op))));
}

function planItem(ops: readonly Op[], view: ViewSpec): MergePlanEntry | null {
  const branch = stateIn(ops, view);
  if (!branch) return null;
  const main = stateIn(ops, MAIN_VIEW);
  const baseState = stateIn(ops, view, (op) => op.branchId === MAIN_BRANCH);
  // Made and deleted on the branch: main never had it, so there is nothing to bring over.
  if (!main && branch.deleted) return null;
  const base = baseState ? snapshotOf(baseState.current) : null;
  const parents = [...(main?.heads ?? []), ...branch.heads];
  const entry = (status: MergePlanEntry['status'], reason: string, result: ItemSnapshot | null) => ({
    itemId: branch.itemId,
    path: branch.path,
    status,
    reason,
    base,
    main,
    branch,
    result,
    parents,
  });
  if (branch.conflict) return entry('conflict', 'in conflict on the branch', null);
  if (main?.conflict) return entry('conflict', 'in conflict on main', null);
  const mine = snapshotOf(branch.current);
  const mainMoved = main !== null && !sameHeads(main, baseState);
  if (!mainMoved) return entry('clean', main ? 'only the branch changed it' : 'new on the branch', mine);
  const theirs = snapshotOf((main as ItemState).current);
  if (sameSnapshot(mine, theirs)) return entry('clean', 'main and the branch agree', mine);
  const merged = mergeSnapshots(base, theirs, mine);
  return merged
    ? entry('clean', 'both changed it; merged line by line', merged)
    : entry('conflict', 'changed on main and on the branch', null);
}

function sameHeads(a: ItemState, b: ItemState | null): boolean {
  return b !== null && a.heads.length === b.heads.length && a.heads.every((h) => b.heads.includes(h));
}

function sameSnapshot(a: ItemSnapshot, b: ItemSnapshot): boolean {
  if (a.deleted && b.deleted) return true;
  return a.deleted === b.deleted && a.path === b.path && a.kind === b.kind && a.content === b.content;
}

/** Field-wise three-way merge; null when any field (or the text) conflicts. */
function mergeSnapshots(
  base: ItemSnapshot | null,
  main: ItemSnapshot,
  branch: ItemSnapshot,
): ItemSnapshot | null {
  if (!base || main.deleted || branch.deleted) return null;
  const path = pick(base.path, main.path, branch.path);
  const kind = pick(base.kind, main.kind, branch.kind);
  if (path === null || kind === null) return null;
  const text = mergeText(base.content, main.content, branch.content);
  if (!text.clean) return null;
  return { path, kind, content: mergedText(text), deleted: false };
}

function pick<T>(base: T, a: T, b: T): T | null {
  if (a === b || b === base) return a;
  if (a === base) return b;
  return null;
}

/** The resolver session for a branch-merge conflict: main on the left, the branch on the right. */
export function mergeConflictSession(entry: MergePlanEntry, branchName: string): ResolveSession {
  const branchSide: ConflictSide = {
    label: `Branch ${branchName} (${entry.branch.current.author})`,
    ops: [entry.branch.current],
    op: entry.branch.current,
    snapshot: sideSnapshot(entry.branch, entry.base),
    mine: true,
  };
  const mainOp = entry.main?.current ?? entry.branch.current;
  const mainSide: ConflictSide = {
    // Who last changed it on main: in a team that is usually not the person merging.
    label: `main (${mainOp.author})`,
    ops: [mainOp],
    op: mainOp,
    snapshot: entry.main ? sideSnapshot(entry.main, entry.base) : { ...branchSide.snapshot, deleted: true },
    mine: false,
  };
  const kind = conflictKind(entry.base, [mainSide.op, branchSide.op]);
  return fromSides(
    entry.itemId,
    kind,
    entry.base,
    { local: mainSide, remote: branchSide, byMachine: false },
    entry.parents,
  );
}

/**
 * A side's snapshot. A side that is itself in conflict offers its automatic
 * merge (markers included), so the resolver still shows everything it holds.
 */
function sideSnapshot(state: ItemState, base: ItemSnapshot | null): ItemSnapshot {
  const snap = snapshotOf(state.current);
  if (!state.conflict || state.conflict.sides.length !== 2) return snap;
  const [a, b] = state.conflict.sides as [Op, Op];
  const text = mergeText(state.conflict.base?.content ?? base?.content ?? '', a.content, b.content);
  return { ...snap, content: mergedText(text) };
}

import type { ItemConflict, ItemSnapshot, Op } from '../model/index.js';
import { snapshotOf } from '../model/index.js';
import { mergeText, mergedText } from '../merge/index.js';

/** One side of a conflict as the resolver shows it. */
export interface ConflictSide {
  /** What the pane is titled: "Yours (this machine)", or the author's name. */
  label: string;
  /** Ops folded into this side (usually one). */
  ops: Op[];
  /** The newest of them: who and when to show. */
  op: Op;
  snapshot: ItemSnapshot;
  /** True when this side was made on this machine. */
  mine: boolean;
}

export interface SidePair {
  local: ConflictSide;
  remote: ConflictSide;
  /** True when the sides could be told apart by machine; false when ordered by clock. */
  byMachine: boolean;
}

/**
 * Splits a conflict's heads into the two sides the resolver compares. Local
 * is what this machine authored, remote the rest. When that does not split
 * them (all mine, or none), the older heads are "local" and the newest is
 * "remote", each labelled by its author. More than two heads on one side are
 * folded by merging them against the base (or, if that conflicts, the newest
 * one stands for the side; the others stay in History).
 */
export function splitSides(conflict: ItemConflict, instanceId: string): SidePair {
  const sides = conflict.sides;
  const mine = sides.filter((op) => op.instanceId === instanceId);
  const theirs = sides.filter((op) => op.instanceId !== instanceId);
  if (mine.length > 0 && theirs.length > 0) {
    return {
      local: fold(conflict, mine, mineLabel(mine), true),
      remote: fold(conflict, theirs, authorsOf(theirs), false),
      byMachine: true,
    };
  }
  const newest = sides[sides.length - 1] as Op;
  const older = sides.slice(0, -1);
  const isMine = mine.length > 0;
  return {
    local: fold(conflict, older, authorsOf(older), isMine),
    remote: fold(conflict, [newest], authorsOf([newest]), isMine),
    byMachine: false,
  };
}

/**
 * A merge op of mine as a side means I resolved this conflict before and the
 * other side moved on since (a sync brought a newer version): say so, since
 * my earlier result is what the resolver now starts from.
 */
function mineLabel(mine: readonly Op[]): string {
  return (mine[mine.length - 1] as Op).type === 'merge'
    ? 'Your earlier result (this machine)'
    : 'Yours (this machine)';
}

/** True when the local side is an earlier resolution of mine that the other side has moved past. */
export function isReopened(sides: SidePair): boolean {
  return sides.byMachine && sides.local.op.type === 'merge';
}

function authorsOf(ops: readonly Op[]): string {
  return [...new Set(ops.map((op) => op.author))].join(', ');
}

function fold(conflict: ItemConflict, ops: Op[], label: string, mine: boolean): ConflictSide {
  const op = ops[ops.length - 1] as Op;
  let snapshot = snapshotOf(op);
  if (ops.length > 1 && conflict.base && !snapshot.deleted) {
    const base = conflict.base.content;
    let content = base;
    for (const side of ops) {
      const merged = mergeText(base, content, side.content);
      if (!merged.clean) {
        content = op.content;
        break;
      }
      content = mergedText(merged);
    }
    snapshot = { ...snapshot, content };
  }
  return { label, ops, op, snapshot, mine };
}

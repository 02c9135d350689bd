import { mergeText } from '../merge/index.js';
import type { ItemSnapshot, ItemState } from '../model/index.js';
import { isWithinNamespace, splitPath } from '../model/index.js';
import { splitSides } from './sides.js';

export const CONFLICT_POLICIES = ['manual', 'prefer-local', 'prefer-remote'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** Policies by namespace path; the deepest namespace holding an item decides for it. */
export type PolicyMap = Readonly<Record<string, ConflictPolicy>>;

export function isConflictPolicy(value: unknown): value is ConflictPolicy {
  return typeof value === 'string' && (CONFLICT_POLICIES as readonly string[]).includes(value);
}

export function policyFor(itemPath: string, policies: PolicyMap): ConflictPolicy {
  const ns = splitPath(itemPath).namespace;
  let best: string | null = null;
  for (const prefix of Object.keys(policies)) {
    if (isWithinNamespace(ns, prefix) && (best === null || prefix.length > best.length)) best = prefix;
  }
  return best === null ? 'manual' : (policies[best] as ConflictPolicy);
}

export type Side = 'local' | 'remote';

/**
 * The result of taking one side for a whole item: that side's path, content
 * and (for edit/delete) its deletion. Null when the sides cannot be told
 * apart by machine and `requireMine` is set — a policy like "prefer local"
 * has no local side to prefer then, so the conflict waits for a person.
 */
export function takeSide(
  item: ItemState,
  side: Side,
  instanceId: string,
  requireMine = false,
): { result: ItemSnapshot; winnerOpId: string; loserOpIds: string[] } | null {
  if (!item.conflict) return null;
  const sides = splitSides(item.conflict, instanceId);
  if (requireMine && !sides.byMachine) return null;
  const winner = sides[side];
  const loser = sides[side === 'local' ? 'remote' : 'local'];
  return {
    result: { ...winner.snapshot },
    winnerOpId: winner.op.id,
    loserOpIds: loser.ops.map((op) => op.id),
  };
}

/** One line of a batch preview: what taking a side does to an item. */
export interface BatchPreviewRow {
  itemId: string;
  path: string;
  /** The path after, when it changes. */
  newPath: string | null;
  kind: string;
  /** e.g. "keeps bob's version: +3 −1 lines vs yours", "deletes the item". */
  summary: string;
  result: ItemSnapshot;
  heads: string[];
}

export function batchPreview(items: readonly ItemState[], side: Side, instanceId: string): BatchPreviewRow[] {
  const rows: BatchPreviewRow[] = [];
  for (const item of items) {
    if (!item.conflict) continue;
    const sides = splitSides(item.conflict, instanceId);
    const winner = sides[side];
    const loser = sides[side === 'local' ? 'remote' : 'local'];
    const result = { ...winner.snapshot };
    rows.push({
      itemId: item.itemId,
      path: item.path,
      newPath: result.path !== item.path ? result.path : null,
      kind: item.conflict.kind,
      summary: summarize(winner.label, loser.label, result, loser.snapshot),
      result,
      heads: [...item.heads],
    });
  }
  return rows;
}

function summarize(winner: string, loser: string, result: ItemSnapshot, other: ItemSnapshot): string {
  if (result.deleted) return `deletes the item (${winner}); drops ${loser}'s edit`;
  if (other.deleted) return `restores the item with ${winner}'s version`;
  const { added, removed } = lineChanges(other.content, result.content);
  const moved = result.path !== other.path ? `, path ${result.path}` : '';
  return `keeps ${winner}: +${added} −${removed} lines vs ${loser}${moved}`;
}

/** Lines added and removed going from `before` to `after`. */
export function lineChanges(before: string, after: string): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const chunk of mergeText(before, before, after).chunks) {
    if (chunk.kind === 'remote' || chunk.kind === 'both') {
      added += chunk.lines.length;
      removed += chunk.baseLines.length;
    }
  }
  return { added, removed };
}

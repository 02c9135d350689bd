import type { ItemKind } from '../model/op.js';
import type { LockRecord } from './lock.js';
import {
  previewPull,
  type ItemOutcome,
  type PullEntry,
  type PullPreview,
  type PullStrategy,
} from './preview.js';

/**
 * One file of a pull with its text on each side (null: not there), as main
 * reads it from the three commits and git's merge. The preview compares the
 * texts as it compares blob ids: equal text is an equal blob.
 */
export interface PullContentEntry extends PullEntry {
  /** The item this file is; null when it is no item (binary, unknown extension): it is left alone. */
  item: { path: string; kind: ItemKind } | null;
  /** git's merged text, when both sides changed the file and the merge is clean. */
  merged: string | null;
}

/**
 * What applying a pull writes, item by item. `update`, `delete` and
 * `replace` build on the item as it was when the plan was made (a later
 * edit then meets them as a conflict, never overwritten). `conflict` writes
 * upstream's side on the item's version at the lock, so the item gets two
 * heads and lands in the conflicts inbox.
 */
export type PullStep =
  | { type: 'create'; path: string; kind: ItemKind; content: string }
  | { type: 'update'; path: string; content: string }
  | { type: 'delete'; path: string }
  | { type: 'conflict'; path: string; base: string | null; theirs: string | null }
  /** Merge: upstream's side on the lock's version, then a merge op over both heads with git's text. */
  | { type: 'merge'; path: string; base: string; theirs: string; merged: string }
  /** Rebase: upstream's version on top of the local one, then the local edits reapplied on it. */
  | { type: 'rebase'; path: string; theirs: string; merged: string }
  /** Overwrite, stash: the local edit is set aside first, then upstream's version (null: none) is taken. */
  | { type: 'replace'; path: string; kind: ItemKind; theirs: string | null };

/** A local edit overwrite or stash sets aside before taking upstream's version. */
export interface SetAsideItem {
  path: string;
  kind: ItemKind;
  /** The text at the lock (null: the item was added here). */
  base: string | null;
  /** The local text (null: deleted here). */
  mine: string | null;
}

export type PullPlan =
  | { ok: false; preview: PullPreview; message: string }
  | {
      ok: true;
      preview: PullPreview;
      strategy: PullStrategy;
      steps: PullStep[];
      setAside: SetAsideItem[];
      /** The lock after the pull: upstream's commit. */
      lock: LockRecord;
    };

/**
 * The pull a strategy makes, derived from the same preview the dry-run
 * shows, so the two cannot disagree: each item's step is its outcome for the
 * strategy. Fast-forward is refused, whole, when anything here differs from
 * the lock. Files that are no item (binary) are git's alone and skipped.
 */
export function planPull(
  entries: readonly PullContentEntry[],
  strategy: PullStrategy,
  target: LockRecord,
): PullPlan {
  const preview = previewPull(entries);
  if (strategy === 'fastForward' && preview.fastForwardBlocked) {
    return {
      ok: false,
      preview,
      message: `Fast-forward refused: ${preview.fastForwardBlocked} Merge, rebase, overwrite or stash can pull it.`,
    };
  }
  const byFile = new Map(entries.map((entry) => [entry.file, entry]));
  const steps: PullStep[] = [];
  const setAside: SetAsideItem[] = [];
  for (const item of preview.items) {
    const entry = byFile.get(item.file);
    if (!entry?.item) continue;
    const outcome = item.outcomes[strategy];
    const step = stepFor(entry, entry.item, outcome, strategy);
    if (step) steps.push(step);
    if (outcome === 'replace') {
      setAside.push({ path: entry.item.path, kind: entry.item.kind, base: entry.base, mine: entry.local });
    }
  }
  return { ok: true, preview, strategy, steps, setAside, lock: target };
}

function stepFor(
  entry: PullContentEntry,
  item: { path: string; kind: ItemKind },
  outcome: ItemOutcome,
  strategy: PullStrategy,
): PullStep | null {
  const { path, kind } = item;
  switch (outcome) {
    case 'create':
    case 'update':
    case 'delete':
      return take(entry, path, kind);
    case 'replace':
      return { type: 'replace', path, kind, theirs: entry.theirs };
    case 'conflict':
      return { type: 'conflict', path, base: entry.base, theirs: entry.theirs };
    case 'merge':
      return mergeStep(entry, path, strategy);
    default:
      // unchanged, keep, same: nothing to write; blocked never gets here.
      return null;
  }
}

function take(entry: PullContentEntry, path: string, kind: ItemKind): PullStep {
  if (entry.theirs === null) return { type: 'delete', path };
  if (entry.local === null) return { type: 'create', path, kind, content: entry.theirs };
  return { type: 'update', path, content: entry.theirs };
}

function mergeStep(entry: PullContentEntry, path: string, strategy: PullStrategy): PullStep {
  // A clean merge of two texts: git wrote the merged file, and every side is there.
  const { base, theirs, merged } = entry;
  if (base === null || theirs === null || merged === null) {
    return { type: 'conflict', path, base, theirs };
  }
  return strategy === 'rebase'
    ? { type: 'rebase', path, theirs, merged }
    : { type: 'merge', path, base, theirs, merged };
}

import { fileNameFor } from '../mirror/naming.js';
import type { ItemKind } from '../model/op.js';

export const PULL_STRATEGIES = ['fastForward', 'merge', 'rebase', 'overwrite', 'stash'] as const;
export type PullStrategy = (typeof PULL_STRATEGIES)[number];

/** Each strategy's name, as the screen and the queue say it. */
export const PULL_STRATEGY_NAMES: Record<PullStrategy, string> = {
  fastForward: 'Fast-forward',
  merge: 'Merge',
  rebase: 'Rebase',
  overwrite: 'Overwrite',
  stash: 'Stash',
};

/**
 * What a strategy would do to one item:
 * - `unchanged`: nothing, on either side;
 * - `keep`: upstream did not touch it, the local version stays;
 * - `create`/`update`/`delete`: upstream's change is taken as it is;
 * - `same`: both changed it the same way;
 * - `merge`: both changed it, the three-way merge is clean;
 * - `conflict`: both changed it and they clash (lands in the conflicts inbox);
 * - `replace`: the local edit is set aside where it can be restored, upstream's version is taken;
 * - `blocked`: the strategy cannot run (fast-forward with local edits).
 */
export type ItemOutcome =
  | 'unchanged'
  | 'keep'
  | 'create'
  | 'update'
  | 'delete'
  | 'same'
  | 'merge'
  | 'conflict'
  | 'replace'
  | 'blocked';

export type SideChange = 'unchanged' | 'added' | 'changed' | 'deleted';

/** One file of the linked folder at the lock (base), here (local), upstream's new commit (theirs). */
export interface PullEntry {
  /** Path inside the linked folder. */
  file: string;
  base: string | null;
  local: string | null;
  theirs: string | null;
  /** git merge-tree named this file as a conflict. */
  conflict: boolean;
}

export interface ItemPreview {
  file: string;
  local: SideChange;
  upstream: SideChange;
  outcomes: Record<PullStrategy, ItemOutcome>;
}

export interface PullPreview {
  /** Fast-forward runs only when local equals the lock; otherwise this says why not. */
  fastForwardBlocked: string | null;
  items: ItemPreview[];
  /** How many items each strategy leaves in conflict. */
  conflicts: Record<PullStrategy, number>;
  /** How many local edits overwrite and stash set aside (saved first, restorable). */
  setAside: number;
}

/**
 * What each pull strategy would do, item by item, from blob ids at three
 * commits and merge-tree's list of conflicts. Nothing here changes anything:
 * it is the dry-run every pull shows first. Rebase reapplies the local edits
 * on upstream's commit as one change, so it meets the same clashes as merge.
 */
export function previewPull(entries: readonly PullEntry[]): PullPreview {
  const localEdits = entries.filter((e) => e.local !== e.base).length;
  const fastForwardBlocked =
    localEdits > 0
      ? `${localEdits} item${localEdits === 1 ? ' is' : 's are'} changed here; fast-forward needs the namespace as the lock left it.`
      : null;
  const items = [...entries]
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((entry) => previewItem(entry, fastForwardBlocked !== null))
    .filter((item) => item.local !== 'unchanged' || item.upstream !== 'unchanged');
  const conflicts = Object.fromEntries(
    PULL_STRATEGIES.map((s) => [s, items.filter((i) => i.outcomes[s] === 'conflict').length]),
  ) as Record<PullStrategy, number>;
  const setAside = items.filter((i) => i.outcomes.overwrite === 'replace').length;
  return { fastForwardBlocked, items, conflicts, setAside };
}

function previewItem(entry: PullEntry, fastForwardBlocked: boolean): ItemPreview {
  const local = sideChange(entry.base, entry.local);
  const upstream = sideChange(entry.base, entry.theirs);
  const take = takeUpstream(entry);
  const combined = combine(entry, local, upstream, take);
  const replaced: ItemOutcome =
    local === 'unchanged' ? take : entry.local === entry.theirs ? 'same' : 'replace';
  return {
    file: entry.file,
    local,
    upstream,
    outcomes: {
      fastForward: fastForwardBlocked ? 'blocked' : take,
      merge: combined,
      rebase: combined,
      overwrite: replaced,
      stash: replaced,
    },
  };
}

function combine(entry: PullEntry, local: SideChange, upstream: SideChange, take: ItemOutcome): ItemOutcome {
  if (upstream === 'unchanged') return local === 'unchanged' ? 'unchanged' : 'keep';
  if (local === 'unchanged') return take;
  if (entry.local === entry.theirs) return 'same';
  return entry.conflict ? 'conflict' : 'merge';
}

function takeUpstream(entry: PullEntry): ItemOutcome {
  if (entry.theirs === entry.base) return 'unchanged';
  if (entry.theirs === null) return 'delete';
  return entry.base === null ? 'create' : 'update';
}

function sideChange(base: string | null, now: string | null): SideChange {
  if (base === now) return 'unchanged';
  if (base === null) return 'added';
  return now === null ? 'deleted' : 'changed';
}

/** Where an item of the namespace lives inside the linked folder (the reverse of upstreamItemFor). */
export function folderFileFor(namespace: string, path: string, kind: ItemKind): string {
  const full = fileNameFor(path, kind);
  return full.slice(namespace.split('.').join('/').length + 1);
}

import { create } from 'zustand';
import type { LockRecord } from '../../src-shared/links/lock.js';
import type { PullContentEntry } from '../../src-shared/links/pull-plan.js';
import type { SetAsideRecord } from '../../src-shared/links/pull-set-aside.js';
import type { PullPreview, PullStrategy } from '../../src-shared/links/preview.js';
import type { PullResult } from '../links/pull-apply.js';
import type { UpstreamFact } from '../../src-shared/links/status.js';

/** The dry-run of a pull, shown under the table: what each strategy would do, item by item. */
export interface ShownPreview {
  namespace: string;
  target: LockRecord;
  preview: PullPreview;
  /** What the preview was made from; applying plans from exactly this (src-shared/links/pull-plan.ts). */
  entries: PullContentEntry[];
  /** Each item's head when previewed (by path): the pull builds on these, so a later edit is never overwritten. */
  heads: Record<string, string>;
}

/** The last pull applied, for the result line under the preview. */
export interface ShownPullResult {
  namespace: string;
  strategy: PullStrategy;
  target: LockRecord;
  result: PullResult;
}

/**
 * What main told about linked namespaces: upstream's last answer per
 * namespace, and upstream's files at each lock (by item path). The locks
 * themselves are items (`<namespace>._link`) and are read from the
 * workspace, never copied here.
 */
export interface LinksState {
  open: boolean;
  /** The namespace whose details are shown under the table. */
  selected: string | null;
  upstream: Record<string, UpstreamFact | null>;
  /** Keyed by `${namespace}@${commit}`: upstream's content of each item at that commit. */
  atLock: Record<string, Record<string, string>>;
  preview: ShownPreview | null;
  /** The strategy picked for the next pull. */
  strategy: PullStrategy;
  pulled: ShownPullResult | null;
  /** Local edits overwrite and stash pulls set aside, restorable from the details. */
  setAside: SetAsideRecord[];
  busy: boolean;
  error: string | null;
  /** The namespace whose preview found upstream out of reach (its pull may wait in the queue). */
  upstreamOut: string | null;
  show(open: boolean): void;
  select(namespace: string | null): void;
  pickStrategy(strategy: PullStrategy): void;
}

export const useLinks = create<LinksState>()((set) => ({
  open: false,
  selected: null,
  upstream: {},
  atLock: {},
  preview: null,
  strategy: 'merge',
  pulled: null,
  setAside: [],
  busy: false,
  error: null,
  upstreamOut: null,
  show: (open) =>
    set({ open, ...(open ? {} : { selected: null, error: null, preview: null, pulled: null }) }),
  select: (selected) =>
    set((s) => ({
      selected,
      preview: s.preview?.namespace === selected ? s.preview : null,
      pulled: s.pulled?.namespace === selected ? s.pulled : null,
    })),
  pickStrategy: (strategy) => set({ strategy }),
}));

export function atLockKey(namespace: string, commit: string): string {
  return `${namespace}@${commit}`;
}

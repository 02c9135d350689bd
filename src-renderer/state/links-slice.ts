import { create } from 'zustand';
import type { LockRecord } from '../../src-shared/links/lock.js';
import type { PullPreview } from '../../src-shared/links/preview.js';
import type { UpstreamFact } from '../../src-shared/links/status.js';

/** The dry-run of a pull, shown under the table: what each strategy would do, item by item. */
export interface ShownPreview {
  namespace: string;
  target: LockRecord;
  preview: PullPreview;
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
  busy: boolean;
  error: string | null;
  show(open: boolean): void;
  select(namespace: string | null): void;
}

export const useLinks = create<LinksState>()((set) => ({
  open: false,
  selected: null,
  upstream: {},
  atLock: {},
  preview: null,
  busy: false,
  error: null,
  show: (open) => set({ open, ...(open ? {} : { selected: null, error: null, preview: null }) }),
  select: (selected) =>
    set((s) => ({ selected, preview: s.preview?.namespace === selected ? s.preview : null })),
}));

export function atLockKey(namespace: string, commit: string): string {
  return `${namespace}@${commit}`;
}

import type { ViewIndex } from '../../src-shared/dag/index.js';
import type { Branch, ItemState, Namespace } from '../../src-shared/model/index.js';
import {
  deriveNamespaces,
  sortBranches,
  splitByDeletion,
  type NamespaceInfo,
} from '../../src-shared/workspace-rules/index.js';

/** Everything the UI renders from, as one immutable value per change. */
export interface WorkspaceSnapshot {
  /** 'main' or a branch id. */
  branchId: string;
  /** Null on main. */
  branch: Branch | null;
  /** Visible live items, sorted by path. */
  items: ItemState[];
  /** Deleted items (for undo / restore), sorted by path. */
  deletedItems: ItemState[];
  /** Every prefix of every live item path plus the explicit records, sorted. */
  namespaces: NamespaceInfo[];
  /** Open branches first, then merged, then abandoned. */
  branches: Branch[];
  conflicts: ItemState[];
  /** Ops on any branch the server has not acknowledged. */
  unsyncedOpCount: number;
  /** Grows on every change. */
  version: number;
}

export interface SnapshotInput {
  branchId: string;
  branch: Branch | null;
  view: ViewIndex;
  branches: readonly Branch[];
  namespaces: readonly Namespace[];
  unsyncedOpCount: number;
  version: number;
}

export function buildSnapshot(input: SnapshotInput): WorkspaceSnapshot {
  const { live, deleted } = splitByDeletion(input.view.items());
  return Object.freeze({
    branchId: input.branchId,
    branch: input.branch,
    items: live,
    deletedItems: deleted,
    namespaces: deriveNamespaces(
      live.map((item) => item.path),
      input.namespaces,
    ),
    branches: sortBranches(input.branches),
    conflicts: input.view.conflicts(),
    unsyncedOpCount: input.unsyncedOpCount,
    version: input.version,
  });
}

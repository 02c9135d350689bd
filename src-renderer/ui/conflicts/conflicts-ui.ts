import { create } from 'zustand';
import type { ItemSnapshot } from '../../../src-shared/model/index.js';
import type { ResolveSession } from '../../../src-shared/conflicts/index.js';

/** Where a resolver's result goes: a merge op on the item's branch, or a branch-merge resolution. */
export type ResolveTarget = { kind: 'item'; branchId: string } | { kind: 'branch-merge'; branchId: string };

export type ConflictsScreen =
  | { kind: 'inbox'; tab: 'open' | 'auto' }
  | { kind: 'resolver'; session: ResolveSession; target: ResolveTarget; path: string; notice?: string }
  | { kind: 'branch-merge'; branchId: string };

interface ConflictsUi {
  screen: ConflictsScreen | null;
  /** Results chosen for branch-merge conflicts, by item id, while the merge preview is open. */
  mergeResolutions: Record<string, ItemSnapshot>;
  show: (screen: ConflictsScreen | null) => void;
  setMergeResolution: (itemId: string, result: ItemSnapshot | null) => void;
  clearMergeResolutions: () => void;
}

export const useConflictsUi = create<ConflictsUi>()((set) => ({
  screen: null,
  mergeResolutions: {},
  show: (screen) => set({ screen }),
  setMergeResolution: (itemId, result) =>
    set((s) => {
      const next = { ...s.mergeResolutions };
      if (result) next[itemId] = result;
      else delete next[itemId];
      return { mergeResolutions: next };
    }),
  clearMergeResolutions: () => set({ mergeResolutions: {} }),
}));

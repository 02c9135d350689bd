import { create } from 'zustand';

export type ApprovalsTab = 'mine' | 'review';

/** Which approvals screen is open, and which namespace's owners dialog. */
export const useApprovalsUi = create<{
  tab: ApprovalsTab | null;
  ownersFor: string | null;
  show: (tab: ApprovalsTab | null) => void;
  editOwners: (path: string | null) => void;
}>()((set) => ({
  tab: null,
  ownersFor: null,
  show: (tab) => set({ tab }),
  editOwners: (ownersFor) => set({ ownersFor }),
}));

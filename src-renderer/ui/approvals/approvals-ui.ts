import { create } from 'zustand';

export type ApprovalsTab = 'mine' | 'review';

/** Where the approvals screen is: a list tab, one request under review, or the request composer. */
export type ApprovalsScreen =
  | { kind: 'list'; tab: ApprovalsTab }
  | { kind: 'review'; requestId: string }
  /** A new request (requestId null) or the draft / rejected request being edited. */
  | { kind: 'compose'; requestId: string | null };

/** Which approvals screen is open, and which namespace's owners dialog. */
export const useApprovalsUi = create<{
  screen: ApprovalsScreen | null;
  ownersFor: string | null;
  /** Opens a list tab (null closes the screen). */
  show: (tab: ApprovalsTab | null) => void;
  open: (screen: ApprovalsScreen) => void;
  editOwners: (path: string | null) => void;
}>()((set) => ({
  screen: null,
  ownersFor: null,
  show: (tab) => set({ screen: tab ? { kind: 'list', tab } : null }),
  open: (screen) => set({ screen }),
  editOwners: (ownersFor) => set({ ownersFor }),
}));

/** The list tab a screen belongs to, for "← Back". */
export function tabOf(screen: ApprovalsScreen): ApprovalsTab {
  if (screen.kind === 'list') return screen.tab;
  return screen.kind === 'review' ? 'review' : 'mine';
}

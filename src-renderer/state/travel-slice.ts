import { create } from 'zustand';

/** The travel mode dialog (opened from the status bar, the in-page tray, the app menu or the tray). */
export const useTravelDialog = create<{ open: boolean; setOpen: (open: boolean) => void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));

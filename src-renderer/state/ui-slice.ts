import { create } from 'zustand';
import type { SyncSummary } from '../sync/types.js';
import type { ListView } from './selectors.js';

export type ThemePreference = 'light' | 'dark' | 'system';
export const THEME_SETTING_KEY = 'ui.theme';

/** At most one dialog is open; each carries what it was opened for. */
export type DialogState =
  | { kind: 'new-item'; namespace: string }
  | { kind: 'rename'; itemId: string }
  | { kind: 'move'; itemId: string }
  | { kind: 'new-namespace'; parent: string }
  | { kind: 'new-branch' }
  | { kind: 'abandon-branch'; branchId: string }
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'connection' }
  | { kind: 'queue' }
  | SyncDialogState;

/** The sync dialogs (src-renderer/ui/sync/): preview, a sync's details, a branch's sync settings and people. */
export type SyncDialogState =
  | { kind: 'sync-preview'; branchId: string }
  | { kind: 'sync-summary'; summary: SyncSummary }
  | { kind: 'branch-settings'; branchId: string }
  | { kind: 'branch-people'; branchId: string };

export type EditorTab = 'content' | 'history';

/** UI-only state. Workspace data is never copied here: components select it from the snapshot. */
export interface UiState {
  view: ListView;
  selectedItemId: string | null;
  filter: string;
  collapsed: Record<string, boolean>;
  dialog: DialogState | null;
  branchMenuOpen: boolean;
  statusPopoverOpen: boolean;
  editorTab: EditorTab;
  /** The op shown read-only in the History tab. */
  historyOpId: string | null;
  theme: ThemePreference;
  /** Items deleted in this session, newest last, for Ctrl+Z in the list. */
  deletedStack: string[];

  setView: (view: ListView) => void;
  selectItem: (itemId: string | null) => void;
  setFilter: (filter: string) => void;
  toggleCollapsed: (path: string) => void;
  setCollapsed: (path: string, collapsed: boolean) => void;
  openDialog: (dialog: DialogState) => void;
  closeDialog: () => void;
  setBranchMenuOpen: (open: boolean) => void;
  setStatusPopoverOpen: (open: boolean) => void;
  setEditorTab: (tab: EditorTab) => void;
  setHistoryOp: (opId: string | null) => void;
  setTheme: (theme: ThemePreference) => void;
  pushDeleted: (itemId: string) => void;
  /** Takes the newest deletion off the stack (or a given one, when undone from its toast). */
  takeDeleted: (itemId?: string) => string | null;
}

export const useUi = create<UiState>()((set, get) => ({
  view: { kind: 'all' },
  selectedItemId: null,
  filter: '',
  collapsed: {},
  dialog: null,
  branchMenuOpen: false,
  statusPopoverOpen: false,
  editorTab: 'content',
  historyOpId: null,
  theme: 'system',
  deletedStack: [],

  setView: (view) => set({ view }),
  selectItem: (selectedItemId) =>
    set((s) => (s.selectedItemId === selectedItemId ? s : { selectedItemId, historyOpId: null })),
  setFilter: (filter) => set({ filter }),
  toggleCollapsed: (path) => set((s) => ({ collapsed: { ...s.collapsed, [path]: !s.collapsed[path] } })),
  setCollapsed: (path, value) => set((s) => ({ collapsed: { ...s.collapsed, [path]: value } })),
  openDialog: (dialog) => set({ dialog, branchMenuOpen: false, statusPopoverOpen: false }),
  closeDialog: () => set({ dialog: null }),
  setBranchMenuOpen: (branchMenuOpen) => set({ branchMenuOpen, statusPopoverOpen: false }),
  setStatusPopoverOpen: (statusPopoverOpen) => set({ statusPopoverOpen, branchMenuOpen: false }),
  setEditorTab: (editorTab) => set({ editorTab }),
  setHistoryOp: (historyOpId) => set({ historyOpId }),
  setTheme: (theme) => set({ theme }),
  pushDeleted: (itemId) =>
    set((s) => ({ deletedStack: [...s.deletedStack.filter((id) => id !== itemId), itemId] })),
  takeDeleted: (itemId) => {
    const stack = get().deletedStack;
    const taken = itemId ?? stack[stack.length - 1] ?? null;
    if (taken === null || !stack.includes(taken)) return null;
    set({ deletedStack: stack.filter((id) => id !== taken) });
    return taken;
  },
}));

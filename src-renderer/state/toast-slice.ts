import { create } from 'zustand';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
  action?: ToastAction;
  /** Further actions after `action` (a sync failure offers Retry and View details). */
  moreActions?: ToastAction[];
  /** Overrides the toast's data-testid (default "toast") for toasts tests look for by kind. */
  testId?: string;
}

export interface ToastState {
  toasts: Toast[];
  show: (toast: Omit<Toast, 'id'>, timeoutMs?: number) => number;
  dismiss: (id: number) => void;
}

const MAX_TOASTS = 4;
let nextId = 1;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show: (toast, timeoutMs = toast.tone === 'error' ? 10_000 : 7_000) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    if (timeoutMs > 0) setTimeout(() => get().dismiss(id), timeoutMs);
    return id;
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

/** Shorthand for the common error case. */
export function toastError(message: string): void {
  useToasts.getState().show({ message, tone: 'error' });
}

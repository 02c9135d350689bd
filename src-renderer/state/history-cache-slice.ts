import { create } from 'zustand';
import type { HistoryCache } from '../storage/history-cache.js';

/**
 * The history cache (storage limits) for the UI: null until boot opens it.
 * `version` moves whenever an item's history is evicted or fetched back, so
 * views that show "history removed" re-render.
 */
export const useHistoryCache = create<{ cache: HistoryCache | null; version: number }>()(() => ({
  cache: null,
  version: 0,
}));

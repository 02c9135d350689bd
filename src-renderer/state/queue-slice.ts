import { create } from 'zustand';
import { NO_HELD_OPS, type HeldOps } from '../../src-shared/status/unsynced.js';
import type { ImportResult } from '../sync/queue/local-work.js';
import type { QueueEntry } from '../../src-shared/model/index.js';
import type { QueueRow, QueueView } from '../sync/queue/view-model.js';

/** What the queue view asks of the outbox; set up once the database is open (app/queue-wiring.ts). */
export interface QueueService {
  retry(id: string): Promise<void>;
  retryAllFailed(): Promise<void>;
  /** Exports the entry's work to a file first; a cancelled save discards nothing. */
  discard(id: string): Promise<{ discarded: boolean; savedAs: string | null }>;
  /** Moves an entry onto another's place (above it going up, below it going down). */
  move(id: string, ontoId: string): Promise<void>;
  exportAll(): Promise<{ saved: boolean; savedAs: string | null }>;
  /** Brings back an exported file (idempotent: what is already here is skipped). */
  importFile(text: string): Promise<ImportResult>;
}

/**
 * The outbox as the UI sees it: its rows (refreshed on every queue or op
 * write) and the service that acts on it. The database owns the entries;
 * this slice only mirrors them so the view and the status bar re-render.
 */
export interface QueueSliceState {
  rows: QueueRow[];
  /** The whole queue, hidden entries included: a move is checked against it. */
  entries: QueueEntry[];
  /** Unsent ops the server refused or the user discarded: they wait for the user, not for a sync. */
  held: HeldOps;
  service: QueueService | null;
  /** The last action's result or refusal, shown in the view. */
  message: { kind: 'info' | 'error'; text: string } | null;
  setRows: (view: QueueView, held: HeldOps) => void;
  setService: (service: QueueService | null) => void;
  setMessage: (message: QueueSliceState['message']) => void;
}

export const useQueue = create<QueueSliceState>()((set) => ({
  rows: [],
  entries: [],
  held: NO_HELD_OPS,
  service: null,
  message: null,
  setRows: ({ rows, entries }, held) => set({ rows, entries, held }),
  setService: (service) => set({ service }),
  setMessage: (message) => set({ message }),
}));

/** Entries still to do (the status bar's "queue" count). */
export function useQueueSize(): number {
  return useQueue((s) => s.rows.length);
}

export function useFailedCount(): number {
  return useQueue((s) => s.rows.filter((row) => row.entry.status === 'failed').length);
}

/**
 * Failed queue entries make the app's state "sync failed" (with a pointer to
 * the queue), unless the engine already reports a failure of its own.
 */
export function withQueueFailures<
  T extends { syncPhase?: 'idle' | 'syncing' | 'failed'; syncError?: string | null },
>(fields: T, failed: number): T {
  if (failed === 0 || (fields.syncPhase ?? 'idle') !== 'idle') return fields;
  const what = failed === 1 ? '1 queued action was refused' : `${failed} queued actions were refused`;
  return { ...fields, syncPhase: 'failed', syncError: `${what} — see the sync queue` };
}

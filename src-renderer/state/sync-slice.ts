import { create } from 'zustand';
import type { ConnectionInfo } from '../../src-shared/bridge/index.js';
import type { Branch, MainPolicy } from '../../src-shared/model/index.js';
import type { UpdateCollaboratorsRequest } from '../../src-shared/sync-protocol/index.js';
import type { SyncEngineState, SyncPreview, SyncSummary } from '../sync/types.js';

/** What the UI asks of the sync engine (src-renderer/sync/), kept to the calls it makes. */
export interface SyncEngineApi {
  getState(): SyncEngineState;
  subscribe(listener: () => void): () => void;
  syncNow(branchId?: string): Promise<SyncSummary>;
  preview(branchId?: string): Promise<SyncPreview>;
  updateFromMain(branchId: string): Promise<{ conflicts: number }>;
  setMainPolicy(branchId: string, policy: MainPolicy): Promise<void>;
  /** The owner shares a branch or stops sharing it; online only, refusals in the server's words. */
  changeCollaborators(branchId: string, request: UpdateCollaboratorsRequest): Promise<Branch>;
  dismissNotice(id: string): void;
  /** Syncs the current branch and pushes what waits, quietly (periodic tick, travel mode off). */
  syncPending(): Promise<unknown>;
  /** True once main's whole history is local (travel mode checks the namespaces it keeps). */
  whenHistoryComplete(): Promise<boolean>;
  stop(): Promise<void>;
  /** Runs the outbox now (after a Retry in the queue view). */
  runQueue?(): Promise<unknown>;
  /** Sends queued approval submissions and pulls requests soon. */
  syncApprovalsSoon?(): void;
}

/**
 * The sync engine as the UI sees it: the running engine (null while no server
 * is configured or the connection is refused), its state mirrored on every
 * change, and the connection as main reports it. The engine owns the data;
 * this slice only lets components re-render when it changes.
 */
export interface SyncSliceState {
  engine: SyncEngineApi | null;
  /** False in a tab that shows the sync another tab of the profile runs (src-renderer/sync/leader/). */
  leads: boolean;
  engineState: SyncEngineState | null;
  connection: ConnectionInfo | null;
  setEngine: (engine: SyncEngineApi | null, leads?: boolean) => void;
  setEngineState: (state: SyncEngineState | null) => void;
  setConnection: (connection: ConnectionInfo) => void;
}

export const useSync = create<SyncSliceState>()((set) => ({
  engine: null,
  leads: true,
  engineState: null,
  connection: null,
  setEngine: (engine, leads = true) => set({ engine, leads, engineState: engine ? engine.getState() : null }),
  setEngineState: (engineState) => set({ engineState }),
  setConnection: (connection) => set({ connection }),
}));

/** When the given branch last synced on this computer, or null (never, or no engine). */
export function useLastSyncedAt(branchId: string): number | null {
  return useSync((s) => s.engineState?.lastSyncedAt[branchId] ?? null);
}

/** True while the server answers. */
export function useServerOnline(): boolean {
  return useSync((s) => s.connection?.state === 'online');
}

/**
 * Re-renders the caller when the sync engine starts or stops. Sync badges are
 * computed during render and read "local only" until a server is configured,
 * which changes no workspace data, so lists that show badges call this.
 */
export function useBadgeRefresh(): void {
  useSync((s) => s.engine !== null);
}

/** True when a server is configured, whether or not it answers right now. */
export function useServerConfigured(): boolean {
  return useSync((s) => s.connection !== null && s.connection.state !== 'none');
}

import { syncKeys } from '../../../src-shared/sync/keys.js';
import type { MetaStore } from '../../db/index.js';
import { logWarning } from '../../log/report.js';
import { QUIET_SYNC_STATE, type SyncEngineState } from '../types.js';

/** How often the leader writes its state while it changes (progress moves per batch). */
const WRITE_EVERY_MS = 200;

interface StateSource {
  getState(): SyncEngineState;
  subscribe(listener: () => void): () => void;
}

/**
 * The leader writes its engine's state to the database, so every other tab
 * of the profile shows the same status (status bar, tray, last synced)
 * without running sync itself. At most one write per WRITE_EVERY_MS, and the
 * last state always lands. Returns a stop that writes nothing more.
 */
export function shareLeaderState(meta: MetaStore, engine: StateSource): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const write = () => {
    timer = null;
    if (stopped) return;
    meta
      .set(syncKeys.leaderState, engine.getState())
      .catch((err: unknown) => logWarning('Could not share the sync state with other tabs', err));
  };
  const unsubscribe = engine.subscribe(() => {
    timer ??= setTimeout(write, WRITE_EVERY_MS);
  });
  write(); // at once: replaces what a leader that closed or crashed left behind
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/** The leader's last shared state, or a quiet one when none is readable yet. */
export async function readLeaderState(meta: MetaStore): Promise<SyncEngineState> {
  const stored = await meta.get<unknown>(syncKeys.leaderState);
  return isEngineState(stored) ? stored : QUIET_SYNC_STATE;
}

/** Written by our own leader; checked only enough that a damaged row shows as quiet, not as a crash. */
function isEngineState(value: unknown): value is SyncEngineState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Record<keyof SyncEngineState, unknown>>;
  return (
    typeof v.progress === 'object' &&
    v.progress !== null &&
    typeof v.lastSyncedAt === 'object' &&
    v.lastSyncedAt !== null &&
    Array.isArray(v.notices) &&
    (v.error === null || typeof v.error === 'string') &&
    typeof v.historyComplete === 'boolean'
  );
}

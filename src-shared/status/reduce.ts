import type { AppStatus, LocalStatus, LocalStatusReport, SyncState } from '../bridge/status.js';
import { plural } from '../text/plural.js';

/** What main's connection monitor and sync runner know about the server. */
export interface Connectivity {
  /** The connection monitor's last verdict: can the server be reached right now? */
  online: boolean;
  /** A sync round is running. */
  syncing: boolean;
  /** Why the last sync round failed; null again once a round succeeds. */
  lastError: string | null;
  /**
   * The operating system's (and the page's) network signal. False means no
   * network at all: offline at once, without waiting for the heartbeat. Unset = up.
   */
  networkUp?: boolean;
  /**
   * The sync strategy: with manual or periodic, waiting work is not "being
   * synced" right now, and the message says when it will be. Unset = eager.
   */
  strategy?: 'eager' | 'periodic' | 'manual';
}

export const initialConnectivity: Connectivity = { online: false, syncing: false, lastError: null };

/** What main assumes until the renderer (which holds the database) first reports. */
export const emptyLocalStatus: LocalStatus = {
  unsyncedOps: 0,
  conflicts: 0,
  queueSize: 0,
  lastSyncedAt: null,
  syncPhase: 'idle',
  syncError: null,
};

/** A report with the optional sync fields filled in (callers that predate the sync engine omit them). */
export function completeReport(report: LocalStatusReport): LocalStatus {
  return {
    ...emptyLocalStatus,
    ...report,
    syncPhase: report.syncPhase ?? 'idle',
    syncError: report.syncError ?? null,
  };
}

function waiting(local: LocalStatus): string {
  return local.unsyncedOps > 0 ? ` — ${plural(local.unsyncedOps, 'change')} waiting to sync` : '';
}

const HELD_MANUAL = 'until you choose Sync now';
const HELD_PERIODIC = 'for the next periodic sync';

/** Work waits for the strategy (manual / periodic), nothing is running: not news for notifications. */
export function isHeldStatus(status: Pick<AppStatus, 'state' | 'message'>): boolean {
  return (
    status.state === 'syncing' &&
    (status.message.includes(HELD_MANUAL) || status.message.includes(HELD_PERIODIC))
  );
}

/**
 * The order of the checks is the product decision: no server beats everything
 * (there is nothing to sync with), the user's travel mode beats what the network
 * says, being offline beats an old failure (the failure cannot be retried
 * anyway), and a failure beats "syncing" so it is never hidden by a retry.
 */
function pickState(c: Connectivity, travelMode: boolean, serverConfigured: boolean, local: LocalStatus) {
  if (!serverConfigured)
    return { state: 'local-only', message: 'Local only — no server configured' } as const;
  if (travelMode) return { state: 'offline', message: `Travel mode — sync paused${waiting(local)}` } as const;
  if (c.networkUp === false) {
    const kept = waiting(local) || ' — changes are kept and will sync';
    return { state: 'offline', message: `Offline (no network)${kept}` } as const;
  }
  if (!c.online) {
    const kept = waiting(local) || ' — changes are kept and will sync';
    return { state: 'offline', message: `Offline${kept}` } as const;
  }
  // Main's own failure first, then the renderer's sync engine's.
  const failure = c.lastError ?? (local.syncPhase === 'failed' ? (local.syncError ?? 'unknown error') : null);
  if (failure !== null) return { state: 'failed', message: `Sync failed: ${failure}` } as const;
  const running = c.syncing || local.syncPhase === 'syncing';
  const held = !running && local.unsyncedOps > 0 && c.strategy !== undefined && c.strategy !== 'eager';
  if (held) {
    const when = c.strategy === 'manual' ? HELD_MANUAL : HELD_PERIODIC;
    return { state: 'syncing', message: `${plural(local.unsyncedOps, 'change')} waiting ${when}` } as const;
  }
  if (running || local.unsyncedOps > 0 || local.queueSize > 0) {
    const what = local.unsyncedOps > 0 ? ` ${plural(local.unsyncedOps, 'change')}` : '';
    return { state: 'syncing', message: `Syncing${what}…` } as const;
  }
  return { state: 'synced', message: 'Synced' } as const;
}

/**
 * The one place the app's sync status is decided. Main calls it whenever the
 * connectivity, travel mode, server setting or the renderer's report changes;
 * the status bar and the tray only display the result.
 */
export function reduceStatus(
  connectivity: Connectivity,
  travelMode: boolean,
  serverConfigured: boolean,
  local: LocalStatus,
): AppStatus {
  const picked: { state: SyncState; message: string } = pickState(
    connectivity,
    travelMode,
    serverConfigured,
    local,
  );
  // Conflicts never block a sync (they are data), but the user should always see them.
  const conflicts = local.conflicts > 0 ? ` · ${plural(local.conflicts, 'conflict')}` : '';
  const { unsyncedOps, queueSize, lastSyncedAt } = local;
  return {
    unsyncedOps,
    conflicts: local.conflicts,
    queueSize,
    lastSyncedAt,
    serverConfigured,
    travelMode,
    state: picked.state,
    message: picked.message + conflicts,
  };
}

/** Same status? Used to emit `status.changed` only when something a user can see changed. */
export function sameStatus(a: AppStatus, b: AppStatus): boolean {
  return (
    a.state === b.state &&
    a.message === b.message &&
    a.serverConfigured === b.serverConfigured &&
    a.travelMode === b.travelMode &&
    a.unsyncedOps === b.unsyncedOps &&
    a.conflicts === b.conflicts &&
    a.queueSize === b.queueSize &&
    a.lastSyncedAt === b.lastSyncedAt
  );
}

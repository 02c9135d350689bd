import type { Bridge, ConnectionInfo, LocalStatusReport } from '../../src-shared/bridge/index.js';
import { bridgeApprovalsApi } from '../bridge/approvals-api.js';
import { bridgeReleasesApi } from '../bridge/releases-api.js';
import { bridgeRemoteApi } from '../bridge/remote-api.js';
import type { TetherDb } from '../db/index.js';
import { useSync, type SyncEngineApi } from '../state/sync-slice.js';
import { startTabRole } from '../sync/leader/tab-role.js';
import type { ApprovalsApi } from '../../src-shared/sync/approvals-api.js';
import { connectSyncSettings, syncSettingsLoaded, useSyncSettings } from '../state/sync-settings-slice.js';
import { autoSyncAllowed, createStrategyFollower } from '../sync/strategy.js';
import { SyncEngine } from '../sync/index.js';
import type { SyncEngineState } from '../sync/types.js';
import { noticeNewSummary } from '../ui/sync/sync-actions.js';
import type { Identity, Workspace } from '../workspace/index.js';
import { startApprovalsWiring } from './approvals-wiring.js';
import { logError, logWarning } from '../log/report.js';

export interface SyncWiringDeps {
  bridge: Bridge;
  db: TetherDb;
  workspace: Workspace;
  identity: Identity;
}

/** The engine runs while a server is configured; a different server or user means a fresh engine. */
function engineKey(connection: ConnectionInfo): string | null {
  if (connection.state === 'none') return null;
  return `${connection.serverUrl ?? ''}\n${connection.userName ?? ''}`;
}

/**
 * Starts and stops the sync engine as main's connection comes and goes, and
 * mirrors its state into the sync slice. Boot calls this once the workspace
 * is open and does not wait for it: the items are usable before the first
 * sync. Returns a stop function for shutdown.
 */
export function startSyncWiring(deps: SyncWiringDeps): () => Promise<void> {
  let runningKey: string | null = null;
  let detachEngine: (() => void) | null = null;
  let stopTabRole: (() => Promise<void>) | null = null;
  let stopped = false;
  // Start and stop one at a time, in the order the connection changed.
  let chain: Promise<void> = Promise.resolve();

  const stopEngine = async () => {
    const stopRole = stopTabRole;
    stopTabRole = null;
    detachEngine?.();
    detachEngine = null;
    runningKey = null;
    // Badges say "local only" again until an engine runs; setEngine re-renders the lists.
    deps.workspace.setServerConfigured(false);
    useSync.getState().setEngine(null);
    await stopRole?.();
  };

  const startEngine = (key: string) => {
    runningKey = key;
    const approvals = bridgeApprovalsApi(deps.bridge);
    // One tab of the profile runs the engine; the others follow it (src-renderer/sync/leader/).
    const stopRole = startTabRole({
      db: deps.db,
      channelName: `tether-sync-${deps.identity.instanceId}`,
      setServerConfigured: (on) => deps.workspace.setServerConfigured(on),
      startEngine: (shownElsewhere) => leaderEngine(deps, approvals, shownElsewhere),
      view: {
        branchId: () => deps.workspace.currentBranchId(),
        subscribe: (l) => deps.workspace.subscribe(l),
      },
      onEngine: (engine, leads) => {
        detachEngine?.();
        detachEngine = attachEngine(deps, engine, leads, approvals);
      },
    });
    stopTabRole = stopRole;
  };

  const apply = (connection: ConnectionInfo) => {
    useSync.getState().setConnection(connection);
    chain = chain
      .then(async () => {
        const key = engineKey(connection);
        await syncSettingsLoaded();
        if (stopped || key === runningKey) return;
        if (runningKey !== null) await stopEngine();
        if (key !== null) startEngine(key);
      })
      .catch((err: unknown) => logError('Sync could not start or stop', err));
  };

  const offSettings = connectSyncSettings(deps.bridge);
  const off = deps.bridge.on('connection.changed', apply);
  deps.bridge
    .call('connection.get')
    .then(apply)
    .catch((err: unknown) =>
      logWarning('Could not read the server connection; waiting for main to announce it', err),
    );

  return async () => {
    stopped = true;
    off();
    offSettings();
    await chain;
    await stopEngine();
  };
}

/** The engine itself, in the tab that leads: it follows the strategy and travel mode. */
function leaderEngine(
  deps: SyncWiringDeps,
  approvals: ApprovalsApi,
  shownElsewhere: () => readonly string[],
): SyncEngine {
  const engine = SyncEngine.start({
    db: deps.db,
    workspace: deps.workspace,
    remote: bridgeRemoteApi(deps.bridge),
    approvals,
    releases: bridgeReleasesApi(deps.bridge),
    identity: deps.identity,
    onRemoteChanged: (listener) => deps.bridge.on('remote.changed', listener),
    shownElsewhere,
    // The strategy and travel mode gate the engine from its first step.
    autoSync: autoSyncAllowed(useSyncSettings.getState().settings),
  });
  const strategy = createStrategyFollower(engine, useSyncSettings.getState().settings);
  const unstrategy = useSyncSettings.subscribe((s) => strategy.apply(s.settings));
  const stop = engine.stop.bind(engine);
  engine.stop = async () => {
    unstrategy();
    strategy.stop();
    await stop();
  };
  return engine;
}

/** Shows an engine (the leader's own, or a follower of it) in the UI; returns a detach. */
function attachEngine(
  deps: SyncWiringDeps,
  engine: SyncEngineApi,
  leads: boolean,
  approvals: ApprovalsApi,
): () => void {
  useSync.getState().setEngine(engine, leads);
  const unfollow = syncOnBranchSwitch(deps.workspace, engine);
  const unsubscribe = engine.subscribe(() => {
    const state = engine.getState();
    useSync.getState().setEngineState(state);
    noticeNewSummary(deps.workspace, state.lastSummary);
  });
  const stopApprovals = startApprovalsWiring({
    db: deps.db,
    api: approvals,
    user: deps.identity.userName,
    kick: () => engine.syncApprovalsSoon?.(),
  });
  return () => {
    unfollow();
    unsubscribe();
    stopApprovals();
  };
}

/**
 * Switching to a branch syncs it, so its "last synced" is true from the start
 * and a branch made online reaches the server at once. Quiet: the summary
 * toast shows only if something moved.
 */
function syncOnBranchSwitch(workspace: Workspace, engine: SyncEngineApi): () => void {
  let shown = workspace.getSnapshot().branchId;
  return workspace.subscribe(() => {
    const branchId = workspace.getSnapshot().branchId;
    if (branchId === shown) return;
    shown = branchId;
    // Offline, or refused: the engine retries on its own once the server answers again.
    if (useSync.getState().connection?.state !== 'online') return;
    // A failure is the engine's to show (its state carries the error) and to retry.
    engine.syncNow(branchId).catch(() => undefined);
  });
}

/** The sync part of the renderer's status report to main (tray, window title, status bar). */
export function syncReportFields(
  state: SyncEngineState | null,
  branchId: string,
): Pick<LocalStatusReport, 'lastSyncedAt' | 'syncPhase' | 'syncError'> {
  if (!state) return { lastSyncedAt: null, syncPhase: 'idle', syncError: null };
  // History fills in behind usable items, so it does not count as "syncing".
  const running = ['pushing', 'pulling', 'heads'].includes(state.progress.phase);
  return {
    lastSyncedAt: state.lastSyncedAt[branchId] ?? null,
    syncPhase: running ? 'syncing' : state.error ? 'failed' : 'idle',
    syncError: state.error,
  };
}

import type { Bridge } from '../../src-shared/bridge/index.js';
import { bridgeRemoteApi } from '../bridge/remote-api.js';
import type { TetherDb } from '../db/index.js';
import { useHistoryCache } from '../state/history-cache-slice.js';
import { useSyncSettings } from '../state/sync-settings-slice.js';
import { useSync } from '../state/sync-slice.js';
import { useUi } from '../state/ui-slice.js';
import { HistoryCache } from '../storage/history-cache.js';
import type { Identity, Workspace } from '../workspace/index.js';
import { logError } from '../log/report.js';

export interface HistoryCacheWiringDeps {
  bridge: Bridge;
  db: TetherDb;
  workspace: Workspace;
  identity: Identity;
}

/**
 * Opens the history cache (storage limits) behind the workspace: evicted
 * history is fetched through main's remote client while a sync engine runs
 * (a server is configured); the namespaces kept for travel are never
 * evicted; opening an item or editing it marks it used. Returns a stop.
 */
export function startHistoryCacheWiring(deps: HistoryCacheWiringDeps): () => Promise<void> {
  const remote = bridgeRemoteApi(deps.bridge);
  const stops: (() => void)[] = [];
  const opened = HistoryCache.open({
    db: deps.db,
    workspace: deps.workspace,
    userName: deps.identity.userName,
    remote: () => (useSync.getState().engine ? remote : null),
    pinned: () => useSyncSettings.getState().settings?.keepOffline ?? [],
    evictsOnItsOwn: () => deps.db.leadership.isLeader(),
  }).then((cache) => {
    useHistoryCache.setState({ cache });
    stops.push(
      cache.subscribe(() => useHistoryCache.setState((s) => ({ version: s.version + 1 }))),
      useUi.subscribe((s, before) => {
        if (s.selectedItemId && s.selectedItemId !== before.selectedItemId) cache.touch(s.selectedItemId);
      }),
      // New ops written here (edits, resolutions) mark their items used.
      deps.db.ops.changes((ops) => {
        for (const op of ops) if (op.serverSeq == null) cache.touch(op.itemId);
      }),
      followMarks(deps.db, cache),
    );
    return cache;
  });
  opened.catch((err: unknown) => logError('The history cache could not open', err));
  // Not awaited: the tab that leads evicts under storage pressure; asking starts the election.
  void deps.db.leadership.whenLeader().catch(() => undefined);
  return async () => {
    for (const stop of stops.splice(0)) stop();
    const cache = await opened.catch(() => null);
    await cache?.stop();
    useHistoryCache.setState({ cache: null });
  };
}

/** How long meta writes are gathered before the eviction marks are read again (checkpoints write often). */
const MARKS_REREAD_MS = 500;

/** Another tab's eviction (or fetch back) shows here: the marks are read again after meta writes. */
function followMarks(db: TetherDb, cache: HistoryCache): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = db.meta.changes(() => {
    timer ??= setTimeout(() => {
      timer = null;
      cache.reloadMarks().catch((err: unknown) => logError('Could not read the history eviction marks', err));
    }, MARKS_REREAD_MS);
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}

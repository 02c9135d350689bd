import type { Bridge } from '../../src-shared/bridge/index.js';
import { getBridge } from '../bridge/index.js';
import { openTetherDb, type TetherDb } from '../db/index.js';
import { Workspace } from '../workspace/index.js';
import { THEME_SETTING_KEY, type ThemePreference } from '../state/ui-slice.js';
import type { AppServices } from '../state/workspace-store.js';
import { startQueueWiring } from './queue-wiring.js';
import { startSyncWiring } from './sync-wiring.js';
import { useReleases } from '../state/releases-slice.js';
import { releaseBookStore } from '../sync/releases-book.js';
import { releaseOutbox } from '../sync/releases-outbox.js';
import { startHistoryCacheWiring } from './history-cache-wiring.js';
import { startMirrorWiring } from '../mirror/mirror-wiring.js';
import { installConflictE2eHook } from '../ui/conflicts/e2e-hook.js';
import { isThemePreference } from './theme.js';

export type BootStep = 'bridge' | 'database' | 'workspace';

export const BOOT_STEP_LABELS: Record<BootStep, string> = {
  bridge: 'Connecting to Tether…',
  database: 'Opening the local database…',
  workspace: 'Loading your items…',
};

export interface Booted extends AppServices {
  theme: ThemePreference;
  db: TetherDb;
  /** Stops the sync engine and its connection watch (started once the workspace is open). */
  stopSync: () => Promise<void>;
}

/** A boot failure that knows which step failed, so the error screen can say so. */
export class BootError extends Error {
  constructor(
    readonly step: BootStep,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'BootError';
  }
}

async function step<T>(name: BootStep, onStep: (s: BootStep) => void, run: () => Promise<T>): Promise<T> {
  onStep(name);
  try {
    return await run();
  } catch (err) {
    throw new BootError(name, err);
  }
}

/**
 * bridge → app info → local database (named per instance) → workspace → saved
 * theme. If a later step fails the database is closed again, so Retry can
 * reopen it (RxDB refuses a second open of the same name in one page).
 */
export async function boot(onStep: (s: BootStep) => void): Promise<Booted> {
  const bridge: Bridge = await step('bridge', onStep, async () => getBridge());
  const info = await step('bridge', onStep, () => bridge.call('app.getInfo'));
  const db = await step('database', onStep, () => openTetherDb({ name: `tether-${info.instanceId}` }));
  try {
    const workspace = await step('workspace', onStep, () =>
      Workspace.open({ db, identity: { userName: info.userName, instanceId: info.instanceId } }),
    );
    const saved = await workspace.getSetting<unknown>(THEME_SETTING_KEY, 'system').catch(() => 'system');
    // Not awaited: the items are usable before the first sync, which runs behind them.
    const identity = { userName: info.userName, instanceId: info.instanceId };
    const stopSyncWiring = startSyncWiring({ bridge, db, workspace, identity });
    const stopQueue = startQueueWiring({ bridge, info, db, identity });
    const stopHistoryCache = startHistoryCacheWiring({ bridge, db, workspace, identity });
    // Release writes made offline wait in the outbox (the releases screen queues them there).
    useReleases.getState().setOutbox(releaseOutbox(db));
    void useReleases.getState().setBookStore(releaseBookStore(db.meta));
    const stopMirror = startMirrorWiring(bridge, workspace, db);
    const stopSync = async () => {
      useReleases.getState().setOutbox(null);
      void useReleases.getState().setBookStore(null);
      stopMirror();
      stopQueue();
      await stopHistoryCache();
      await stopSyncWiring();
    };
    // Only in the e2e build (vite --mode e2e): the product build drops this call and the hook with it.
    if (import.meta.env.MODE === 'e2e') installConflictE2eHook(db, workspace);
    return { bridge, info, workspace, db, stopSync, theme: isThemePreference(saved) ? saved : 'system' };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

import type { SyncSettings } from '../../src-shared/bridge/sync-settings.js';

/** What the engine needs from the settings (kept small so tests can stand in). */
export interface StrategyTarget {
  setAutoSync(on: boolean): void;
  syncPending(): Promise<unknown>;
}

/** Eager syncing on its own only with the eager strategy and travel mode off. */
export function autoSyncAllowed(settings: SyncSettings | null): boolean {
  return !settings || (settings.strategy === 'eager' && !settings.travelMode);
}

/** The periodic tick, or null when there is none (eager, manual, travel mode). */
export function periodicIntervalMs(settings: SyncSettings | null): number | null {
  if (!settings || settings.travelMode || settings.strategy !== 'periodic') return null;
  return settings.intervalMinutes * 60_000;
}

/**
 * Makes the engine obey the strategy and travel mode: the gate for eager
 * syncing, the periodic timer, and one sync when travel mode is switched off
 * (whatever the strategy: coming back is an explicit request to sync).
 */
export function createStrategyFollower(engine: StrategyTarget, initial: SyncSettings | null) {
  let current = initial;
  let timer: ReturnType<typeof setInterval> | null = null;
  const restartTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
    const every = periodicIntervalMs(current);
    if (every !== null) timer = setInterval(() => void engine.syncPending(), every);
  };
  restartTimer();
  return {
    apply(next: SyncSettings | null) {
      const cameBack = current?.travelMode === true && next?.travelMode === false;
      const timing = periodicIntervalMs(current) !== periodicIntervalMs(next);
      current = next;
      engine.setAutoSync(autoSyncAllowed(next));
      if (timing) restartTimer();
      if (cameBack && !autoSyncAllowed(next)) void engine.syncPending(); // eager syncs on the gate opening
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

import type { Bridge } from '../../../src-shared/bridge/index.js';
import { describeError } from '../../app/errors.js';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useSync } from '../../state/sync-slice.js';
import { toastError } from '../../state/toast-slice.js';
import { useTravelDialog } from '../../state/travel-slice.js';

/** The one switch, from anywhere: off at once; on asks first (the dialog). */
export function toggleTravelMode(bridge: Bridge): void {
  if (useSyncSettings.getState().settings?.travelMode) void setTravelMode(bridge, false);
  else useTravelDialog.getState().setOpen(true);
}

export async function setTravelMode(bridge: Bridge, on: boolean, keepOffline?: string[]): Promise<boolean> {
  try {
    const settings = await bridge.call('travel.set', { on, keepOffline });
    // No toast: the switch and the status bar say it, and the sync that follows is notified.
    useSyncSettings.getState().setSettings(settings);
    return true;
  } catch (err) {
    toastError(describeError(err, on ? "Couldn't turn on travel mode" : "Couldn't turn off travel mode"));
    return false;
  }
}

/**
 * Makes the chosen namespaces complete before travelling: pulls main now and
 * waits for the history fill. False when that cannot finish (offline, refused).
 */
export async function makeAvailableOffline(chosen: readonly string[] = []): Promise<boolean> {
  const engine = useSync.getState().engine;
  if (!engine) return true; // no server: everything is local already
  try {
    await engine.syncNow('main');
    if (!(await engine.whenHistoryComplete())) return false;
    // History removed to free space comes back for the namespaces kept offline.
    return (await useHistoryCache.getState().cache?.fetchWithin(chosen)) ?? true;
  } catch {
    return false;
  }
}

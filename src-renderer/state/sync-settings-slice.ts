import { create } from 'zustand';
import type { Bridge, SyncSettings } from '../../src-shared/bridge/index.js';

/** Main's sync settings (strategy, travel mode, namespaces kept offline); null until first heard. */
export interface SyncSettingsState {
  settings: SyncSettings | null;
  setSettings: (settings: SyncSettings) => void;
}

export const useSyncSettings = create<SyncSettingsState>()((set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
}));

let loaded: Promise<SyncSettings | null> | null = null;

/**
 * Feeds the slice from main: the settings now, then every change. The sync
 * engine waits for `syncSettingsLoaded` so travel mode or a manual strategy
 * holds from its first step.
 */
export function connectSyncSettings(bridge: Bridge): () => void {
  const { setSettings } = useSyncSettings.getState();
  const off = bridge.on('sync.settingsChanged', setSettings);
  loaded = bridge.call('sync.getSettings').then(
    (settings) => {
      setSettings(settings);
      return settings;
    },
    () => null, // an older host without settings: the engine runs eagerly, as before
  );
  return off;
}

export function syncSettingsLoaded(): Promise<SyncSettings | null> {
  return loaded ?? Promise.resolve(useSyncSettings.getState().settings);
}

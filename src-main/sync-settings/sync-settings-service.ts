import {
  SyncSettingsSchema,
  type SyncSettings,
  type SyncStrategyPatch,
  type TravelRequest,
} from '../../src-shared/bridge/sync-settings.js';
import type { ConnectionService } from '../remote/connection-service.js';
import type { StatusService } from '../status/status-service.js';
import { readSyncSettings, writeSyncSettings } from './settings-file.js';

export interface SyncSettingsService {
  get(): SyncSettings;
  setStrategy(patch: SyncStrategyPatch): Promise<SyncSettings>;
  setTravel(request: TravelRequest): Promise<SyncSettings>;
  onChange(listener: (settings: SyncSettings) => void): () => void;
}

/** Loaded before the connection starts, so travel mode is in force before the first request. */
export async function loadSyncSettings(
  dataDir: string,
  warn?: (message: string) => void,
): Promise<SyncSettings> {
  return readSyncSettings(dataDir, warn);
}

/**
 * Owns travel mode and the sync strategy: persists every change before it
 * takes effect, pauses or resumes the connection (the remote client refuses
 * with 'offline' and the live stream closes), and tells the status service,
 * so the status bar, tray and renderer's engine hear it in one place.
 */
export function createSyncSettingsService(opts: {
  dataDir: string;
  initial: SyncSettings;
  connection: ConnectionService;
  status: StatusService;
}): SyncSettingsService {
  let current = opts.initial;
  const listeners = new Set<(settings: SyncSettings) => void>();
  opts.status.setTravelMode(current.travelMode);
  opts.status.setConnectivity({ strategy: current.strategy });

  const commit = async (next: SyncSettings) => {
    const parsed = SyncSettingsSchema.parse(next);
    await writeSyncSettings(opts.dataDir, parsed); // saved first: a restart keeps what the user chose
    const travelChanged = parsed.travelMode !== current.travelMode;
    current = parsed;
    if (travelChanged) {
      opts.connection.setPaused(parsed.travelMode);
      opts.status.setTravelMode(parsed.travelMode);
    }
    opts.status.setConnectivity({ strategy: parsed.strategy });
    for (const listener of [...listeners]) listener(current);
    return current;
  };

  // Settings changes are applied one at a time, in the order asked.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };

  return {
    get: () => current,
    setStrategy: (patch) =>
      serial(() =>
        commit({
          ...current,
          strategy: patch.strategy,
          intervalMinutes: patch.intervalMinutes ?? current.intervalMinutes,
        }),
      ),
    setTravel: (request) =>
      serial(() =>
        commit({
          ...current,
          travelMode: request.on,
          keepOffline: request.keepOffline ?? current.keepOffline,
        }),
      ),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

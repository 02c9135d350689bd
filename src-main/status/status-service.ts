import type { AppStatus, LocalStatus, LocalStatusReport } from '../../src-shared/bridge/status.js';
import {
  completeReport,
  emptyLocalStatus,
  initialConnectivity,
  reduceStatus,
  sameStatus,
  type Connectivity,
} from '../../src-shared/status/reduce.js';

/**
 * Holds the inputs of the app status and re-reduces on every change. Main's
 * services (connection monitor, sync runner, travel mode) and the renderer's
 * report are the inputs; listeners (the bridge, the tray) hear only real changes.
 */
export interface StatusService {
  get(): AppStatus;
  report(local: LocalStatusReport): void;
  setConnectivity(patch: Partial<Connectivity>): void;
  setTravelMode(on: boolean): void;
  setServerConfigured(on: boolean): void;
  onChange(listener: (status: AppStatus) => void): () => void;
}

export function createStatusService(opts: { serverConfigured?: boolean } = {}): StatusService {
  let connectivity: Connectivity = initialConnectivity;
  let travelMode = false;
  let serverConfigured = opts.serverConfigured ?? false;
  let local: LocalStatus = emptyLocalStatus;
  let current = reduceStatus(connectivity, travelMode, serverConfigured, local);
  const listeners = new Set<(status: AppStatus) => void>();

  const update = () => {
    const next = reduceStatus(connectivity, travelMode, serverConfigured, local);
    if (sameStatus(current, next)) return;
    current = next;
    for (const listener of [...listeners]) listener(current);
  };

  return {
    get: () => current,
    report(next) {
      local = completeReport(next);
      update();
    },
    setConnectivity(patch) {
      connectivity = { ...connectivity, ...patch };
      update();
    },
    setTravelMode(on) {
      travelMode = on;
      update();
    },
    setServerConfigured(on) {
      serverConfigured = on;
      update();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import type { ConnectionService } from './connection-service.js';
import type { StatusService } from '../status/status-service.js';

/**
 * The operating system's word on the network, from every source that has
 * one (Electron's net module, each page's navigator.onLine). One source
 * saying "no network" is enough for offline at once, without waiting for
 * the heartbeat; a "back" makes the connection check the server now.
 */
export interface NetworkSignal {
  report(source: string, online: boolean): void;
}

export function createNetworkSignal(status: StatusService, connection: ConnectionService): NetworkSignal {
  const sources = new Map<string, boolean>();
  let up = true;
  return {
    report(source, online) {
      sources.set(source, online);
      const next = [...sources.values()].every(Boolean);
      if (next === up) return;
      up = next;
      status.setConnectivity({ networkUp: up });
      if (up) connection.checkNow();
    },
  };
}

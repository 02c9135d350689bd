import type { AppStatus, SyncState } from '../../src-shared/bridge/status.js';

export type TrayIconName = 'synced' | 'syncing' | 'offline' | 'failed';

/**
 * Local-only shows the neutral grey "offline" icon: nothing is being synced,
 * and a green tick would wrongly suggest the work is safe on a server.
 */
export function trayIconName(state: SyncState): TrayIconName {
  return state === 'local-only' ? 'offline' : state;
}

function lastSync(at: number | null, now: number): string {
  if (at === null) return 'never synced';
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'last sync just now';
  if (minutes < 60) return `last sync ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `last sync ${hours} h ago` : `last sync ${Math.floor(hours / 24)} days ago`;
}

/** The tray tooltip: the status message, the queue size and when the last sync was. */
export function trayTooltip(status: AppStatus, now: number): string {
  const lines = [`Tether — ${status.message}`];
  if (status.serverConfigured)
    lines.push(`${status.queueSize} queued · ${lastSync(status.lastSyncedAt, now)}`);
  else if (status.queueSize > 0) lines.push(`${status.queueSize} queued`);
  return lines.join('\n');
}

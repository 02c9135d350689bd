import type { AppStatus, SyncState } from '../bridge/status.js';

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

/**
 * The tray tooltip: the status message, the queue size and when the last
 * sync was, then the folder mirror's line when a folder is set
 * (src-shared/mirror/folder-status.ts, trayFolderLine).
 */
export function trayTooltip(status: AppStatus, now: number, folderLine: string | null = null): string {
  const lines = [`Tether — ${status.message}`];
  if (status.serverConfigured)
    lines.push(`${status.queueSize} queued · ${lastSync(status.lastSyncedAt, now)}`);
  else if (status.queueSize > 0) lines.push(`${status.queueSize} queued`);
  if (folderLine) lines.push(folderLine);
  return lines.join('\n');
}

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "5 minutes ago", "2 hours ago", "3 days ago"; under a minute is "just now". */
export function agoText(at: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${unit(minutes, 'minute')} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${unit(hours, 'hour')} ago`;
  return `${unit(Math.floor(hours / 24), 'day')} ago`;
}

/**
 * The status bar's last-sync line. A workspace that never reached a server
 * says so plainly (offline: its work was created offline; online: its first
 * sync is running or about to); an old sync while offline says "(offline)"
 * so the age is not mistaken for a stuck sync.
 */
export function lastSyncedLine(status: Pick<AppStatus, 'lastSyncedAt' | 'state'>, now: number): string {
  if (status.lastSyncedAt === null) {
    if (status.state === 'syncing') return 'First sync running…';
    if (status.state === 'synced' || status.state === 'failed') return 'Not synced yet';
    return 'Never synced (created offline)';
  }
  const offline = status.state === 'offline' ? ' (offline)' : '';
  return `Last synced: ${agoText(status.lastSyncedAt, now)}${offline}`;
}

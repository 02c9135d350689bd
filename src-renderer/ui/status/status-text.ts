import type { AppStatus, SyncState } from '../../../src-shared/bridge/index.js';

export const STATE_LABELS: Record<SyncState, string> = {
  'local-only': 'Local only',
  synced: 'Synced',
  syncing: 'Syncing',
  offline: 'Offline',
  failed: 'Sync failed',
};

/** The status bar's sentence; before main's first report, say that rather than guess. */
export function statusMessage(status: AppStatus | null): string {
  if (!status) return 'Checking status…';
  return status.message || STATE_LABELS[status.state];
}

/** "Never synced" / "Last synced 5 min ago" from a timestamp and a relative formatter. */
export function lastSyncedText(at: number | null, relative: (ms: number) => string): string {
  return at == null ? 'Never synced' : `Last synced ${relative(at)}`;
}

import type { AppStatus } from '../bridge/status.js';
import type { NotificationActionId } from '../bridge/sync-settings.js';
import { isHeldStatus } from '../status/reduce.js';
import { plural } from '../text/plural.js';

/** What the notifications look at: main's reduced status plus the engine's "closed elsewhere" notices. */
export interface NotifyInput {
  status: AppStatus;
  branchesMergedElsewhere: readonly { id: string; branchName: string; by: string | null }[];
}

export interface SyncNotification {
  /** A later notification with the same key replaces the earlier one (coalescing). */
  key: string;
  title: string;
  body: string;
  tone: 'info' | 'success' | 'error';
  actions: { id: NotificationActionId; label: string }[];
}

/** What the planner remembers between two inputs. */
export interface NotifyMemory {
  /** The server was out of reach (or travel mode was on) since the last completed sync. */
  wasOffline: boolean;
  /** "Syncing N operations…" is on screen and waits for its "complete". */
  announcedSyncing: boolean;
  /** The failure already announced; the same failure again stays quiet. */
  lastFailure: string | null;
  /** Notices already announced. */
  seenNotices: readonly string[];
  /** Travel mode was on at the last input. */
  travelling?: boolean;
}

export const initialNotifyMemory: NotifyMemory = {
  wasOffline: false,
  announcedSyncing: false,
  lastFailure: null,
  seenNotices: [],
};

/** The one key the progress and completion share, so "complete" replaces "syncing". */
export const SYNC_PROGRESS_KEY = 'sync-progress';
export const SYNC_FAILED_KEY = 'sync-failed';
/** A single eager push is not news; a batch this large is, even without an offline spell. */
export const BIG_BATCH = 10;

/**
 * Counts ops only: the same unsynced-ops count the status bar shows and the
 * sync summary's "N pushed" counts down. Queue entries are not ops (one
 * push entry holds a branch's ops), so adding them counted some work twice.
 */
function syncingNote(ops: number): SyncNotification {
  return {
    key: SYNC_PROGRESS_KEY,
    title: 'Tether',
    body: ops > 0 ? `Syncing ${plural(ops, 'change')}…` : 'Syncing…',
    tone: 'info',
    actions: [],
  };
}

function completeNote(conflicts: number): SyncNotification {
  const detail = conflicts > 0 ? ` ${plural(conflicts, 'conflict')}` : '';
  return {
    key: SYNC_PROGRESS_KEY,
    title: 'Tether',
    body: `Sync complete.${detail}`,
    tone: conflicts > 0 ? 'info' : 'success',
    actions: [{ id: 'details', label: 'View details' }],
  };
}

function failedNote(message: string): SyncNotification {
  return {
    key: SYNC_FAILED_KEY,
    title: 'Tether — sync failed',
    body: message,
    tone: 'error',
    actions: [
      { id: 'retry', label: 'Retry' },
      { id: 'details', label: 'View details' },
    ],
  };
}

/** Offline and "no server" are states the status bar shows, never a notification. */
function quietState(memory: NotifyMemory, status: AppStatus): NotifyMemory {
  const offline = status.state === 'offline';
  return { ...memory, wasOffline: memory.wasOffline || offline, announcedSyncing: false, lastFailure: null };
}

function forStatus(memory: NotifyMemory, status: AppStatus): [NotifyMemory, SyncNotification[]] {
  switch (status.state) {
    case 'offline':
    case 'local-only':
      return [quietState(memory, status), []];
    case 'syncing': {
      // Held by the manual / periodic strategy: nothing is running, so nothing to announce.
      if (isHeldStatus(status)) return [{ ...memory, lastFailure: null }, []];
      const waiting = status.unsyncedOps + status.queueSize;
      const news = (memory.wasOffline || waiting >= BIG_BATCH) && waiting > 0 && !memory.announcedSyncing;
      if (!news) return [{ ...memory, lastFailure: null }, []];
      return [{ ...memory, announcedSyncing: true, lastFailure: null }, [syncingNote(status.unsyncedOps)]];
    }
    case 'synced': {
      const done = memory.announcedSyncing ? [completeNote(status.conflicts)] : [];
      return [{ ...memory, wasOffline: false, announcedSyncing: false, lastFailure: null }, done];
    }
    case 'failed': {
      // The conflict count rides on the message; a new count is not a new failure.
      const failure = status.message.replace(/ · \d+ conflicts?$/, '');
      if (memory.lastFailure === failure) return [memory, []];
      return [{ ...memory, announcedSyncing: false, lastFailure: failure }, [failedNote(failure)]];
    }
  }
}

function forNotices(memory: NotifyMemory, input: NotifyInput): [NotifyMemory, SyncNotification[]] {
  const fresh = input.branchesMergedElsewhere.filter((n) => !memory.seenNotices.includes(n.id));
  if (fresh.length === 0) return [memory, []];
  const notes = fresh.map<SyncNotification>((n) => ({
    key: `merged-${n.id}`,
    title: 'Tether',
    body: `Branch "${n.branchName}" was merged elsewhere${n.by ? ` by ${n.by}` : ''}.`,
    tone: 'info',
    actions: [{ id: 'open', label: 'Open' }],
  }));
  // Keep only ids still shown, so the memory stays small.
  const shown = input.branchesMergedElsewhere.map((n) => n.id);
  return [{ ...memory, seenNotices: shown }, notes];
}

/**
 * Decides which notifications a change of the sync status deserves. Pure: the
 * renderer feeds it main's reduced status (the same one the status bar and
 * the tray show) and delivers the result natively (Electron) or as toasts.
 */
export function planNotifications(
  memory: NotifyMemory,
  input: NotifyInput,
): { memory: NotifyMemory; notifications: SyncNotification[]; withdraw: string[] } {
  const [afterStatus, statusNotes] = forStatus(memory, input.status);
  const [afterNotices, noticeNotes] = forNotices(afterStatus, input);
  const travelling = input.status.travelMode;
  // Travel mode switched on: no sync runs, so "Syncing…", "Sync complete" or a failure is stale news.
  const withdraw = travelling && !memory.travelling ? [SYNC_PROGRESS_KEY, SYNC_FAILED_KEY] : [];
  return {
    memory: { ...afterNotices, travelling },
    notifications: [...statusNotes, ...noticeNotes],
    withdraw,
  };
}

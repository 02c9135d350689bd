import { unsyncedCounts, type UnsyncedCounts } from '../../src-shared/status/unsynced.js';
import { useShallow } from 'zustand/react/shallow';
import { useQueue } from './queue-slice.js';
import { useSnapshot } from './workspace-store.js';

/**
 * The unsynced counts every view shows (status bar, its details, the report
 * that feeds the tray): derived here from the op log and the outbox, never
 * copied, so they cannot disagree.
 */
export function useUnsyncedCounts(): UnsyncedCounts {
  const unacknowledged = useSnapshot().unsyncedOpCount;
  const held = useQueue(useShallow((s) => s.held)); // a fresh object on every refresh
  return unsyncedCounts(unacknowledged, held);
}

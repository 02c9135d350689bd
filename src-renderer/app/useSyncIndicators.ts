import { useEffect } from 'react';
import type { AppInfo, Bridge, NotificationActionId } from '../../src-shared/bridge/index.js';
import { startSyncNotifications } from '../notify/sync-notifier.js';
import { useUi } from '../state/ui-slice.js';
import { branchName, syncNow } from '../ui/sync/sync-actions.js';
import { toggleTravelMode } from '../ui/travel/travel-actions.js';
import type { Workspace } from '../workspace/index.js';

/** The page's network signal: main decides online/offline, this is one of its inputs. */
function reportNetwork(bridge: Bridge): () => void {
  const report = () =>
    void bridge.call('network.report', { online: navigator.onLine }).catch(() => undefined);
  report();
  window.addEventListener('online', report);
  window.addEventListener('offline', report);
  return () => {
    window.removeEventListener('online', report);
    window.removeEventListener('offline', report);
  };
}

/**
 * Connectivity, notifications and the tray's and app menu's sync commands:
 * everything the sync indicators need that is not a component.
 */
export function useSyncIndicators(bridge: Bridge, workspace: Workspace, shell: AppInfo['shell']): void {
  useEffect(() => reportNetwork(bridge), [bridge]);
  useEffect(() => {
    const onAction = (action: NotificationActionId) => {
      if (action === 'retry') void syncNow(workspace);
      else if (action === 'details') useUi.getState().setStatusPopoverOpen(true);
    };
    return startSyncNotifications({
      bridge,
      native: shell === 'electron',
      onAction,
      branchName: (id) => branchName(workspace, id),
    });
  }, [bridge, workspace, shell]);
  useEffect(
    () =>
      bridge.on('menu.command', (command) => {
        if (command === 'sync.now') void syncNow(workspace);
        else if (command === 'travel.open') toggleTravelMode(bridge);
        else if (command === 'status.details') useUi.getState().setStatusPopoverOpen(true);
      }),
    [bridge, workspace],
  );
}

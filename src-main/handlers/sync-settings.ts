import { BridgeError, type HandlerMap } from '../../src-shared/bridge/contract.js';
import type { NativeNotification } from '../../src-shared/bridge/sync-settings.js';
import type { NetworkSignal } from '../remote/network-signal.js';
import type { SyncSettingsService } from '../sync-settings/sync-settings-service.js';

/** Shows a notification through the OS (Electron); absent in browser mode. */
export interface NativeNotifier {
  show(notification: NativeNotification): void;
}

export function createSyncSettingsHandlers(deps: {
  syncSettings: SyncSettingsService;
  network: NetworkSignal;
  notifier: NativeNotifier | null;
}): HandlerMap<'sync.getSettings' | 'sync.setStrategy' | 'travel.set' | 'network.report' | 'notify.show'> {
  return {
    'sync.getSettings': async () => deps.syncSettings.get(),
    'sync.setStrategy': (patch) => deps.syncSettings.setStrategy(patch),
    'travel.set': (request) => deps.syncSettings.setTravel(request),
    'network.report': async ({ online }) => {
      deps.network.report('page', online);
      return undefined;
    },
    'notify.show': async (notification) => {
      if (!deps.notifier)
        throw new BridgeError({
          code: 'bad_request',
          message: 'Native notifications exist only in the desktop app; browser mode shows them in the page',
          retryable: false,
        });
      deps.notifier.show(notification);
      return undefined;
    },
  };
}

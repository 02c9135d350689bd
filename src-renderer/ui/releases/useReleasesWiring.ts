import { useEffect } from 'react';
import { bridgeReleasesApi } from '../../bridge/releases-api.js';
import { startReleaseNotifier } from '../../notify/release-notifier.js';
import { useReleases } from '../../state/releases-slice.js';
import { useServerConfigured } from '../../state/sync-slice.js';
import { useServices } from '../../state/workspace-store.js';

/** Releases live on the team server: connect the slice while one is configured, and hear promotions. */
export function useReleasesWiring(): void {
  const { bridge, info } = useServices();
  const configured = useServerConfigured();
  useEffect(() => {
    useReleases.getState().connect(configured ? bridgeReleasesApi(bridge) : null, info.userName);
    if (!configured) return;
    return startReleaseNotifier(bridge, info.userName);
  }, [bridge, info.userName, configured]);
}

import type { Bridge } from '../../src-shared/bridge/index.js';
import { newlyPromoted, promotionNotice } from '../../src-shared/releases/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { bridgeReleasesApi } from '../bridge/releases-api.js';
import { useReleases } from '../state/releases-slice.js';
import { useToasts } from '../state/toast-slice.js';

/**
 * Tells this person when someone else promotes a release they can see: the
 * server announces every release write on the live stream ('releases'), and
 * a reconnect's hello counts as one too. Each announcement re-reads the
 * releases (and the open releases screen), one read at a time.
 */
export function startReleaseNotifier(bridge: Bridge, user: string): () => void {
  const api = bridgeReleasesApi(bridge);
  let seen: Map<string, Release['status']> | null = null;
  let reading = false;
  let again = false;
  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      const { releases } = await api.listReleases({});
      if (seen) for (const release of newlyPromoted(seen, releases, user)) announce(release);
      seen = new Map(releases.map((release) => [release.id, release.status]));
      await useReleases.getState().refresh();
    } catch {
      // Offline or no server: the next hello of the live stream reads again.
    } finally {
      reading = false;
      if (again) {
        again = false;
        void read();
      }
    }
  };
  const stop = bridge.on('remote.changed', (changed) => {
    if (changed.topics.includes('releases')) void read();
  });
  void read();
  return stop;
}

function announce(release: Release): void {
  const namespace = release.namespaces[0] ?? '';
  useToasts.getState().show({
    message: promotionNotice(release),
    tone: 'info',
    testId: 'release-toast',
    action: { label: 'Open', run: () => useReleases.getState().openRelease(namespace, release.id) },
  });
}

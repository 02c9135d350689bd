import { useEffect, useMemo } from 'react';
import type { Bridge } from '../../../src-shared/bridge/index.js';
import type { Release } from '../../../src-shared/sync-protocol/index.js';
import { bridgeReleasesApi } from '../../bridge/releases-api.js';
import { logWarning } from '../../log/report.js';
import { announceRelease, startReleaseNotifier, type SeenReleases } from '../../notify/release-notifier.js';
import { releaseTagger } from '../../notify/release-tagger.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useReleases } from '../../state/releases-slice.js';
import { useServerConfigured } from '../../state/sync-slice.js';
import { useServices } from '../../state/workspace-store.js';
import type { Workspace } from '../../workspace/index.js';

const SEEN_KEY = 'releases.seen';
const TAGGED_KEY = 'releases.tagged';

/**
 * Releases live on the team server (cloud, hybrid) or on this computer
 * (local): connect the slice while a server is configured, hear promotions,
 * and make every promoted release — the server's and local ones — a tag of
 * the mirror repository when git sync is on.
 */
export function useReleasesWiring(): void {
  const { bridge, info, workspace } = useServices();
  const configured = useServerConfigured();
  // One tagger for both sources, so two passes never run side by side.
  const tag = useMemo(() => tagReleases(bridge, workspace), [bridge, workspace]);
  useEffect(() => {
    useReleases.getState().setHeadsNow((namespaces) => mainHeads(workspace, namespaces));
    const tagKept = (book = useReleases.getState().book) =>
      void tag(book.releases.filter((r) => r.status === 'promoted'));
    tagKept();
    const stop = useReleases.subscribe((s, before) => s.book !== before.book && tagKept(s.book));
    return () => {
      stop();
      useReleases.getState().setHeadsNow(null);
    };
  }, [workspace, tag]);
  useEffect(() => {
    useReleases.getState().connect(configured ? bridgeReleasesApi(bridge) : null, info.userName);
    if (!configured) return;
    return startReleaseNotifier({
      api: bridgeReleasesApi(bridge),
      user: info.userName,
      onNews: (listener) =>
        bridge.on('remote.changed', (changed) => {
          if (changed.topics.includes('releases')) listener();
        }),
      seen: {
        load: () => workspace.getSetting<SeenReleases | undefined>(SEEN_KEY, undefined),
        save: (seen) => workspace.setSetting(SEEN_KEY, seen),
      },
      announce: announceRelease,
      promoted: (releases) => void tag(releases),
      afterRead: () => useReleases.getState().refresh(),
    });
  }, [bridge, info.userName, configured, workspace, tag]);
}

/** The mirror's tagger, fed by this computer's op log and history cache. */
function tagReleases(bridge: Bridge, workspace: Workspace) {
  return releaseTagger({
    gitOn: async () => (await bridge.call('mirror.status')).git.enabled,
    headsOf: async (release: Release) => {
      // Its ops are looked up next: read this computer's whole log first (booted from heads only).
      await workspace.loadWholeLog();
      const kept = useReleases.getState().book.releases.find((r) => r.id === release.id);
      return kept ? kept.heads : (await bridge.call('releases.get', { id: release.id })).heads;
    },
    op: (id) => workspace.op(id),
    refill: async (itemIds) => {
      const cache = useHistoryCache.getState().cache;
      for (const itemId of itemIds) await cache?.fetchHistory(itemId).catch(() => 'offline');
    },
    tag: async (tags) => (await bridge.call('git.tagRelease', { tags })).tags,
    tagged: {
      load: () => workspace.getSetting<string[]>(TAGGED_KEY, []),
      save: (ids) => workspace.setSetting(TAGGED_KEY, ids),
    },
    onError: (release, error) => logWarning(`Tagging release ${release.version} in the mirror`, error),
  });
}

/**
 * Main's item heads in `namespaces` as this computer has them: what a local
 * promotion freezes. Only from main (a branch's items are not the release's).
 */
export function mainHeads(workspace: Workspace, namespaces: readonly string[]) {
  const snapshot = workspace.getSnapshot();
  if (snapshot.branchId !== 'main') return 'Switch to main to promote: a release freezes main’s items';
  const inside = (path: string) => namespaces.some((ns) => path.startsWith(`${ns}.`));
  return snapshot.items
    .filter((item) => inside(item.path))
    .flatMap((item) => item.heads.map((opId) => ({ itemId: item.itemId, opId })));
}

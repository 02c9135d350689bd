import { newlyPromoted, promotionNotice } from '../../src-shared/releases/index.js';
import type { Release } from '../../src-shared/sync-protocol/index.js';
import { listAllReleases, type ReleasesApi } from '../../src-shared/sync/releases-api.js';
import { useReleases } from '../state/releases-slice.js';
import { useToasts } from '../state/toast-slice.js';

/** Release id → status as this person last saw it; kept in the local database across restarts. */
export type SeenReleases = Record<string, Release['status']>;

export interface ReleaseNotifierDeps {
  api: ReleasesApi;
  user: string;
  /** Hears the live stream's 'releases' news (a reconnect's hello counts too). */
  onNews(listener: () => void): () => void;
  seen: { load(): Promise<SeenReleases | undefined>; save(seen: SeenReleases): Promise<void> };
  announce(release: Release): void;
  /** Every read's promoted releases (the mirror tags them). */
  promoted?(releases: Release[]): void;
  /** After each read (the open releases screen reads again). */
  afterRead?(): Promise<void>;
}

/**
 * Tells this person when someone else promotes a release they can see: the
 * server announces every release write on the live stream, and each
 * announcement re-reads the list (every page), one read at a time. What was
 * seen is kept, so a promotion made while the app was closed is announced
 * once at the next start, and never again after that; on the very first
 * start nothing old is announced.
 */
export function startReleaseNotifier(deps: ReleaseNotifierDeps): () => void {
  let seen: SeenReleases | undefined | null = null;
  let reading = false;
  let again = false;
  let stopped = false;
  const read = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      if (seen === null) seen = await deps.seen.load();
      const releases = await listAllReleases(deps.api);
      if (stopped) return;
      if (seen)
        for (const release of newlyPromoted(new Map(Object.entries(seen)), releases, deps.user))
          deps.announce(release);
      seen = Object.fromEntries(releases.map((release) => [release.id, release.status]));
      await deps.seen.save(seen);
      deps.promoted?.(releases.filter((release) => release.status === 'promoted'));
      await deps.afterRead?.();
    } catch {
      // Offline or no server: the next hello of the live stream reads again.
    } finally {
      reading = false;
      if (again && !stopped) {
        again = false;
        void read();
      }
    }
  };
  const stop = deps.onNews(() => void read());
  void read();
  return () => {
    stopped = true;
    stop();
  };
}

/** The toast: "alice promoted Acme 2.0.0", with Open. */
export function announceRelease(release: Release): void {
  const namespace = release.namespaces[0] ?? '';
  useToasts.getState().show({
    message: promotionNotice(release),
    tone: 'info',
    testId: 'release-toast',
    action: { label: 'Open', run: () => useReleases.getState().openRelease(namespace, release.id) },
  });
}

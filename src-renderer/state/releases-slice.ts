import { useMemo } from 'react';
import { create } from 'zustand';
import {
  offerNextVersion,
  withQueuedWrites,
  type ReleaseWrite,
  type ShownRelease,
} from '../../src-shared/releases/index.js';
import type {
  ProofResult,
  Release,
  ReleaseChangeInput,
  ReleaseHead,
} from '../../src-shared/sync-protocol/index.js';
import type { ReleasesApi } from '../../src-shared/sync/releases-api.js';
import { queuedReleaseWrites, type ReleaseOutbox } from '../sync/releases-outbox.js';
import { newRandomId } from '../workspace/ids.js';
import { useQueue } from './queue-slice.js';
import { useSync } from './sync-slice.js';
import { useSyncSettings } from './sync-settings-slice.js';

/** Where the releases screen is. */
export type ReleasesScreen =
  | { kind: 'list' }
  | { kind: 'new' }
  | { kind: 'release'; id: string }
  /** The namespace read-only, as the release froze it. */
  | { kind: 'as-of'; id: string }
  | { kind: 'diff'; fromId: string; toId: string };

/** Someone else promoted the version first: who, when, and the version offered instead. */
export interface LostRace {
  releaseId: string;
  version: string;
  promotedBy: string;
  promotedAt: number;
  offered: string;
}

export interface NewProof {
  result: ProofResult;
  note: string;
  link: string | null;
}

/**
 * Releases of one namespace as the server has them (cloud mode: the server
 * is the source of truth, this slice re-reads it after every write and on
 * every 'releases' change of the live stream), and where the screen is.
 */
export interface ReleasesState {
  api: ReleasesApi | null;
  /** Where writes made offline wait (the durable queue); set once the database is open. */
  outbox: ReleaseOutbox | null;
  user: string;
  /** The namespace whose releases are shown; null while the screen is closed. */
  namespace: string | null;
  screen: ReleasesScreen;
  releases: Release[];
  /** The item heads each promoted release froze at, by release id, once read. */
  heads: Record<string, ReleaseHead[]>;
  busy: boolean;
  error: string | null;
  lost: LostRace | null;

  connect: (api: ReleasesApi | null, user: string) => void;
  setOutbox: (outbox: ReleaseOutbox | null) => void;
  open: (namespace: string) => void;
  /** Opens one release's page (from a notification). */
  openRelease: (namespace: string, id: string) => void;
  close: () => void;
  show: (screen: ReleasesScreen) => void;
  refresh: () => Promise<void>;
  loadHeads: (id: string) => Promise<ReleaseHead[] | null>;
  create: (version: string, changes?: ReleaseChangeInput[]) => Promise<Release | null>;
  addChange: (id: string, change: ReleaseChangeInput) => Promise<boolean>;
  addProof: (id: string, changeId: string, proof: NewProof) => Promise<boolean>;
  promote: (id: string) => Promise<void>;
  yank: (id: string, reason: string) => Promise<boolean>;
  /** A new draft at the offered version with the lost release's changes (not its proofs). */
  draftOffered: () => Promise<void>;
}

const newRequestId = () => newRandomId();

export const useReleases = create<ReleasesState>()((set, get) => {
  /** Runs one server call; its refusal is shown in the screen, in the server's words. */
  const attempt = async <T>(run: (api: ReleasesApi) => Promise<T>): Promise<T | null> => {
    const api = get().api;
    if (!api) {
      set({ error: 'Releases need a connection to the team server' });
      return null;
    }
    set({ busy: true, error: null });
    try {
      return await run(api);
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
      return null;
    } finally {
      set({ busy: false });
    }
  };
  const upsert = (release: Release) =>
    set((s) => ({
      releases: s.releases.some((r) => r.id === release.id)
        ? s.releases.map((r) => (r.id === release.id ? release : r))
        : [release, ...s.releases],
    }));
  const find = (id: string) => get().releases.find((r) => r.id === id);
  const shownReleases = () => shownFrom(get().releases, useQueue.getState().entries, get().user);
  const queueWrite = async (write: ReleaseWrite, title: string): Promise<boolean> => {
    const outbox = get().outbox;
    if (!outbox) {
      set({ error: 'The outbox is not open yet; try again in a moment' });
      return false;
    }
    await outbox.queue(write, title);
    set({ error: null });
    return true;
  };
  /** A change added to a draft the server has not got yet rewrites its queued creation. */
  const replaceLocalDraft = async (local: ShownRelease, change: ReleaseChangeInput): Promise<boolean> => {
    const outbox = get().outbox;
    if (!outbox) return false;
    const request = {
      requestId: newRequestId(),
      id: local.id,
      namespaces: local.namespaces,
      version: local.version,
      collaborators: local.collaborators,
      requiredProofs: local.requiredProofs,
      changes: [...local.changes.map(changeInput), change],
    };
    const replaced = await outbox.replaceCreate(
      { kind: 'create', request },
      `Draft release ${local.version}`,
    );
    if (!replaced) set({ error: 'The draft is on its way to the server; add the change once it is there' });
    return replaced;
  };

  return {
    api: null,
    outbox: null,
    user: '',
    namespace: null,
    screen: { kind: 'list' },
    releases: [],
    heads: {},
    busy: false,
    error: null,
    lost: null,

    connect: (api, user) => set({ api, user }),
    setOutbox: (outbox) => set({ outbox }),
    open: (namespace) => {
      set({ namespace, screen: { kind: 'list' }, releases: [], error: null, lost: null });
      void get().refresh();
    },
    openRelease: (namespace, id) => {
      set({ namespace, screen: { kind: 'release', id }, error: null, lost: null });
      void get().refresh();
    },
    close: () => set({ namespace: null, error: null, lost: null }),
    show: (screen) => {
      set({ screen, error: null, lost: screen.kind === 'release' ? get().lost : null });
      if (screen.kind === 'as-of') void get().loadHeads(screen.id);
      if (screen.kind === 'diff') for (const id of [screen.fromId, screen.toId]) void get().loadHeads(id);
    },

    refresh: async () => {
      const { api, namespace } = get();
      // Offline the last list stays (with the outbox's writes on it): no error for being offline.
      if (!api || namespace === null || !serverOnline()) return;
      try {
        const { releases } = await api.listReleases({ namespace });
        if (get().namespace === namespace) set({ releases });
      } catch (err) {
        set({ error: err instanceof Error ? err.message : String(err) });
      }
    },

    loadHeads: async (id) => {
      const known = get().heads[id];
      if (known) return known;
      const detail = await attempt((api) => api.getRelease(id));
      if (!detail) return null;
      upsert(detail.release);
      // Only a promoted release's heads are final; a draft's are empty and read again later.
      if (detail.release.status === 'promoted') set((s) => ({ heads: { ...s.heads, [id]: detail.heads } }));
      return detail.heads;
    },

    create: async (version, changes = []) => {
      const namespace = get().namespace;
      if (namespace === null) return null;
      const request = {
        requestId: newRequestId(),
        id: newRandomId(),
        namespaces: [namespace],
        version,
        collaborators: [],
        requiredProofs: 1,
        changes,
      };
      if (!serverOnline()) {
        if (!(await queueWrite({ kind: 'create', request }, `Draft release ${version}`))) return null;
        set({ screen: { kind: 'release', id: request.id }, lost: null, error: null });
        return null;
      }
      const created = await attempt((api) => api.createRelease(request));
      if (!created) return null;
      upsert(created.release);
      set({ screen: { kind: 'release', id: created.release.id }, lost: null });
      return created.release;
    },

    addChange: async (id, change) => {
      const local = shownReleases().find((r) => r.id === id && r.queued === 'local only');
      if (local) return replaceLocalDraft(local, change);
      const release = find(id);
      if (!release) return false;
      const changes = [...release.changes.map(changeInput), change];
      const updated = await attempt((api) =>
        api.updateRelease(id, { requestId: newRequestId(), seenRevision: release.revision, changes }),
      );
      if (updated) upsert(updated.release);
      else void get().refresh();
      return updated !== null;
    },

    addProof: async (id, changeId, proof) => {
      if (!serverOnline() || !find(id)) {
        const request = { requestId: newRequestId(), id: newRandomId(), changeId, ...proof };
        return queueWrite({ kind: 'proof', releaseId: id, request }, `Proof of ${changeId}`);
      }
      const added = await attempt((api) =>
        api.addProof(id, { requestId: newRequestId(), id: newRandomId(), changeId, ...proof }),
      );
      if (added) upsert(added.release);
      return added !== null;
    },

    promote: async (id) => {
      const shown = shownReleases().find((r) => r.id === id);
      if (shown && (!serverOnline() || shown.queued !== null)) {
        const sawChanges = shown.changes.map((change) => change.id);
        const write: ReleaseWrite = { kind: 'promote', releaseId: id, requestId: newRequestId(), sawChanges };
        await queueWrite(write, `Promote ${shown.version}`);
        return;
      }
      const release = find(id);
      if (!release) return;
      set({ lost: null });
      const promoted = await attempt((api) =>
        api.promoteRelease(id, { requestId: newRequestId(), seenRevision: release.revision }),
      );
      if (promoted) {
        upsert(promoted.release);
        return;
      }
      // Refused: read the server's state of it, which says whether someone else won the version.
      const error = get().error;
      await get().refresh();
      const now = find(id);
      if (now?.status === 'promoted' && now.promotedBy !== get().user) {
        set({ error: null, lost: lostRace(now, get().releases) });
      } else set({ error });
    },

    yank: async (id, reason) => {
      const yanked = await attempt((api) => api.yankRelease(id, { requestId: newRequestId(), reason }));
      if (yanked) upsert(yanked.release);
      return yanked !== null;
    },

    draftOffered: async () => {
      const lost = get().lost;
      const release = lost ? find(lost.releaseId) : undefined;
      if (!lost || !release) return;
      await get().create(lost.offered, release.changes.map(changeInput));
    },
  };
});

/** A change as a draft lists it (its proofs stay with the release they prove). */
export function changeInput(change: Release['changes'][number]): ReleaseChangeInput {
  return {
    id: change.id,
    type: change.type,
    ref: change.ref,
    title: change.title,
    assignee: change.assignee,
  };
}

function lostRace(release: Release, all: readonly Release[]): LostRace {
  const sameScope = all.filter((r) => r.namespaces.join(',') === release.namespaces.join(','));
  return {
    releaseId: release.id,
    version: release.version,
    promotedBy: release.promotedBy ?? '',
    promotedAt: release.promotedAt ?? 0,
    offered: offerNextVersion(
      release.version,
      sameScope.map((r) => r.version),
    ),
  };
}

/** The status a person reads: draft, promoted, or yanked (a promoted release that was withdrawn). */
export function releaseStatus(release: Release): 'draft' | 'promoted' | 'yanked' {
  if (release.yanked) return 'yanked';
  return release.status;
}

/** The server answers and travel mode is off: release writes go straight to it. */
const serverOnline = () =>
  useSync.getState().connection?.state === 'online' && !useSyncSettings.getState().settings?.travelMode;

/** Re-renders when release writes start or stop going straight to the server. */
export function useReleasesOnline(): boolean {
  const online = useSync((s) => s.connection?.state === 'online');
  const travel = useSyncSettings((s) => s.settings?.travelMode ?? false);
  return online && !travel;
}

function shownFrom(
  releases: readonly Release[],
  entries: Parameters<typeof queuedReleaseWrites>[0],
  user: string,
) {
  return withQueuedWrites(releases, queuedReleaseWrites(entries), user, Date.now());
}

/**
 * The releases of the open namespace as this person sees them: the server's,
 * with the writes waiting in the outbox folded on (derived, never stored).
 */
export function useShownReleases(): ShownRelease[] {
  const releases = useReleases((s) => s.releases);
  const user = useReleases((s) => s.user);
  const namespace = useReleases((s) => s.namespace);
  const entries = useQueue((s) => s.entries);
  return useMemo(
    () =>
      shownFrom(releases, entries, user).filter((release) =>
        release.namespaces.some((ns) => ns === namespace || ns.startsWith(`${namespace ?? ''}.`)),
      ),
    [releases, entries, user, namespace],
  );
}

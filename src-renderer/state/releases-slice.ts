import { useMemo } from 'react';
import { create } from 'zustand';
import {
  changeInput,
  DraftRefused,
  draftUpdate,
  EMPTY_BOOK,
  withPulled,
  modeOf,
  offerNextVersion,
  releaseIdOf,
  setMode,
  withBook,
  withQueuedWrites,
  writesToSend,
  writeToBook,
  type DraftEdit,
  type ListedRelease,
  type ProofFields,
  type ReleaseBook,
  type ReleaseMode,
  type ReleaseWrite,
} from '../../src-shared/releases/index.js';
import type { Release, ReleaseChangeInput, ReleaseHead } from '../../src-shared/sync-protocol/index.js';
import { listAllReleases, type ReleasesApi } from '../../src-shared/sync/releases-api.js';
import type { ReleaseBookStore } from '../sync/releases-book.js';
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

export type NewProof = ProofFields;

/** Main's item heads now in these namespaces (a local promotion freezes them), or why not. */
export type HeadsNow = (namespaces: readonly string[]) => ReleaseHead[] | string;

/**
 * Releases of one namespace as the server has them (cloud mode: the server
 * is the source of truth, this slice re-reads it after every write and on
 * every 'releases' change of the live stream), and where the screen is.
 */
export interface ReleasesState {
  api: ReleasesApi | null;
  /** Where writes made offline wait (the durable queue); set once the database is open. */
  outbox: ReleaseOutbox | null;
  /** This computer's releases (local, hybrid) and the mode per namespace, and where they are kept. */
  book: ReleaseBook;
  bookStore: ReleaseBookStore | null;
  headsNow: HeadsNow | null;
  user: string;
  /** The namespace whose releases are shown; null while the screen is closed. */
  namespace: string | null;
  screen: ReleasesScreen;
  /** The server's releases as last pulled (in cloud mode, on every change). */
  releases: Release[];
  /** The server's list as last read (hybrid mode reads it without pulling it); null when unknown. */
  latest: Release[] | null;
  /** The item heads each promoted release froze at, by release id, once read. */
  heads: Record<string, ReleaseHead[]>;
  busy: boolean;
  error: string | null;
  lost: LostRace | null;

  connect: (api: ReleasesApi | null, user: string) => void;
  setOutbox: (outbox: ReleaseOutbox | null) => void;
  setBookStore: (store: ReleaseBookStore | null) => Promise<void>;
  setHeadsNow: (headsNow: HeadsNow | null) => void;
  /** The mode of a namespace (cloud by default while a server is set up, else local). */
  modeOf: (namespace: string) => ReleaseMode;
  setMode: (namespace: string, mode: ReleaseMode) => Promise<void>;
  /** Hybrid: takes the server's latest list into the screen. */
  pull: () => Promise<void>;
  open: (namespace: string) => void;
  /** Opens one release's page (from a notification). */
  openRelease: (namespace: string, id: string) => void;
  close: () => void;
  show: (screen: ReleasesScreen) => void;
  refresh: () => Promise<void>;
  loadHeads: (id: string) => Promise<ReleaseHead[] | null>;
  create: (version: string, changes?: ReleaseChangeInput[]) => Promise<Release | null>;
  addChange: (id: string, change: ReleaseChangeInput) => Promise<boolean>;
  edit: (id: string, edit: DraftEdit) => Promise<boolean>;
  addProof: (id: string, changeId: string, proof: NewProof) => Promise<boolean>;
  /** Edits (fields) or deletes (null) one's own proof. */
  changeProof: (id: string, proofId: string, fields: ProofFields | null) => Promise<boolean>;
  /** Sends a draft kept on this computer to the server (cloud mode), proofs and all. */
  share: (id: string) => Promise<boolean>;
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
  const listed = () => listedFrom(get().releases, useQueue.getState().entries, get().user, get().book);
  const kept = (id: string) => get().book.releases.find((r) => r.id === id);
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
  /** A write to a release kept on this computer: saved before it shows as done. */
  const saveBook = async (book: ReleaseBook): Promise<boolean> => {
    const store = get().bookStore;
    if (!store) {
      set({ error: 'The local database is not open yet; try again in a moment' });
      return false;
    }
    await store.save(book);
    set({ book, error: null });
    return true;
  };
  const writeKept = async (write: ReleaseWrite, keptAs: 'local' | 'hybrid', heads?: ReleaseHead[]) => {
    const namespace =
      write.kind === 'create' ? write.request.namespaces[0] : kept(releaseIdOf(write))?.namespaces[0];
    const ctx = {
      user: get().user,
      now: Date.now(),
      usedVersions: usedVersions(listed(), namespace ?? ''),
      heads,
    };
    try {
      return await saveBook(writeToBook(get().book, write, keptAs, ctx));
    } catch (error) {
      if (!(error instanceof DraftRefused)) throw error;
      set({ error: error.message });
      return false;
    }
  };
  /** A write of a draft: kept here, straight to the server, or queued (offline, or not sent yet). */
  const writeDraft = async (
    id: string,
    write: ReleaseWrite,
    title: string,
    direct: (api: ReleasesApi, release: Release) => Promise<{ release: Release }>,
  ): Promise<boolean> => {
    const local = kept(id);
    if (local) return writeKept(write, local.kept);
    const shown = listed().find((r) => r.id === id);
    const release = find(id);
    if (!release || !serverOnline() || shown?.queued) return queueWrite(write, title);
    const done = await attempt((api) => direct(api, release));
    if (done) upsert(done.release);
    else void get().refresh();
    return done !== null;
  };

  /**
   * A namespace's screen opened: in hybrid mode it starts from what was last
   * pulled (others' releases come in only by Pull) and reads the server's list
   * for the status view; in cloud mode it reads the server's list (`clear`:
   * showing nothing of another namespace meanwhile).
   */
  const showFromStart = (namespace: string, clear: boolean) => {
    if (get().modeOf(namespace) === 'hybrid') {
      set({ releases: get().book.pulled[namespace] ?? [], latest: null });
      void get().refresh();
    } else {
      if (clear) set({ releases: [], latest: null });
      void get().pull();
    }
  };

  return {
    api: null,
    outbox: null,
    book: EMPTY_BOOK,
    bookStore: null,
    headsNow: null,
    user: '',
    namespace: null,
    screen: { kind: 'list' },
    releases: [],
    latest: null,
    heads: {},
    busy: false,
    error: null,
    lost: null,

    connect: (api, user) => set({ api, user }),
    setOutbox: (outbox) => set({ outbox }),
    setBookStore: async (store) => {
      set({ bookStore: store, book: store ? await store.load() : EMPTY_BOOK });
    },
    setHeadsNow: (headsNow) => set({ headsNow }),
    modeOf: (namespace) => modeOf(get().book, namespace, get().api ? 'cloud' : 'local'),
    setMode: async (namespace, mode) => {
      let book = setMode(get().book, namespace, mode);
      // Turning hybrid on: what the screen showed is what was last pulled.
      if (mode === 'hybrid' && get().namespace === namespace)
        book = withPulled(book, namespace, get().releases);
      if (await saveBook(book)) await get().refresh();
    },
    pull: async () => {
      await get().refresh();
      const { latest, namespace } = get();
      if (!latest) return;
      set({ releases: latest });
      if (namespace !== null && get().modeOf(namespace) === 'hybrid')
        await saveBook(withPulled(get().book, namespace, latest));
    },
    open: (namespace) => {
      set({ namespace, screen: { kind: 'list' }, error: null, lost: null });
      showFromStart(namespace, true);
    },
    openRelease: (namespace, id) => {
      set({ namespace, screen: { kind: 'release', id }, error: null, lost: null });
      showFromStart(namespace, false);
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
      // Local mode never asks the server anything.
      if (!api || namespace === null || !serverOnline() || get().modeOf(namespace) === 'local') return;
      try {
        const releases = await listAllReleases(api, namespace);
        if (get().namespace !== namespace) return;
        // Hybrid mode reads the server's list for the status view and pulls others' releases only
        // when asked; one's own that reached the server (a hybrid promotion sent) is taken in at once.
        if (get().modeOf(namespace) === 'hybrid')
          set({ latest: releases, releases: withOwn(get(), releases) });
        else set({ releases, latest: releases });
      } catch (err) {
        set({ error: err instanceof Error ? err.message : String(err) });
      }
    },

    loadHeads: async (id) => {
      const local = kept(id);
      if (local) {
        set((s) => ({ heads: { ...s.heads, [id]: local.heads } }));
        return local.heads;
      }
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
      const mode = get().modeOf(namespace);
      if (mode !== 'cloud' || !serverOnline()) {
        const write: ReleaseWrite = { kind: 'create', request };
        const ok =
          mode === 'cloud'
            ? await queueWrite(write, `Draft release ${version}`)
            : await writeKept(write, mode);
        if (ok) set({ screen: { kind: 'release', id: request.id }, lost: null, error: null });
        return null;
      }
      const created = await attempt((api) => api.createRelease(request));
      if (!created) return null;
      upsert(created.release);
      set({ screen: { kind: 'release', id: created.release.id }, lost: null });
      return created.release;
    },

    addChange: (id, change) => get().edit(id, { op: 'addChange', change }),

    edit: (id, edit) => {
      const write: ReleaseWrite = { kind: 'edit', releaseId: id, requestId: newRequestId(), edit };
      return writeDraft(id, write, editTitle(edit), (api, release) =>
        api.updateRelease(id, {
          requestId: write.requestId,
          seenRevision: release.revision,
          ...(draftUpdate(release, edit) ?? {}),
        }),
      );
    },

    addProof: (id, changeId, proof) => {
      const request = { requestId: newRequestId(), id: newRandomId(), changeId, ...proof };
      return writeDraft(id, { kind: 'proof', releaseId: id, request }, `Proof of ${changeId}`, (api) =>
        api.addProof(id, request),
      );
    },

    changeProof: (id, proofId, fields) => {
      const requestId = newRequestId();
      const write: ReleaseWrite = fields
        ? { kind: 'proofEdit', releaseId: id, proofId, request: { requestId, ...fields } }
        : { kind: 'proofDelete', releaseId: id, proofId, requestId };
      return writeDraft(id, write, fields ? 'Edit proof' : 'Delete proof', (api) =>
        fields
          ? api.editProof(id, proofId, { requestId, ...fields })
          : api.deleteProof(id, proofId, requestId),
      );
    },

    share: async (id) => {
      const local = kept(id);
      if (!local) return false;
      return sendKept(local, false);
    },

    promote: async (id) => {
      const local = kept(id);
      // The namespace's mode now decides (it may have changed since the draft was made).
      if (local && get().modeOf(local.namespaces[0] ?? '') === 'local') {
        const heads = get().headsNow?.(local.namespaces) ?? 'This computer cannot read its items yet';
        if (typeof heads === 'string') {
          set({ error: heads });
          return;
        }
        await writeKept(
          { kind: 'promote', releaseId: id, requestId: newRequestId(), sawChanges: [] },
          'local',
          heads,
        );
        return;
      }
      if (local) {
        await sendKept(local, true);
        return;
      }
      const shown = listed().find((r) => r.id === id);
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

  /**
   * A kept draft goes to the server through the queue, proofs and all (and,
   * for a hybrid promotion, the promotion last): the queue entries hold it
   * from now on, so it leaves the book once they are written.
   */
  async function sendKept(local: ReleaseBook['releases'][number], promote: boolean): Promise<boolean> {
    if (promote && !local.gate.ready) {
      set({ error: `Ready for promotion: no (${local.gate.reasons.join('; ')})` });
      return false;
    }
    const outbox = get().outbox;
    if (!outbox) {
      set({ error: 'The outbox is not open yet; try again in a moment' });
      return false;
    }
    for (const write of writesToSend(local, promote, newRequestId))
      await outbox.queue(
        write,
        write.kind === 'promote' ? `Promote ${local.version}` : `Send ${local.version}`,
      );
    return saveBook({ ...get().book, releases: get().book.releases.filter((r) => r.id !== local.id) });
  }
});

export { changeInput };

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

/** The releases this person sees: the server's with the outbox's writes on them, and the kept ones. */
function listedFrom(
  releases: readonly Release[],
  entries: Parameters<typeof queuedReleaseWrites>[0],
  user: string,
  book: ReleaseBook,
): ListedRelease[] {
  return withBook(withQueuedWrites(releases, queuedReleaseWrites(entries), user, Date.now()), book);
}

const inNamespace = (release: Release, namespace: string) =>
  release.namespaces.some((ns) => ns === namespace || ns.startsWith(`${namespace}.`));

/** Versions used in `namespace` as this computer knows them (the server's included). */
function usedVersions(listed: readonly ListedRelease[], namespace: string): string[] {
  const { latest } = useReleases.getState();
  return [...listed, ...(latest ?? [])].filter((r) => inNamespace(r, namespace)).map((r) => r.version);
}

/**
 * The pulled list with this person's own releases as the server has them now
 * (a hybrid promotion sent from here shows at once, and then as promoted).
 */
function withOwn(state: ReleasesState, latest: readonly Release[]): Release[] {
  const own = latest.filter((r) => r.createdBy === state.user);
  const ids = new Set(own.map((r) => r.id));
  return [...own, ...state.releases.filter((r) => !ids.has(r.id))];
}

function editTitle(edit: DraftEdit): string {
  if (edit.op === 'addChange') return `Add change ${edit.change.id}`;
  if (edit.op === 'removeChange') return `Remove change ${edit.changeId}`;
  return edit.op === 'collaborators' ? 'Change collaborators' : 'Change proofs needed';
}

/**
 * The releases of the open namespace as this person sees them: the server's,
 * with the writes waiting in the outbox folded on, and those kept on this
 * computer (derived, never stored). Local mode shows only the kept ones.
 */
export function useShownReleases(): ListedRelease[] {
  const releases = useReleases((s) => s.releases);
  const user = useReleases((s) => s.user);
  const namespace = useReleases((s) => s.namespace);
  const book = useReleases((s) => s.book);
  const local = useReleases((s) => s.namespace !== null && s.modeOf(s.namespace) === 'local');
  const entries = useQueue((s) => s.entries);
  return useMemo(
    () =>
      listedFrom(local ? [] : releases, entries, user, book).filter((release) =>
        inNamespace(release, namespace ?? ''),
      ),
    [releases, entries, user, namespace, book, local],
  );
}

import { linkStepOf } from '../../src-shared/links/push-queue.js';
import type { AppInfo, Bridge } from '../../src-shared/bridge/index.js';
import type { HeldOps } from '../../src-shared/status/unsynced.js';
import { localWorkFileName, type LocalWorkExport } from '../../src-shared/export/local-work.js';
import type { TetherDb } from '../db/index.js';
import { useQueue, type QueueService } from '../state/queue-slice.js';
import { useSync } from '../state/sync-slice.js';
import { gitStepOf } from '../../src-shared/mirror/git-queue.js';
import { discardEntry, moveQueueEntryOnto, retryAllFailed, retryEntry } from '../sync/queue/actions.js';
import { exportLocalWork, exportQueueEntry, importLocalWork } from '../sync/queue/local-work.js';
import { heldOps } from '../sync/queue/held-ops.js';
import { reconcilePushEntries } from '../sync/queue/push-entries.js';
import { queueRows, type QueueView } from '../sync/queue/view-model.js';
import type { Identity } from '../workspace/index.js';
import { saveTextFile } from './save-file.js';
import { logWarning } from '../log/report.js';

export interface QueueWiringDeps {
  bridge: Bridge;
  info: AppInfo;
  db: TetherDb;
  identity: Identity;
}

const REFRESH_MS = 100;

/**
 * Mirrors the outbox into the queue slice (on any queue or op write) and
 * gives the view its actions. Works with no server configured: the queue
 * is local, only running it needs the engine.
 */
export function startQueueWiring(deps: QueueWiringDeps): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const refresh = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      showQueue(deps.db)
        .then(({ view, held }) => useQueue.getState().setRows(view, held))
        .catch((err: unknown) => logWarning('The queue view could not refresh', err));
    }, REFRESH_MS);
  };
  const stops = [
    deps.db.queue.changes(refresh),
    deps.db.ops.changes(refresh),
    // A server configured (engine started) turns unsent ops into visible push entries.
    useSync.subscribe((s, prev) => {
      if (s.engine !== prev.engine || s.leads !== prev.leads) refresh();
    }),
  ];
  refresh();
  useQueue.getState().setService(queueService(deps));
  return () => {
    for (const stop of stops) stop();
    if (timer) clearTimeout(timer);
    useQueue.getState().setService(null);
  };
}

/**
 * With a server configured, unsent ops show as push entries at once, even
 * while the engine cannot run (offline, travel mode, manual sync). The
 * leading tab writes them (it hears every tab's ops); the others show them.
 */
async function showQueue(db: TetherDb): Promise<{ view: QueueView; held: HeldOps }> {
  const { engine, leads } = useSync.getState();
  if (engine && leads) await reconcilePushEntries(db, Date.now());
  const [view, held] = await Promise.all([queueRows(db, Date.now()), heldOps(db)]);
  return { view, held };
}

/** The engine runs retried entries now instead of at its next sync (no engine: they wait). */
function kickEngine(): void {
  const engine = useSync.getState().engine;
  engine?.runQueue?.().catch(() => undefined); // failures land on the entries themselves
}

function queueService(deps: QueueWiringDeps): QueueService {
  const save = async (file: LocalWorkExport) =>
    saveTextFile(
      deps.bridge,
      deps.info,
      localWorkFileName(file.reason, file.exportedAt),
      JSON.stringify(file, null, 2),
    );
  return {
    retry: async (id) => {
      await retryEntry(deps.db, id);
      kickEngine();
    },
    retryAllFailed: async () => {
      await retryAllFailed(deps.db);
      kickEngine();
    },
    discard: async (id) => {
      const entry = await deps.db.queue.get(id);
      // A git step holds no work: its commits stay in the folder, so there is nothing to save first.
      // Nor does a linked namespace's link or push: the edits stay as items.
      if (entry && (gitStepOf(entry) || linkStepOf(entry))) {
        await discardEntry(deps.db, id, Date.now());
        return { discarded: true, savedAs: null };
      }
      const saved = await save(await exportQueueEntry(deps.db, deps.identity, id, Date.now()));
      if (!saved.saved) return { discarded: false, savedAs: null };
      await discardEntry(deps.db, id, Date.now());
      return { discarded: true, savedAs: saved.path };
    },
    move: (id, ontoId) => moveQueueEntryOnto(deps.db, id, ontoId),
    exportAll: async () => {
      const saved = await save(await exportLocalWork(deps.db, deps.identity, 'manual', Date.now()));
      return { saved: saved.saved, savedAs: saved.path };
    },
    importFile: async (text) => {
      const result = await importLocalWork(deps.db, text);
      kickEngine();
      return result;
    },
  };
}

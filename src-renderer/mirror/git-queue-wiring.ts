import type { Bridge } from '../../src-shared/bridge/index.js';
import { gitQueueHold, type GitQueueHold } from '../../src-shared/mirror/git-queue.js';
import type { TetherDb } from '../db/index.js';
import { logWarning } from '../log/report.js';
import { useSyncSettings } from '../state/sync-settings-slice.js';
import { useSync } from '../state/sync-slice.js';
import { GitQueue } from './git-queue.js';

function currentHold(): GitQueueHold {
  return gitQueueHold({
    travelMode: useSyncSettings.getState().settings?.travelMode ?? false,
    connection: useSync.getState().connection?.state ?? null,
  });
}

/**
 * Starts the git entries' runner: main's auto-push requests become queue
 * entries; a queue write, travel mode going off or the connection coming
 * back runs them. Returns the runner (for the Pull / Push buttons) and a stop.
 */
export function startGitQueueWiring(bridge: Bridge, db: TetherDb): { queue: GitQueue; stop: () => void } {
  const queue = new GitQueue({
    db,
    runStep: (step) => bridge.call(step === 'push' ? 'git.push' : 'git.pull'),
    hold: currentHold,
  });
  let hold = currentHold();
  const onHoldMaybeChanged = () => {
    const next = currentHold();
    const cameBack = hold !== null && next === null;
    hold = next;
    if (cameBack)
      void queue.cameBack().catch((e: unknown) => logWarning('Git queue entries did not restart', e));
  };
  const stops = [
    bridge.on('git.networkRequested', ({ step }) => {
      void queue.request(step).catch((e: unknown) => logWarning(`Could not queue the git ${step}`, e));
    }),
    db.queue.changes(() => queue.kick()),
    useSyncSettings.subscribe(onHoldMaybeChanged),
    useSync.subscribe(onHoldMaybeChanged),
  ];
  queue.kick();
  return {
    queue,
    stop: () => {
      queue.stop();
      for (const stop of stops) stop();
    },
  };
}

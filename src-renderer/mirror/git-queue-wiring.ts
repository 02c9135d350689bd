import type { Bridge } from '../../src-shared/bridge/index.js';
import { gitQueueHold, type GitNetworkStep, type GitQueueHold } from '../../src-shared/mirror/git-queue.js';
import type { TetherDb } from '../db/index.js';
import { logWarning } from '../log/report.js';
import { useSyncSettings } from '../state/sync-settings-slice.js';
import { useSync } from '../state/sync-slice.js';
import { whileLeading } from '../sync/leader/while-leading.js';
import { GIT_STEPS, StepQueue, type GitQueue } from './git-queue.js';

/** currentHold for a component: re-rendered when travel mode or the connection changes. */
export function useHold(): GitQueueHold {
  const travelMode = useSyncSettings((s) => s.settings?.travelMode ?? false);
  const connection = useSync((s) => s.connection?.state ?? null);
  return gitQueueHold({ travelMode, connection });
}

/** Why main's queued steps (git, linked namespaces) wait now, or null. */
export function currentHold(): GitQueueHold {
  return gitQueueHold({
    travelMode: useSyncSettings.getState().settings?.travelMode ?? false,
    connection: useSync.getState().connection?.state ?? null,
  });
}

/**
 * Starts the git entries' runner: main's auto-push requests become queue
 * entries; a queue write, travel mode going off or the connection coming
 * back runs them. Only the leading tab of the profile does either (main asks
 * every tab); the others' Pull / Push buttons queue the step for it. Returns
 * the runner (for those buttons) and a stop.
 */
export function startGitQueueWiring(bridge: Bridge, db: TetherDb): { queue: GitQueue; stop: () => void } {
  const queue = new StepQueue({
    db,
    steps: GIT_STEPS,
    runStep: (step) => bridge.call(step === 'push' ? 'git.push' : 'git.pull'),
    hold: currentHold,
  });
  const ask = (step: GitNetworkStep) =>
    void queue.request(step).catch((e: unknown) => logWarning(`Could not queue the git ${step}`, e));
  const stopRequests = whileLeading(db.leadership, 'git requests', () => {
    const stop = bridge.on('git.networkRequested', ({ step }) => ask(step));
    // A push main asked for before this tab listened (release tags left from the last run).
    void bridge
      .call('mirror.status')
      .then((status) => status.git.pushAsked && ask('push'))
      .catch((e: unknown) => logWarning('Could not read whether main asked for a git push', e));
    return stop;
  });
  const stop = wireStepQueue(queue, db, 'Git');
  return {
    queue,
    stop: () => {
      stopRequests();
      stop();
    },
  };
}

/**
 * Runs a step runner's entries when they may go, in the leading tab only
 * (two tabs would run each entry twice): after a queue write, and when
 * travel mode goes off or the connection comes back (main's work needs no
 * Tether server, so only those hold it). Until this tab leads, it only
 * queues steps.
 */
export function wireStepQueue<S>(queue: StepQueue<S>, db: TetherDb, what: string): () => void {
  queue.follow();
  const stopLeading = whileLeading(db.leadership, `the ${what} queue`, () => {
    const stop = runWhenFree(queue, db, what);
    void queue.takeOver().catch((e: unknown) => logWarning(`${what} queue entries did not restart`, e));
    return stop;
  });
  return () => {
    stopLeading();
    queue.stop();
  };
}

function runWhenFree<S>(queue: StepQueue<S>, db: TetherDb, what: string): () => void {
  let hold = currentHold();
  const onHoldMaybeChanged = () => {
    const next = currentHold();
    const cameBack = hold !== null && next === null;
    hold = next;
    if (cameBack)
      void queue.cameBack().catch((e: unknown) => logWarning(`${what} queue entries did not restart`, e));
  };
  const stops = [
    db.queue.changes(() => queue.kick()),
    useSyncSettings.subscribe(onHoldMaybeChanged),
    useSync.subscribe(onHoldMaybeChanged),
  ];
  queue.kick();
  return () => {
    for (const stop of stops) stop();
  };
}

import type { TetherDb } from '../../db/index.js';
import { logError } from '../../log/report.js';
import type { SyncEngineApi } from '../../state/sync-slice.js';
import { FollowerEngine } from './follower-engine.js';
import { serveFollowers, type EngineTarget } from './relay.js';
import { readLeaderState, shareLeaderState } from './shared-state.js';
import { announceShownBranch, ShownBranches, type ShownView } from './shown-branches.js';

export interface TabRoleOptions {
  db: TetherDb;
  /** One per profile: the BroadcastChannel over which followers reach the leader. */
  channelName: string;
  /**
   * Starts this tab's own engine; called only once this tab leads.
   * `shownElsewhere` lists the branches the profile's other tabs show: news pulls them too.
   */
  startEngine: (shownElsewhere: () => readonly string[]) => SyncEngineApi & EngineTarget;
  /** This tab's branch view, announced to the leader while this tab follows. */
  view?: ShownView;
  /** The engine the UI should use now (a follower first, unless this tab leads at once). */
  onEngine: (engine: SyncEngineApi, leads: boolean) => void;
  /** Badges say "not yet synced" rather than "local only" while a server is configured. */
  setServerConfigured: (on: boolean) => void;
}

/**
 * One sync engine per database. The tab that leads (db.leadership) runs the
 * engine and the queue, shares its state through the database and answers
 * the other tabs' calls; every other tab follows, and takes over when the
 * leader closes or crashes. Returns a stop for this tab's part.
 */
export function startTabRole(opts: TabRoleOptions): () => Promise<void> {
  let current: SyncEngineApi | null = null;
  let follower: FollowerEngine | null = null;
  const stops: (() => void)[] = [];
  let stopped = false;

  let stopAnnouncing: (() => void) | null = null;

  const lead = () => {
    if (stopped) return;
    // This tab's own view is the engine's current branch: nothing to announce any more.
    stopAnnouncing?.();
    stopAnnouncing = null;
    const shown = new ShownBranches(opts.channelName);
    const engine = opts.startEngine(() => shown.list());
    stops.push(shareLeaderState(opts.db.meta, engine), serveFollowers(opts.channelName, engine), () =>
      shown.close(),
    );
    follower?.handOver(engine);
    follower = null;
    current = engine;
    opts.onEngine(engine, true);
  };

  if (opts.db.leadership.isLeader()) lead();
  else {
    opts.setServerConfigured(true);
    if (opts.view) stopAnnouncing = announceShownBranch(opts.channelName, opts.view);
    void readLeaderState(opts.db.meta).then((initial) => {
      if (stopped || current) return;
      follower = new FollowerEngine(opts.db.meta, opts.channelName, initial);
      current = follower;
      opts.onEngine(follower, false);
    });
    opts.db.leadership
      .whenLeader()
      .then(lead)
      .catch((err: unknown) => logError('This tab could not take over sync', err));
  }

  return async () => {
    stopped = true;
    stopAnnouncing?.();
    stopAnnouncing = null;
    for (const stop of stops.splice(0)) stop();
    await current?.stop();
    current = null;
  };
}

import type { TetherDb } from '../../db/index.js';
import { logError } from '../../log/report.js';
import type { SyncEngineApi } from '../../state/sync-slice.js';
import { FollowerEngine } from './follower-engine.js';
import { serveFollowers, type EngineTarget } from './relay.js';
import { readLeaderState, shareLeaderState } from './shared-state.js';

export interface TabRoleOptions {
  db: TetherDb;
  /** One per profile: the BroadcastChannel over which followers reach the leader. */
  channelName: string;
  /** Starts this tab's own engine; called only once this tab leads. */
  startEngine: () => SyncEngineApi & EngineTarget;
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

  const lead = () => {
    if (stopped) return;
    const engine = opts.startEngine();
    stops.push(shareLeaderState(opts.db.meta, engine), serveFollowers(opts.channelName, engine));
    follower?.handOver(engine);
    follower = null;
    current = engine;
    opts.onEngine(engine, true);
  };

  if (opts.db.leadership.isLeader()) lead();
  else {
    opts.setServerConfigured(true);
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
    for (const stop of stops.splice(0)) stop();
    await current?.stop();
    current = null;
  };
}

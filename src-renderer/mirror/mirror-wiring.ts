import { create } from 'zustand';
import type { MirrorSettings, MirrorStatus } from '../../src-shared/bridge/git.js';
import type { Bridge } from '../../src-shared/bridge/index.js';
import { logWarning } from '../log/report.js';
import type { Workspace } from '../workspace/index.js';
import type { TetherDb } from '../db/index.js';
import { startLinkQueueWiring } from '../links/link-queue.js';
import { startGitQueueWiring } from './git-queue-wiring.js';
import type { GitQueue } from './git-queue.js';
import { MirrorFeed, type MirrorPort } from './mirror-feed.js';
import { whileLeading } from '../sync/leader/while-leading.js';

/** Main's folder mirror as the UI shows it: status and settings, null until first heard. */
export interface MirrorState {
  status: MirrorStatus | null;
  settings: MirrorSettings | null;
  /** Runs git's network steps as sync queue entries (null before boot wires it). */
  gitQueue: GitQueue | null;
}

export const useMirror = create<MirrorState>()(() => ({ status: null, settings: null, gitQueue: null }));

/** The mirror's side of the bridge. */
export function bridgeMirrorPort(bridge: Bridge): MirrorPort {
  return {
    publish: (publish) => bridge.call('mirror.publish', publish),
    applied: (applied) => bridge.call('mirror.applied', applied),
    onChanges: (listener) => bridge.on('mirror.changes', listener),
  };
}

/**
 * Follows the mirror's status and settings in every tab, and in the tab that
 * leads the profile feeds its current branch view to main's folder mirror
 * (and turns the folder's changes into ops): two tabs feeding one folder
 * would write each change twice. Returns a stop.
 */
export function startMirrorWiring(bridge: Bridge, workspace: Workspace, db: TetherDb): () => void {
  const feed = new MirrorFeed(workspace, bridgeMirrorPort(bridge));
  let feeds = false;
  const git = startGitQueueWiring(bridge, db);
  useMirror.setState({ gitQueue: git.queue });
  // Linked namespaces' link and push steps: main's work too, queued the same way.
  const stopLinks = startLinkQueueWiring(bridge, workspace, db);
  // Without a folder nothing is sent (a large view is not copied to main for nothing);
  // a new folder gets the whole view again.
  const refeed = () => {
    const settings = useMirror.getState().settings;
    feed.stop();
    if (feeds && settings?.folder && settings.autoSync) feed.start();
  };
  const follow = (settings: MirrorSettings) => {
    useMirror.setState({ settings });
    refeed();
  };
  const stops = [
    bridge.on('mirror.statusChanged', (status) => useMirror.setState({ status })),
    bridge.on('mirror.settingsChanged', follow),
    whileLeading(db.leadership, 'the folder mirror', () => {
      feeds = true;
      refeed();
      return () => {
        feeds = false;
        feed.stop();
      };
    }),
  ];
  void Promise.all([bridge.call('mirror.status'), bridge.call('mirror.getSettings')]).then(
    ([status, settings]) => {
      useMirror.setState({ status });
      follow(settings);
    },
    (error: unknown) => logWarning('Could not read the folder mirror settings', error),
  );
  return () => {
    feed.stop();
    git.stop();
    stopLinks();
    useMirror.setState({ gitQueue: null });
    for (const stop of stops) stop();
  };
}

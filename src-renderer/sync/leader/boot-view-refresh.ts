import type { SyncEngineApi } from '../../state/sync-slice.js';
import type { Workspace } from '../../workspace/workspace.js';

/**
 * Tells the leader's workspace when its engine's history fill ends (the
 * state's historyComplete turns true), so the boot view is taken again at
 * the next quiet moment: the one taken after the heads would name every
 * item the fill wrote, and a start within the minute would read the whole
 * log. Returns a stop.
 */
export function refreshBootViewAfterHistory(
  engine: Pick<SyncEngineApi, 'getState' | 'subscribe'>,
  workspace: Pick<Workspace, 'historyFilled'>,
): () => void {
  let complete = engine.getState().historyComplete;
  return engine.subscribe(() => {
    const now = engine.getState().historyComplete;
    if (now && !complete) workspace.historyFilled();
    complete = now;
  });
}

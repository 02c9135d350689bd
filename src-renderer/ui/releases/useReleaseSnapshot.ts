import { useMemo } from 'react';
import { releaseSnapshot, type ReleaseSnapshot } from '../../../src-shared/releases/index.js';
import { useReleases } from '../../state/releases-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';

/** A promoted release's items from this machine's op log (null while its heads are being read). */
export function useReleaseSnapshot(id: string): ReleaseSnapshot | null {
  const heads = useReleases((s) => s.heads[id]);
  const workspace = useWorkspace();
  // Ops that arrive later (a pull) may fill in missing items: recompute on each workspace change.
  const version = useSnapshot().version;
  return useMemo(
    () => (heads ? releaseSnapshot((opId) => workspace.op(opId), heads) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the op log's content
    [heads, workspace, version],
  );
}

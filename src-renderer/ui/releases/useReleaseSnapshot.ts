import { useEffect, useMemo, useState } from 'react';
import { releaseSnapshot, type ReleaseSnapshot } from '../../../src-shared/releases/index.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useReleases } from '../../state/releases-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';

/** Fetching the release's items this computer lacks: under way, done, or the server did not answer. */
export type Refill = 'idle' | 'fetching' | 'offline';

/**
 * A promoted release's items from this machine's op log (null while its
 * heads are being read). Items whose frozen ops were evicted from the local
 * history cache are fetched back from the server; `retry` tries again.
 */
export function useReleaseSnapshot(id: string): {
  snap: ReleaseSnapshot | null;
  refill: Refill;
  retry: () => void;
} {
  const heads = useReleases((s) => s.heads[id]);
  const workspace = useWorkspace();
  const cache = useHistoryCache((s) => s.cache);
  // Ops that arrive later (a pull, a fetch) may fill in missing items: recompute on each workspace change.
  const version = useSnapshot().version;
  // Booted from heads only, the whole log is read first: an op missing then is really missing here.
  const whole = workspace.holdsWholeLog();
  useEffect(() => workspace.requestWholeLog(), [workspace]);
  const snap = useMemo(
    () => (heads && whole ? releaseSnapshot((opId) => workspace.op(opId), heads) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` stands for the op log's content
    [heads, workspace, version, whole],
  );
  const [attempt, setAttempt] = useState(0);
  const missing = snap?.missingItemIds.join(',') ?? '';
  const key = `${missing}#${attempt}`;
  const [done, setDone] = useState<{ key: string; offline: boolean } | null>(null);
  useEffect(() => {
    if (!missing || !cache) return;
    let live = true;
    void Promise.all(
      missing.split(',').map((itemId) => cache.fetchHistory(itemId).catch(() => 'offline')),
    ).then((results) => live && setDone({ key, offline: results.includes('offline') }));
    return () => {
      live = false;
    };
  }, [key, missing, cache]);
  const refill: Refill =
    !missing || !cache ? 'idle' : done?.key !== key ? 'fetching' : done.offline ? 'offline' : 'idle';
  return { snap, refill, retry: () => setAttempt((n) => n + 1) };
}

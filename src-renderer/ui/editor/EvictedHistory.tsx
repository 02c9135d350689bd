import { useEffect, useState } from 'react';
import { CloudOff, LoaderCircle, TriangleAlert } from 'lucide-react';
import { describeError } from '../../app/errors.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useServerOnline } from '../../state/sync-slice.js';

type FetchState = { kind: 'loading' } | { kind: 'offline' } | { kind: 'failed'; message: string };

/**
 * An item whose older history was removed to free space: opening its history
 * downloads it again (and again when the server answers after being away).
 * Offline it says so once, in place — no toast, no error.
 */
export function EvictedHistoryNote({ itemId }: { itemId: string }) {
  const cache = useHistoryCache((s) => s.cache);
  useHistoryCache((s) => s.version); // re-render when the mark comes or goes
  const evicted = cache?.isEvicted(itemId) ?? false;
  const serverOnline = useServerOnline();
  const travelling = useSyncSettings((s) => s.settings?.travelMode ?? false);
  // Coming back (server answers again, travel mode off) retries by itself.
  const online = serverOnline && !travelling;
  const [attempt, setAttempt] = useState(0);
  // The answer of one attempt; a new attempt (or item) is "loading" until it answers.
  const key = `${itemId}:${attempt}:${online}`;
  const [answer, setAnswer] = useState<{ key: string; state: FetchState } | null>(null);
  const state: FetchState = answer?.key === key ? answer.state : { kind: 'loading' };

  useEffect(() => {
    if (!cache || !evicted) return;
    let alive = true;
    const settle = (next: FetchState) => alive && setAnswer({ key, state: next });
    cache.fetchHistory(itemId).then(
      (result) => result === 'offline' && settle({ kind: 'offline' }),
      (err: unknown) =>
        settle({ kind: 'failed', message: describeError(err, "Couldn't download the history") }),
    );
    return () => {
      alive = false;
    };
  }, [cache, evicted, itemId, key]);

  if (!evicted) return null;
  const retry = (
    <button
      type="button"
      className="btn btn-small"
      data-testid="history-evicted-retry"
      onClick={() => setAttempt((n) => n + 1)}
    >
      Try again
    </button>
  );
  if (state.kind === 'loading') {
    return (
      <div className="banner banner-info" role="status" data-testid="history-evicted" data-state="loading">
        <LoaderCircle size={15} aria-hidden className="spin" />
        <span>
          Older versions of this item were removed from this computer to free space. Downloading them…
        </span>
      </div>
    );
  }
  if (state.kind === 'offline') {
    return (
      <div className="banner banner-warning" role="status" data-testid="history-evicted" data-state="offline">
        <CloudOff size={15} aria-hidden />
        <span>
          History is not available offline for this item: its older versions were removed from this computer
          to free space. They download when you are back online. The current version is here and editable.
        </span>
        {retry}
      </div>
    );
  }
  return (
    <div className="banner banner-danger" role="status" data-testid="history-evicted" data-state="failed">
      <TriangleAlert size={15} aria-hidden />
      <span>{state.message}</span>
      {retry}
    </div>
  );
}

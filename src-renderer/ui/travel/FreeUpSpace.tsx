import { useState } from 'react';
import { Eraser } from 'lucide-react';
import { describeError } from '../../app/errors.js';
import { useHistoryCache } from '../../state/history-cache-slice.js';

type Result = { tone: 'done' | 'error'; text: string };

/**
 * "Free up space": removes the older history of items outside the namespaces
 * kept offline (the ones checked above), least recently used first. Only
 * synced history written by others goes; every item stays listed and
 * editable, and its history downloads again when opened.
 */
export function FreeUpSpace({ keep }: { keep: readonly string[] }) {
  const cache = useHistoryCache((s) => s.cache);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  if (!cache) return null;
  const run = async () => {
    setBusy(true);
    try {
      const outcome = await cache.freeUpSpace(keep);
      setResult({ tone: 'done', text: outcome.message });
    } catch (err) {
      setResult({ tone: 'error', text: describeError(err, "Couldn't free up space") });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="travel-storage" data-testid="free-up-space">
      <h3 className="travel-heading">Storage</h3>
      <p className="field-hint">
        Older history of items outside the namespaces checked above can be removed from this computer, least
        recently used first. Only synced changes by others go; your own and unsynced work always stays, and
        removed history downloads again when you open it.
      </p>
      <div className="travel-storage-row">
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void run()}
          data-testid="free-up-space-run"
        >
          <Eraser size={14} aria-hidden /> {busy ? 'Freeing…' : 'Free up space'}
        </button>
        {result && (
          <span
            className={`travel-note ${result.tone === 'error' ? 'is-warning' : 'is-ready'}`}
            role="status"
            data-testid="free-up-space-result"
          >
            {result.text}
          </span>
        )}
      </div>
    </section>
  );
}

import { useState } from 'react';
import { useShownReleases } from '../../state/releases-slice.js';
import { useReleaseSnapshot } from './useReleaseSnapshot.js';

const MAX_ROWS = 500;

/** The namespace read-only, exactly as the release froze it: its items, and one item's content. */
export function ReleaseAsOf({ id }: { id: string }) {
  const release = useShownReleases().find((r) => r.id === id);
  const { snap, refill, retry } = useReleaseSnapshot(id);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  if (!release || !snap) return <p className="muted appr-pane">Reading the release…</p>;
  const words = filter.trim().toLowerCase();
  const shown = snap.items.filter((item) => item.path.toLowerCase().includes(words));
  const item = snap.items.find((i) => i.itemId === selected) ?? shown[0];
  return (
    <section className="appr-pane rel-as-of" data-testid="release-as-of" data-version={release.version}>
      <p className="rel-readonly" role="status">
        Read-only: {release.namespaces.join(', ')} as of {release.version} ({snap.items.length} item
        {snap.items.length === 1 ? '' : 's'}). Nothing here can be edited.
      </p>
      {snap.missingItemIds.length > 0 && (
        <p className="muted rel-setting" data-testid="release-as-of-missing">
          <span>
            {snap.missingItemIds.length} item{snap.missingItemIds.length === 1 ? ' is' : 's are'} of this
            release not on this computer{' '}
            {refill === 'fetching'
              ? 'yet: fetching from the server…'
              : refill === 'offline'
                ? 'and the server did not answer.'
                : 'yet; they show once synced.'}
          </span>
          {refill === 'offline' && (
            <button type="button" className="btn btn-small" data-testid="release-as-of-retry" onClick={retry}>
              Retry
            </button>
          )}
        </p>
      )}
      <div className="rel-as-of-body">
        <div className="rel-as-of-list">
          <input
            value={filter}
            placeholder="Filter items"
            aria-label="Filter items"
            onChange={(e) => setFilter(e.target.value)}
            data-testid="release-as-of-filter"
          />
          <ul aria-label={`Items as of ${release.version}`}>
            {shown.slice(0, MAX_ROWS).map((i) => (
              <li key={i.itemId}>
                <button
                  type="button"
                  className={`rel-item${i.itemId === item?.itemId ? ' rel-item-selected' : ''}`}
                  aria-current={i.itemId === item?.itemId}
                  data-testid={`release-as-of-item-${i.path}`}
                  onClick={() => setSelected(i.itemId)}
                >
                  <span className="mono">{i.path}</span>
                  {i.conflict && <span className="appr-chip appr-chip-rejected">In conflict</span>}
                </button>
              </li>
            ))}
          </ul>
          {shown.length > MAX_ROWS && (
            <p className="muted">{shown.length - MAX_ROWS} more; filter to find them.</p>
          )}
        </div>
        {item && (
          <div className="rel-as-of-item" data-testid="release-as-of-content">
            <div className="mono rel-as-of-path">{item.path}</div>
            <pre className="appr-diff-body">{item.content}</pre>
          </div>
        )}
      </div>
    </section>
  );
}

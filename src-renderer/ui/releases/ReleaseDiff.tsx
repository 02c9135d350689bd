import { useMemo } from 'react';
import { diffReleases } from '../../../src-shared/releases/index.js';
import { useShownReleases } from '../../state/releases-slice.js';
import { DiffView } from '../approvals/DiffView.js';
import { useReleaseSnapshot } from './useReleaseSnapshot.js';

const CHANGE_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed', moved: 'Moved' } as const;

/** What changed from one release to another, item by item, with a line diff of each. */
export function ReleaseDiff({ fromId, toId }: { fromId: string; toId: string }) {
  const listed = useShownReleases();
  const from = listed.find((r) => r.id === fromId);
  const to = listed.find((r) => r.id === toId);
  const before = useReleaseSnapshot(fromId).snap;
  const after = useReleaseSnapshot(toId).snap;
  const diffs = useMemo(
    () => (before && after ? diffReleases(before.items, after.items) : null),
    [before, after],
  );
  if (!from || !to || !diffs) return <p className="muted appr-pane">Reading the releases…</p>;
  return (
    <section className="appr-pane" data-testid="release-diff">
      <p>
        From <strong className="mono">{from.version}</strong> to{' '}
        <strong className="mono">{to.version}</strong>:{' '}
        {diffs.length === 0
          ? 'no item changed.'
          : `${diffs.length} item${diffs.length === 1 ? '' : 's'} changed.`}
      </p>
      {diffs.map((diff) => (
        <section
          key={diff.itemId}
          className="appr-item"
          data-testid={`release-diff-item-${diff.toPath ?? diff.fromPath}`}
        >
          <header className="row-actions">
            <span className="mono">{diff.toPath ?? diff.fromPath}</span>
            <span className="appr-chip">{CHANGE_LABELS[diff.change]}</span>
            {diff.change === 'moved' && <span className="muted">from {diff.fromPath}</span>}
            <span className="spacer" />
          </header>
          {diff.fromContent !== diff.toContent && (
            <DiffView
              before={diff.fromContent}
              after={diff.toContent}
              testId={`release-diff-body-${diff.itemId}`}
            />
          )}
        </section>
      ))}
    </section>
  );
}

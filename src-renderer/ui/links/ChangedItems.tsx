import type { LinkedItemView } from '../../../src-shared/links/facts.js';
import { DiffView } from '../approvals/DiffView.js';
import '../approvals/approvals.css';

/**
 * The detailed view's changed items: each with its line diff from
 * upstream's version at the lock to the version here (an item added here
 * diffs from nothing, one removed here to nothing).
 */
export function ChangedItems({
  paths,
  conflicted,
  atLock,
  items,
}: {
  paths: readonly string[];
  conflicted: readonly string[];
  atLock: Readonly<Record<string, string>> | undefined;
  items: readonly LinkedItemView[];
}) {
  if (paths.length === 0 && conflicted.length === 0) return null;
  return (
    <div className="links-changed" data-testid="links-changed">
      {conflicted.map((path) => (
        <p key={path} className="links-conflicted" data-testid={`links-conflicted-${path}`}>
          <span className="mono">{path}</span>{' '}
          <span className="muted">in conflict: resolve it in Conflicts</span>
        </p>
      ))}
      {paths.map((path) => {
        const before = atLock?.[path] ?? null;
        const here = items.find((item) => item.path === path && !item.deleted)?.content ?? null;
        const what = before === null ? 'added here' : here === null ? 'removed here' : 'changed here';
        return (
          <details key={path} className="links-changed-item" open={paths.length <= 5}>
            <summary>
              <span className="mono">{path}</span> <span className="muted">{what}</span>
            </summary>
            <DiffView before={before ?? ''} after={here ?? ''} testId={`links-diff-${path}`} />
          </details>
        );
      })}
    </div>
  );
}

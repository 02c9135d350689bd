import { useMemo } from 'react';
import { diffStats, diffText } from '../../../src-shared/approvals/index.js';

/** A unified line diff of one item: what approving would change. */
export function DiffView({ before, after, testId }: { before: string; after: string; testId: string }) {
  const rows = useMemo(() => diffText(before, after), [before, after]);
  const stats = diffStats(rows);
  return (
    <div className="appr-diff" data-testid={testId}>
      <div className="appr-diff-stats muted">
        +{stats.added} −{stats.removed}
      </div>
      <pre className="appr-diff-body">
        {rows.map((row, i) => (
          <div key={i} className={`appr-line appr-${row.type}`}>
            <span className="appr-sign">
              {row.type === 'added' ? '+' : row.type === 'removed' ? '−' : ' '}
            </span>
            {row.text}
          </div>
        ))}
      </pre>
    </div>
  );
}

import { useMemo } from 'react';
import { diffStats, diffText, type DiffRow } from '../../../src-shared/approvals/diff.js';

/** Unchanged lines kept around each change; longer runs fold into one "n unchanged lines" row. */
const CONTEXT = 3;

type Shown = (DiffRow & { oldNo: number | null; newNo: number | null }) | { type: 'fold'; count: number };

/** A version's changes against the version before it, as a unified diff with line numbers. */
export function HistoryDiff({ before, after }: { before: string; after: string }) {
  const rows = useMemo(() => diffText(before, after), [before, after]);
  const stats = diffStats(rows);
  const shown = useMemo(() => folded(numbered(rows)), [rows]);
  return (
    <div className="history-diff" data-testid="history-diff">
      <div className="history-diff-stats" data-testid="history-diff-stats">
        <span className="history-diff-added">+{stats.added}</span>{' '}
        <span className="history-diff-removed">−{stats.removed}</span>
        {stats.added + stats.removed === 0 && <span className="muted"> · the content did not change</span>}
      </div>
      <div className="history-diff-body" role="table" aria-label="Changes in this version">
        {shown.map((row, i) =>
          row.type === 'fold' ? (
            <div key={i} className="history-diff-fold" role="row">
              ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
            </div>
          ) : (
            <div key={i} className={`history-diff-line is-${row.type}`} role="row" data-type={row.type}>
              <span className="history-diff-no">{row.oldNo ?? ''}</span>
              <span className="history-diff-no">{row.newNo ?? ''}</span>
              <span className="history-diff-sign" aria-label={SIGN_WORDS[row.type]}>
                {row.type === 'added' ? '+' : row.type === 'removed' ? '−' : ' '}
              </span>
              <span className="history-diff-text">{row.text}</span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}

const SIGN_WORDS: Record<DiffRow['type'], string> = { added: 'added', removed: 'removed', same: 'unchanged' };

function numbered(rows: readonly DiffRow[]): Exclude<Shown, { type: 'fold' }>[] {
  let oldNo = 0;
  let newNo = 0;
  return rows.map((row) => ({
    ...row,
    oldNo: row.type === 'added' ? null : ++oldNo,
    newNo: row.type === 'removed' ? null : ++newNo,
  }));
}

/** Keeps CONTEXT unchanged lines either side of every change and folds the rest. */
function folded(rows: Exclude<Shown, { type: 'fold' }>[]): Shown[] {
  const near = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.type === 'same') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(rows.length - 1, i + CONTEXT); k++) near[k] = 1;
  });
  const out: Shown[] = [];
  let hidden = 0;
  rows.forEach((row, i) => {
    if (near[i]) {
      if (hidden) out.push({ type: 'fold', count: hidden });
      hidden = 0;
      out.push(row);
    } else hidden++;
  });
  if (hidden) out.push({ type: 'fold', count: hidden });
  return out;
}

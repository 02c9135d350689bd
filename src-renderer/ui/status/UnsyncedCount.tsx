import { unsyncedDetail, type UnsyncedCounts } from '../../../src-shared/status/unsynced.js';
import { useUnsyncedCounts } from '../../state/unsynced-counts.js';
import { plural } from '../format.js';

/** The status bar's count: only what waits for a sync (failed and discarded work is in the details). */
export function UnsyncedBarCount() {
  return <UnsyncedBarCountView counts={useUnsyncedCounts()} />;
}

/** The details row: the same count, then what waits for the user instead of a sync. */
export function UnsyncedDetailRow() {
  return <UnsyncedDetailRowView counts={useUnsyncedCounts()} />;
}

export function UnsyncedBarCountView({ counts }: { counts: UnsyncedCounts }) {
  return <span data-testid="status-unsynced">{plural(counts.waiting, 'unsynced change')}</span>;
}

export function UnsyncedDetailRowView({ counts }: { counts: UnsyncedCounts }) {
  const why =
    counts.discarded > 0
      ? 'Discarded changes stay on this computer and are never sent; import their file to queue them again.'
      : undefined;
  return (
    <div className="info-row">
      <dt>Unsynced changes</dt>
      <dd data-testid="status-unsynced-detail" title={why}>
        {unsyncedDetail(counts)}
      </dd>
    </div>
  );
}

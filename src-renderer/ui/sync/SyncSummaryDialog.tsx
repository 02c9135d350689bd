import { useUi } from '../../state/ui-slice.js';
import { useWorkspace } from '../../state/workspace-store.js';
import type { SyncSummary } from '../../sync/types.js';
import { Dialog } from '../common/Dialog.js';
import { absoluteTime } from '../format.js';
import { branchName } from './sync-actions.js';
import { summaryCounts } from './sync-text.js';

function Row({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The details behind a sync toast: what moved, when, and what to do about conflicts. */
export function SyncSummaryDialog({ summary, onClose }: { summary: SyncSummary; onClose: () => void }) {
  const workspace = useWorkspace();
  const openDialog = useUi((s) => s.openDialog);
  const name = branchName(workspace, summary.branchId);
  return (
    <Dialog
      title={`Sync of ${name}`}
      testId="dialog-sync-summary"
      onClose={onClose}
      description={`Finished ${absoluteTime(summary.at)}: ${summaryCounts(summary)}.`}
    >
      <div className="dialog-body">
        <dl className="info-list">
          <Row label="Branch" value={name} testId="summary-branch" />
          <Row label="Sent to server" value={summary.pushed.toLocaleString()} testId="summary-pushed" />
          <Row label="Received" value={summary.pulled.toLocaleString()} testId="summary-pulled" />
          <Row label="In conflict" value={summary.conflicts.toLocaleString()} testId="summary-conflicts" />
        </dl>
        {summary.conflicts > 0 && (
          <p className="dialog-text">
            {summary.conflicts === 1 ? 'One item is' : `${summary.conflicts.toLocaleString()} items are`} in
            conflict on this branch. Conflicts never stop a sync: every version is kept, the items carry a
            warning marker in the list, and anyone on this branch can resolve them.
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <button
          type="button"
          className="btn btn-ghost"
          data-testid="summary-preview"
          onClick={() => openDialog({ kind: 'sync-preview', branchId: summary.branchId })}
        >
          Preview next sync…
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={onClose}
          data-testid="dialog-done"
          data-autofocus=""
        >
          Done
        </button>
      </footer>
    </Dialog>
  );
}

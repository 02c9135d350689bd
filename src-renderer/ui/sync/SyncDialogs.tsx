import type { SyncDialogState } from '../../state/ui-slice.js';
import { useSnapshot } from '../../state/workspace-store.js';
import { BranchPeopleDialog } from './BranchPeopleDialog.js';
import { BranchSettingsDialog } from './BranchSettingsDialog.js';
import { SyncPreviewDialog } from './SyncPreviewDialog.js';
import { SyncSummaryDialog } from './SyncSummaryDialog.js';

/** The sync dialogs, for DialogHost. A branch that has gone away closes its settings and people. */
export function SyncDialogs({ dialog, onClose }: { dialog: SyncDialogState; onClose: () => void }) {
  const snapshot = useSnapshot();
  switch (dialog.kind) {
    case 'sync-preview':
      return <SyncPreviewDialog branchId={dialog.branchId} onClose={onClose} />;
    case 'sync-summary':
      return <SyncSummaryDialog summary={dialog.summary} onClose={onClose} />;
    case 'branch-settings': {
      const branch = snapshot.branches.find((b) => b.id === dialog.branchId);
      return branch ? <BranchSettingsDialog branch={branch} onClose={onClose} /> : null;
    }
    case 'branch-people': {
      const branch = snapshot.branches.find((b) => b.id === dialog.branchId);
      return branch ? <BranchPeopleDialog branch={branch} onClose={onClose} /> : null;
    }
  }
}

import { useUi } from '../../state/ui-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import { ConnectionDialog } from '../connection/ConnectionDialog.js';
import { SettingsDialog } from '../settings/SettingsDialog.js';
import { QueueDialog } from '../queue/QueueDialog.js';
import { ShortcutsDialog } from '../ShortcutsDialog.js';
import { SyncDialogs } from '../sync/SyncDialogs.js';
import { AbandonBranchDialog, NewBranchDialog } from './BranchDialogs.js';
import { MoveDialog } from './MoveDialog.js';
import { NewItemDialog } from './NewItemDialog.js';
import { NewNamespaceDialog } from './NewNamespaceDialog.js';
import { RenameDialog } from './RenameDialog.js';

/** Renders the one open dialog. A dialog whose item or branch has gone away simply does not show. */
export function DialogHost({ mac }: { mac: boolean }) {
  const dialog = useUi((s) => s.dialog);
  const close = useUi((s) => s.closeDialog);
  const workspace = useWorkspace();
  const snapshot = useSnapshot();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'new-item':
      return <NewItemDialog namespace={dialog.namespace} onClose={close} />;
    case 'new-namespace':
      return <NewNamespaceDialog parent={dialog.parent} onClose={close} />;
    case 'new-branch':
      return <NewBranchDialog onClose={close} />;
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'shortcuts':
      return <ShortcutsDialog mac={mac} onClose={close} />;
    case 'connection':
      return <ConnectionDialog onClose={close} />;
    case 'queue':
      return <QueueDialog onClose={close} />;
    case 'rename':
    case 'move': {
      const item = workspace.item(dialog.itemId);
      if (!item || item.deleted) return null;
      const Component = dialog.kind === 'rename' ? RenameDialog : MoveDialog;
      return <Component item={item} onClose={close} />;
    }
    case 'sync-preview':
    case 'sync-summary':
    case 'branch-settings':
    case 'branch-people':
      return <SyncDialogs dialog={dialog} onClose={close} />;
    case 'abandon-branch': {
      const branch = snapshot.branches.find((b) => b.id === dialog.branchId);
      return branch ? <AbandonBranchDialog branch={branch} onClose={close} /> : null;
    }
  }
}

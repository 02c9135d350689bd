import { Keyboard, Settings } from 'lucide-react';
import { useUi } from '../../state/ui-slice.js';
import { BranchSwitcher } from './BranchSwitcher.js';
import { ConflictsNav } from '../conflicts/ConflictsNav.js';
import { ApprovalsNav } from '../approvals/ApprovalsNav.js';
import { ReleasesNav } from '../releases/ReleasesNav.js';
import { LinksNav } from '../links/LinksNav.js';
import { FilterBox } from './FilterBox.js';
import { NamespaceTree } from './NamespaceTree.js';

/** Left column: branch, filter, namespaces, and the way to settings and shortcut help. */
export function Sidebar({ filterShortcut }: { filterShortcut: string }) {
  const openDialog = useUi((s) => s.openDialog);
  return (
    <nav className="sidebar" aria-label="Branch and namespaces" data-testid="sidebar">
      <BranchSwitcher />
      <ConflictsNav />
      <ApprovalsNav />
      <ReleasesNav />
      <LinksNav />
      <FilterBox shortcut={filterShortcut} />
      <div className="sidebar-scroll">
        <NamespaceTree />
      </div>
      <div className="sidebar-footer">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="open-settings"
          onClick={() => openDialog({ kind: 'settings' })}
        >
          <Settings size={14} aria-hidden /> Settings
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="open-shortcuts"
          onClick={() => openDialog({ kind: 'shortcuts' })}
        >
          <Keyboard size={14} aria-hidden /> Shortcuts
        </button>
      </div>
    </nav>
  );
}

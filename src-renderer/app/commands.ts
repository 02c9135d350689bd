import type { Workspace } from '../workspace/index.js';
import { defaultNamespace } from '../state/selectors.js';
import { useUi } from '../state/ui-slice.js';
import { deleteItemWithUndo, setThemePreference, undoLastDelete } from './actions.js';
import { focusTarget } from './focus.js';
import type { Command } from './shortcuts.js';
import { systemPrefersDark, toggledTheme } from './theme.js';

/**
 * Runs a command from any source (keyboard, app menu, buttons) the same way.
 * List navigation is handled by the list itself, which knows its rows.
 */
export function runCommand(workspace: Workspace, command: Command): void {
  const ui = useUi.getState();
  const selected = ui.selectedItemId ? workspace.item(ui.selectedItemId) : undefined;
  const live = selected && !selected.deleted ? selected : undefined;
  switch (command) {
    case 'item.new':
      return ui.openDialog({ kind: 'new-item', namespace: defaultNamespace(ui.view, live) });
    case 'namespace.new':
      return ui.openDialog({
        kind: 'new-namespace',
        parent: ui.view.kind === 'namespace' ? ui.view.path : '',
      });
    case 'branch.new':
      return ui.openDialog({ kind: 'new-branch' });
    case 'branch.switch':
      ui.setBranchMenuOpen(!ui.branchMenuOpen);
      if (ui.branchMenuOpen) focusTarget('branch-switcher');
      return;
    case 'theme.toggle':
      return void setThemePreference(workspace, toggledTheme(ui.theme, systemPrefersDark()));
    case 'settings.open':
      return ui.openDialog({ kind: 'settings' });
    case 'queue.open':
      return ui.openDialog({ kind: 'queue' });
    case 'shortcuts.open':
      return ui.openDialog({ kind: 'shortcuts' });
    case 'search.focus':
      focusTarget('filter');
      return;
    case 'item.rename':
      if (live) ui.openDialog({ kind: 'rename', itemId: live.itemId });
      return;
    case 'item.move':
      if (live) ui.openDialog({ kind: 'move', itemId: live.itemId });
      return;
    case 'item.delete':
      if (live) void deleteItemWithUndo(workspace, live.itemId);
      return;
    case 'item.undoDelete':
      return void undoLastDelete(workspace);
    case 'item.open':
      if (live) {
        ui.setEditorTab('content');
        // The editor may mount on this render; focus once it exists.
        requestAnimationFrame(() => focusTarget('editor'));
      }
      return;
    default:
      return; // list.* moves are the list's own.
  }
}

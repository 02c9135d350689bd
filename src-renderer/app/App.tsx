import { labelFor } from './shortcuts.js';
import { useServices, useSnapshot } from '../state/workspace-store.js';
import { Sidebar } from '../ui/sidebar/Sidebar.js';
import { ItemList } from '../ui/list/ItemList.js';
import { ItemEditor } from '../ui/editor/ItemEditor.js';
import { StatusBar } from '../ui/status/StatusBar.js';
import { DialogHost } from '../ui/dialogs/DialogHost.js';
import { Toasts } from '../ui/common/Toasts.js';
import { ConflictsHost } from '../ui/conflicts/ConflictsHost.js';
import { ApprovalsHost } from '../ui/approvals/ApprovalsHost.js';
import { ReleasesHost } from '../ui/releases/ReleasesHost.js';
import { LinksHost } from '../ui/links/LinksHost.js';
import { useBridgeEvents, useGlobalShortcuts, useStatusReport, useThemeEffect } from './useAppWiring.js';
import { useSyncIndicators } from './useSyncIndicators.js';

/** The window: sidebar, item list, editor, status bar; dialogs and toasts float above. */
export function App({ mac }: { mac: boolean }) {
  const { bridge, workspace, info } = useServices();
  const snapshot = useSnapshot();
  useThemeEffect();
  useBridgeEvents(bridge, workspace);
  useStatusReport(bridge, snapshot);
  useSyncIndicators(bridge, workspace, info.shell);
  useGlobalShortcuts(workspace, mac);
  const keys = {
    newItem: labelFor('item.new', mac) ?? '',
    rename: labelFor('item.rename', mac) ?? '',
    filter: labelFor('search.focus', mac) ?? '',
  };
  return (
    <div className="app" data-testid="app">
      <div className="app-main">
        <Sidebar filterShortcut={keys.filter} />
        <ItemList mac={mac} newItemShortcut={keys.newItem} />
        <ItemEditor shortcuts={keys} />
      </div>
      <StatusBar />
      <ConflictsHost />
      <ApprovalsHost />
      <ReleasesHost />
      <LinksHost />
      <DialogHost mac={mac} />
      <Toasts />
    </div>
  );
}

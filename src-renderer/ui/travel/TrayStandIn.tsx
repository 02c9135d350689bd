import { useCallback, useRef, useState } from 'react';
import { trayIconName, trayTooltip, type TrayIconName } from '../../../src-shared/status/tray-view.js';
import syncedIcon from '../../../assets/tray/synced.svg';
import syncingIcon from '../../../assets/tray/syncing.svg';
import offlineIcon from '../../../assets/tray/offline.svg';
import failedIcon from '../../../assets/tray/failed.svg';
import { trayFolderLine } from '../../../src-shared/mirror/folder-status.js';
import { useMirror } from '../../mirror/mirror-wiring.js';
import { useStatus } from '../../state/status-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useServices, useWorkspace } from '../../state/workspace-store.js';
import { useDismiss } from '../common/useDismiss.js';
import { useNow } from '../common/useNow.js';
import { syncNow } from '../sync/sync-actions.js';
import { toggleTravelMode } from './travel-actions.js';

const ICONS: Record<TrayIconName, string> = {
  synced: syncedIcon,
  syncing: syncingIcon,
  offline: offlineIcon,
  failed: failedIcon,
};

/**
 * Browser mode has no system tray, so the page draws one: the same icon per
 * state, the same tooltip (queue size, last sync, the folder mirror) and the same menu as the
 * Electron tray — Sync now, Travel mode, Open. Quit belongs to the desktop app.
 */
export function TrayStandIn() {
  const { bridge } = useServices();
  const workspace = useWorkspace();
  const status = useStatus((s) => s.status);
  const mirror = useMirror((s) => s.status);
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, menuRef, triggerRef);
  if (!status) return null;
  const icon = trayIconName(status.state);
  const tooltip = trayTooltip(status, now, trayFolderLine(mirror));
  const run = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className="tray-standin">
      <button
        ref={triggerRef}
        type="button"
        className="tray-standin-icon"
        data-testid="tray-standin"
        data-icon={icon}
        title={tooltip}
        aria-label={`Tray: ${tooltip}`}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <img src={ICONS[icon]} alt="" width={16} height={16} />
      </button>
      {open && (
        <div ref={menuRef} className="popover tray-standin-menu" role="menu" data-testid="tray-menu">
          <div className="tray-standin-tooltip" data-testid="tray-tooltip">
            {tooltip}
          </div>
          <button
            type="button"
            role="menuitem"
            disabled={!status.serverConfigured || status.travelMode}
            onClick={run(() => void syncNow(workspace))}
            data-testid="tray-sync-now"
          >
            Sync now
          </button>
          <button
            type="button"
            role="menuitemcheckbox"
            aria-checked={status.travelMode}
            onClick={run(() => toggleTravelMode(bridge))}
            data-testid="tray-travel"
          >
            <span className="tray-check" aria-hidden>
              {status.travelMode ? '✓' : ''}
            </span>
            Travel mode
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={run(() => useUi.getState().setStatusPopoverOpen(true))}
            data-testid="tray-open"
          >
            Open sync details
          </button>
        </div>
      )}
    </div>
  );
}

import { useCallback, useRef } from 'react';
import { GitBranch, User } from 'lucide-react';
import { MAIN_BRANCH } from '../../../src-shared/model/index.js';
import { useStatus } from '../../state/status-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { useDismiss } from '../common/useDismiss.js';
import { plural } from '../format.js';
import { SyncProgressText } from '../sync/SyncStatus.js';
import { StatusPopover } from './StatusPopover.js';
import { ConflictsStatusCount } from '../conflicts/ConflictsNav.js';
import { statusMessage } from './status-text.js';
import { lastSyncedLine } from '../../../src-shared/status/tray-view.js';
import { useNow } from '../common/useNow.js';
import { TravelSwitch } from '../travel/TravelSwitch.js';
import { TrayStandIn } from '../travel/TrayStandIn.js';
import { TravelDialogHost } from '../travel/TravelDialogHost.js';
import { StorageWarning } from '../travel/StorageWarning.js';
import { UnsyncedBarCount } from './UnsyncedCount.js';
import { GitStatusChip } from '../git/GitStatusChip.js';

/** The bottom bar: sync state, unsynced work, branch and user. Clicking it shows the details. */
export function StatusBar() {
  const { info } = useServices();
  const snapshot = useSnapshot();
  const status = useStatus((s) => s.status);
  const open = useUi((s) => s.statusPopoverOpen);
  const setOpen = useUi((s) => s.setStatusPopoverOpen);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), [setOpen]);
  useDismiss(open, close, panelRef, triggerRef);
  const state = status?.state ?? 'local-only';
  const now = useNow(30_000);

  return (
    <footer className="status-bar-wrap">
      <button
        ref={triggerRef}
        type="button"
        className="status-bar"
        data-testid="status-bar"
        data-state={state}
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Show sync details"
        onClick={() => setOpen(!open)}
      >
        <span className="status-left">
          <span className={`status-dot state-${state}`} data-testid="status-dot" aria-hidden />
          <span className="status-message" data-testid="status-message">
            {statusMessage(status)}
          </span>
          <span className="status-sep" aria-hidden>
            ·
          </span>
          <UnsyncedBarCount />
          {status?.serverConfigured && (
            <>
              <span className="status-sep" aria-hidden>
                ·
              </span>
              <span className="status-last-synced" data-testid="status-last-synced-line">
                {lastSyncedLine(status, now)}
              </span>
            </>
          )}
          {(status?.queueSize ?? 0) > 0 && (
            <span data-testid="status-queue">· {plural(status?.queueSize ?? 0, 'queued action')}</span>
          )}
          <SyncProgressText />
          <StorageWarning />
        </span>
        <span className="status-right">
          <GitStatusChip />
          <ConflictsStatusCount />
          <span className="status-chip" data-testid="status-branch">
            <GitBranch size={12} aria-hidden /> {snapshot.branch?.name ?? MAIN_BRANCH}
          </span>
          <span className="status-chip" data-testid="status-user">
            <User size={12} aria-hidden /> {info.userName}
          </span>
        </span>
      </button>
      <span className="status-extras">
        {/* Without a server the switch shows only while on, so travel mode is seen and can be switched off. */}
        {(status?.serverConfigured || status?.travelMode) && <TravelSwitch />}
        {info.shell === 'browser' && <TrayStandIn />}
      </span>
      <TravelDialogHost />
      {open && <StatusPopover ref={panelRef} />}
    </footer>
  );
}

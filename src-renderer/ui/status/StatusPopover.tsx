import type { Ref } from 'react';
import { MAIN_BRANCH } from '../../../src-shared/model/index.js';
import { useStatus } from '../../state/status-slice.js';
import { useSync } from '../../state/sync-slice.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { OpenConnectionButton } from '../connection/OpenConnectionButton.js';
import { OpenQueueButton } from '../queue/OpenQueueButton.js';
import { SyncPopoverSection, useBranchLastSync } from '../sync/SyncStatus.js';
import { STATE_LABELS, statusMessage } from './status-text.js';
import { AccountRefused } from '../travel/AccountRefused.js';
import { UnsyncedDetailRow } from './UnsyncedCount.js';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** Everything behind the status bar's one line: state, server, travel mode, counts, last sync. */
export function StatusPopover({ ref }: { ref: Ref<HTMLDivElement> }) {
  const { info } = useServices();
  const snapshot = useSnapshot();
  const status = useStatus((s) => s.status);
  const branchLastSync = useBranchLastSync(status?.lastSyncedAt ?? null);
  const leads = useSync((s) => s.leads);
  return (
    <div
      ref={ref}
      className="popover status-popover"
      role="dialog"
      aria-label="Sync details"
      data-testid="status-popover"
    >
      <div className="status-popover-head">
        <span className={`status-dot state-${status?.state ?? 'local-only'}`} aria-hidden />
        <strong>{status ? STATE_LABELS[status.state] : 'Unknown'}</strong>
      </div>
      <p className="status-popover-message">{statusMessage(status)}</p>
      <AccountRefused />
      <dl className="info-list compact">
        <Row
          label="Server"
          value={status?.serverConfigured ? 'Configured' : 'None configured — work stays on this computer'}
          testId="status-server"
        />
        <Row
          label="Travel mode"
          value={status?.travelMode ? 'On — no network use' : 'Off'}
          testId="status-travel"
        />
        <UnsyncedDetailRow />
        <Row label="Conflicts" value={snapshot.conflicts.length.toLocaleString()} />
        <Row label="Queue" value={`${(status?.queueSize ?? 0).toLocaleString()} waiting`} />
        <Row label="Last sync" value={branchLastSync} testId="status-last-synced" />
        {status?.serverConfigured && (
          <Row
            label="Sync runs in"
            value={leads ? 'This tab' : 'Another Tether tab of this profile (shown here as it runs)'}
            testId="status-sync-role"
          />
        )}
        <Row label="Branch" value={snapshot.branch?.name ?? MAIN_BRANCH} />
        <Row label="User" value={`${info.userName} on ${info.instanceId}`} />
      </dl>
      <SyncPopoverSection />
      <div className="status-popover-actions">
        <OpenQueueButton />
        <OpenConnectionButton />
      </div>
    </div>
  );
}

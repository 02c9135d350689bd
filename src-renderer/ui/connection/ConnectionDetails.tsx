import { useState } from 'react';
import type { ConnectionInfo } from '../../../src-shared/bridge/index.js';
import { useServices } from '../../state/workspace-store.js';
import { useNow } from '../common/useNow.js';
import { absoluteTime, relativeTime } from '../format.js';
import { CONNECTION_STATE_LABELS } from './useConnection.js';
import { errorText } from './connection-text.js';

function Row({
  label,
  value,
  testId,
  state,
}: {
  label: string;
  value: string;
  testId?: string;
  state?: string;
}) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd data-testid={testId} data-state={state}>
        {value}
      </dd>
    </div>
  );
}

/** The connected server: where, as whom, how it answers, and signing out (local work stays). */
export function ConnectionDetails({ info }: { info: ConnectionInfo }) {
  const { bridge } = useServices();
  const now = useNow(10_000);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signOut = async () => {
    try {
      await bridge.call('connection.signOut');
    } catch (err) {
      setError(errorText(err));
    }
  };
  const checked = info.checkedAt === null ? 'Not yet' : relativeTime(info.checkedAt, now);
  return (
    <div className="connection-details">
      <dl className="info-list">
        <Row label="Server" value={info.serverUrl ?? ''} testId="connection-server" />
        <Row label="Signed in as" value={info.userName ?? ''} testId="connection-user" />
        <Row
          label="State"
          value={CONNECTION_STATE_LABELS[info.state]}
          testId="connection-state"
          state={info.state}
        />
        {info.lastError && info.state !== 'online' && <Row label="Last error" value={info.lastError} />}
        <div className="info-row">
          <dt>Last answer</dt>
          <dd title={info.checkedAt === null ? undefined : absoluteTime(info.checkedAt)}>{checked}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="connection-confirm" role="alertdialog" aria-label="Sign out?">
          <p>
            Sign out of {info.serverUrl}? Your local work stays on this computer, including changes that have
            not synced yet; they sync when you connect again.
          </p>
          <div className="connection-actions">
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Stay signed in
            </button>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="connection-signout-confirm"
              onClick={() => void signOut()}
            >
              Sign out
            </button>
          </div>
        </div>
      ) : (
        <div className="connection-actions">
          <button
            type="button"
            className="btn"
            data-testid="connection-signout"
            onClick={() => setConfirming(true)}
          >
            Sign out…
          </button>
        </div>
      )}
      {error && (
        <p className="connection-result is-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

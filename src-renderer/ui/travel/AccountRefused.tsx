import { useState } from 'react';
import { ShieldAlert } from 'lucide-react';
import { describeError } from '../../app/errors.js';
import { useQueue } from '../../state/queue-slice.js';
import { useSync } from '../../state/sync-slice.js';

/**
 * Token revoked or account suspended: the server's own words, the promise
 * that nothing local is gone, and a way to keep the work as a file (which
 * can be imported again, here or on another profile).
 */
export function AccountRefused() {
  const connection = useSync((s) => s.connection);
  const exportAll = useQueue((s) => s.service?.exportAll);
  const [result, setResult] = useState<string | null>(null);
  if (connection?.state !== 'unauthorized' && connection?.state !== 'forbidden') return null;
  const run = async () => {
    if (!exportAll) return setResult('Export is not ready yet; try again in a moment.');
    try {
      const saved = await exportAll();
      setResult(
        saved.saved ? `Saved as ${saved.savedAs ?? 'a file'}` : 'Export cancelled; nothing was saved.',
      );
    } catch (err) {
      setResult(describeError(err, "Couldn't export your local work"));
    }
  };
  return (
    <div className="account-refused" role="alert" data-testid="account-refused">
      <p className="account-refused-head">
        <ShieldAlert size={15} aria-hidden /> The server refused this account
      </p>
      <p className="account-refused-reason" data-testid="account-refused-reason">
        {connection.lastError ?? 'No reason given.'}
      </p>
      <p className="field-hint">
        Your work is safe on this computer and keeps saving; nothing is sent until the account works again.
      </p>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void run()}
        data-testid="export-local-work"
      >
        Export my local work
      </button>
      {result && (
        <p className="field-hint" data-testid="export-local-work-result">
          {result}
        </p>
      )}
    </div>
  );
}

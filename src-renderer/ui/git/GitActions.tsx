import { useState } from 'react';
import { describeError } from '../../app/errors.js';
import { useServices } from '../../state/workspace-store.js';

/** Commit now, Pull, Push: each says what it did, or why not, in words. */
export function GitActions() {
  const { bridge } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (method: 'git.commitNow' | 'git.pull' | 'git.push', failure: string) => {
    setBusy(true);
    try {
      setMessage((await bridge.call(method)).message);
    } catch (err) {
      setMessage(describeError(err, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="git-actions">
      <div className="field-row">
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="git-commit-now"
          onClick={() => void run('git.commitNow', "Couldn't commit")}
        >
          Commit now
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="git-pull"
          onClick={() => void run('git.pull', "Couldn't pull")}
        >
          Pull
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="git-push"
          onClick={() => void run('git.push', "Couldn't push")}
        >
          Push
        </button>
      </div>
      {message && (
        <p className="field-hint" role="status" data-testid="git-action-message">
          {message}
        </p>
      )}
    </div>
  );
}

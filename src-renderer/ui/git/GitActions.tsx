import { useState } from 'react';
import { describeError } from '../../app/errors.js';
import { useServices } from '../../state/workspace-store.js';

type GitAction = 'git.commitNow' | 'git.pull' | 'git.push';

/** The buttons, in order: what each calls, and the words for when it fails. */
const ACTIONS: readonly { method: GitAction; label: string; failure: string; testId: string }[] = [
  { method: 'git.commitNow', label: 'Commit now', failure: "Couldn't commit", testId: 'git-commit-now' },
  { method: 'git.pull', label: 'Pull', failure: "Couldn't pull", testId: 'git-pull' },
  { method: 'git.push', label: 'Push', failure: "Couldn't push", testId: 'git-push' },
];

/** Commit now, Pull, Push: each says what it did, or why not, in words. */
export function GitActions() {
  const { bridge } = useServices();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (method: GitAction, failure: string) => {
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
        {ACTIONS.map(({ method, label, failure, testId }) => (
          <button
            key={method}
            type="button"
            className="btn"
            disabled={busy}
            data-testid={testId}
            onClick={() => void run(method, failure)}
          >
            {label}
          </button>
        ))}
      </div>
      {message && (
        <p className="field-hint" role="status" data-testid="git-action-message">
          {message}
        </p>
      )}
    </div>
  );
}

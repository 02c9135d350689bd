import { useState } from 'react';
import type { GitNetworkStep } from '../../../src-shared/mirror/git-queue.js';
import { describeError } from '../../app/errors.js';
import { useMirror } from '../../mirror/mirror-wiring.js';
import { useServices } from '../../state/workspace-store.js';

/**
 * The buttons, in order: what each does, and the words for when it fails.
 * Commit is local and runs at once; Pull and Push go through the sync queue
 * (travel mode, backoff and retry apply) and say what became of the entry.
 */
const ACTIONS: readonly {
  action: 'commit' | GitNetworkStep;
  label: string;
  failure: string;
  testId: string;
}[] = [
  { action: 'commit', label: 'Commit now', failure: "Couldn't commit", testId: 'git-commit-now' },
  { action: 'pull', label: 'Pull', failure: "Couldn't pull", testId: 'git-pull' },
  { action: 'push', label: 'Push', failure: "Couldn't push", testId: 'git-push' },
];

/** Commit now, Pull, Push: each says what it did, or why not, in words. */
export function GitActions() {
  const { bridge } = useServices();
  const gitQueue = useMirror((s) => s.gitQueue);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: 'commit' | GitNetworkStep, failure: string) => {
    setBusy(true);
    try {
      if (action === 'commit') setMessage((await bridge.call('git.commitNow')).message);
      else if (gitQueue) setMessage(await gitQueue.runNow(action));
      else setMessage(`${failure}: the sync queue is not ready yet.`);
    } catch (err) {
      setMessage(describeError(err, failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="git-actions">
      <div className="field-row">
        {ACTIONS.map(({ action, label, failure, testId }) => (
          <button
            key={action}
            type="button"
            className="btn"
            disabled={busy}
            data-testid={testId}
            onClick={() => void run(action, failure)}
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

import { linkStepOf } from '../../../src-shared/links/push-queue.js';
import { gitStepOf } from '../../../src-shared/mirror/git-queue.js';
import type { QueueRow } from '../../sync/queue/view-model.js';
import { plural } from '../format.js';
import { TYPE_LABELS } from './queue-text.js';

/**
 * Asks before discarding. The work is exported to a file first; if the save
 * is cancelled nothing is discarded. Discarded ops stay on this computer as
 * local-only work and are never sent; importing the file queues them again.
 */
export function DiscardConfirm({
  row,
  busy,
  onConfirm,
  onCancel,
}: {
  row: QueueRow;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const one = row.opCount === 1;
  const git = gitStepOf(row.entry);
  const link = linkStepOf(row.entry);
  const what =
    row.opCount !== null ? plural(row.opCount, 'change') : TYPE_LABELS[row.entry.type].toLowerCase();
  return (
    <div
      className="queue-confirm"
      role="alertdialog"
      aria-labelledby="queue-confirm-title"
      data-testid="queue-confirm"
    >
      <p id="queue-confirm-title" className="queue-confirm-title">
        Discard “{row.entry.title}”?
      </p>
      <p className="queue-confirm-text">
        {git === 'push'
          ? 'The commits stay in the folder; the next automatic push, or Push in Settings → Folder & Git, sends them.'
          : git === 'pull'
            ? 'Nothing in the folder changes; Pull in Settings → Folder & Git asks the remote again.'
            : link
              ? 'The items stay as they are on this computer; Push or Link on the Linked namespaces screen asks again.'
              : row.opCount !== null
                ? `Tether first saves the ${what} to a file you keep, then stops sending ${one ? 'it' : 'them'}. Your ${one ? 'edit stays' : 'edits stay'} on this computer as local-only work; importing the file queues ${one ? 'it' : 'them'} again.`
                : `Tether first saves this ${what} to a file you keep, then removes it from the queue.`}
      </p>
      <div className="queue-confirm-actions">
        <button type="button" className="btn" onClick={onCancel} disabled={busy} data-autofocus>
          Keep it
        </button>
        <button
          type="button"
          className="btn btn-danger"
          onClick={onConfirm}
          disabled={busy}
          data-testid="queue-confirm-discard"
        >
          {git ? 'Discard' : busy ? 'Saving…' : 'Export and discard'}
        </button>
      </div>
    </div>
  );
}

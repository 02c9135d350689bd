import { useState } from 'react';
import { Download, RotateCcw } from 'lucide-react';
import { useQueue } from '../../state/queue-slice.js';
import { Dialog } from '../common/Dialog.js';
import { useNow } from '../common/useNow.js';
import { DiscardConfirm } from './DiscardConfirm.js';
import { ImportButton, importSummary } from './ImportButton.js';
import { QueueList } from './QueueList.js';
import './queue.css';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The outbox: every entry with its state; retry, discard (exported first) and reorder where order is free. */
export function QueueDialog({ onClose }: { onClose: () => void }) {
  const rows = useQueue((s) => s.rows);
  const entries = useQueue((s) => s.entries);
  const service = useQueue((s) => s.service);
  const message = useQueue((s) => s.message);
  const setMessage = useQueue((s) => s.setMessage);
  const [confirmId, setConfirmId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(5_000);
  const failed = rows.filter((row) => row.entry.status === 'failed').length;
  const confirming = rows.find((row) => row.entry.id === confirmId) ?? null;

  const act = async (run: () => Promise<string | null>) => {
    if (!service) return;
    setBusy(true);
    try {
      const info = await run();
      setMessage(info ? { kind: 'info', text: info } : null);
    } catch (error) {
      setMessage({ kind: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };
  const discard = (id: string) =>
    act(async () => {
      const result = await service!.discard(id);
      setConfirmId(null);
      if (!result.discarded) return 'Nothing discarded: the file was not saved.';
      return result.savedAs === null ? 'Discarded.' : `Discarded. The work was saved to ${result.savedAs}.`;
    });

  return (
    <Dialog
      title="Sync queue"
      testId="dialog-queue"
      onClose={onClose}
      size="large"
      description="Work waiting for the server or the git remote, in the order it will be sent. Entries of one branch keep their order."
    >
      <div className="dialog-body queue-body">
        <div className="queue-toolbar">
          <span className="queue-count" data-testid="queue-count">
            {rows.length === 0
              ? 'Nothing waiting'
              : [
                  rows.length > failed ? `${rows.length - failed} waiting` : '',
                  failed ? `${failed} failed` : '',
                ]
                  .filter(Boolean)
                  .join(', ')}
          </span>
          {failed > 0 && (
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              onClick={() => void act(async () => (await service!.retryAllFailed(), null))}
            >
              <RotateCcw size={13} aria-hidden /> Retry failed
            </button>
          )}
          <ImportButton
            disabled={busy}
            onText={(text) => void act(async () => importSummary(await service!.importFile(text)))}
          />
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            data-testid="queue-export-all"
            onClick={() =>
              void act(async () => {
                const saved = await service!.exportAll();
                return saved.saved ? `Your local work was saved to ${saved.savedAs ?? 'a file'}.` : null;
              })
            }
          >
            <Download size={13} aria-hidden /> Export my local work
          </button>
        </div>
        {message && (
          <p
            className={`queue-message ${message.kind}`}
            role={message.kind === 'error' ? 'alert' : 'status'}
            data-testid="queue-message"
          >
            {message.text}
          </p>
        )}
        {confirming && (
          <DiscardConfirm
            row={confirming}
            busy={busy}
            onCancel={() => setConfirmId(null)}
            onConfirm={() => void discard(confirming.entry.id)}
          />
        )}
        {rows.length === 0 ? (
          <p className="queue-empty" data-testid="queue-empty">
            Everything you did is on the server.
          </p>
        ) : (
          <QueueList
            rows={rows}
            entries={entries}
            now={now}
            actions={{
              onRetry: (id) => void act(async () => (await service!.retry(id), null)),
              onDiscard: (id) => setConfirmId(id),
              // One row in the view: onto the neighbouring row, whatever hidden entries lie between.
              onStep: (id, step) => {
                const onto = rows[rows.findIndex((row) => row.entry.id === id) + step]?.entry.id;
                if (onto) void act(async () => (await service!.move(id, onto), null));
              },
              onMove: (id, ontoId) => void act(async () => (await service!.move(id, ontoId), null)),
            }}
          />
        )}
      </div>
    </Dialog>
  );
}

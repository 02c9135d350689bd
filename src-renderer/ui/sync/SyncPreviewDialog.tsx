import { useEffect, useState } from 'react';
import { ArrowDownToLine, ArrowUpFromLine, Plane, RefreshCw } from 'lucide-react';
import type { Op } from '../../../src-shared/model/index.js';
import { classifySyncError } from '../../../src-shared/sync/errors.js';
import { describeError } from '../../app/errors.js';
import { useSyncSettings } from '../../state/sync-settings-slice.js';
import { useSync } from '../../state/sync-slice.js';
import { useServices, useWorkspace } from '../../state/workspace-store.js';
import type { SyncPreview } from '../../sync/types.js';
import { Dialog } from '../common/Dialog.js';
import { useNow } from '../common/useNow.js';
import { absoluteTime, opLabel, plural, relativeTime } from '../format.js';
import { setTravelMode } from '../travel/travel-actions.js';
import { offlinePreview } from './local-preview.js';
import { branchName, syncNow } from './sync-actions.js';
import { opTime } from './op-time.js';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; preview: SyncPreview; offline: boolean }
  | { kind: 'error'; message: string };

function OpRow({ op, now, testId }: { op: Op; now: number; testId: string }) {
  const at = opTime(op);
  return (
    <li className="preview-row" data-testid={testId}>
      <span className={`preview-op op-${op.type}`}>{opLabel(op)}</span>
      <span className="preview-path">{op.path}</span>
      <span className="preview-meta" title={at == null ? undefined : absoluteTime(at)}>
        {op.author}
        {at != null && ` · ${relativeTime(at, now)}`}
      </span>
    </li>
  );
}

interface BodyProps {
  preview: SyncPreview;
  now: number;
  offline: boolean;
  travelling: boolean;
}

function PreviewBody({ preview, now, offline, travelling }: BodyProps) {
  const { toPush, toPull } = preview;
  return (
    <div className="dialog-body preview">
      <section aria-labelledby="preview-push-title">
        <h3 id="preview-push-title" className="preview-heading">
          <ArrowUpFromLine size={14} aria-hidden /> To send
          <span className="preview-count" data-testid="preview-push-count">
            {plural(toPush.length, 'change')}
          </span>
        </h3>
        {toPush.length === 0 ? (
          <p className="preview-empty">Nothing waiting on this computer.</p>
        ) : (
          <ul className="preview-list">
            {toPush.map((op) => (
              <OpRow key={op.id} op={op} now={now} testId="preview-push-row" />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="preview-pull-title">
        <h3 id="preview-pull-title" className="preview-heading">
          <ArrowDownToLine size={14} aria-hidden /> To receive
          <span className="preview-count" data-testid="preview-pull-count">
            {offline ? 'unknown' : plural(toPull.count, 'change')}
          </span>
        </h3>
        {offline ? (
          <p className="preview-empty" data-testid="preview-pull-offline">
            {travelling
              ? 'Travel mode is on, so Tether does not ask the server what would arrive.'
              : 'The server cannot be reached, so what would arrive is not known yet.'}
          </p>
        ) : toPull.count === 0 ? (
          <p className="preview-empty">The server has nothing new for this branch.</p>
        ) : (
          <ul className="preview-list">
            {toPull.sample.map((op) => (
              <OpRow key={op.id} op={op} now={now} testId="preview-pull-row" />
            ))}
            {toPull.count > toPull.sample.length && (
              <li className="preview-more">
                and {(toPull.count - toPull.sample.length).toLocaleString()} more
              </li>
            )}
          </ul>
        )}
      </section>
    </div>
  );
}

/** What "Sync now" would move for a branch, asked of the engine without changing anything. */
export function SyncPreviewDialog({ branchId, onClose }: { branchId: string; onClose: () => void }) {
  const workspace = useWorkspace();
  const { bridge } = useServices();
  const engine = useSync((s) => s.engine);
  // Travel mode means no network on purpose: say so, and offer to end it rather than a sync that can't run.
  const travelling = useSyncSettings((s) => s.settings?.travelMode ?? false);
  const now = useNow(30_000);
  const [attempt, setAttempt] = useState(0);
  // Each answer remembers which attempt it belongs to; an older one reads as "still loading".
  const [answer, setAnswer] = useState<{ attempt: number; loaded: Loaded } | null>(null);

  useEffect(() => {
    if (!engine) return;
    let live = true;
    const settle = (loaded: Loaded) => live && setAnswer({ attempt, loaded });
    engine
      .preview(branchId)
      .then((preview) => settle({ kind: 'ready', preview, offline: false }))
      .catch((err: unknown) => {
        // Offline, the send half is still known here (for the branch on screen); say the rest is not.
        if (classifySyncError(err).kind === 'offline' && workspace.getSnapshot().branchId === branchId) {
          settle({ kind: 'ready', preview: offlinePreview(workspace), offline: true });
        } else settle({ kind: 'error', message: describeError(err, "Couldn't build the preview") });
      });
    return () => {
      live = false;
    };
  }, [engine, workspace, branchId, attempt, travelling]);

  const loaded: Loaded = !engine
    ? { kind: 'error', message: 'No sync server is connected, so there is nothing to preview.' }
    : answer?.attempt === attempt
      ? answer.loaded
      : { kind: 'loading' };

  const name = branchName(workspace, branchId);
  return (
    <Dialog
      title={`Preview sync of ${name}`}
      testId="dialog-sync-preview"
      onClose={onClose}
      size="large"
      description={
        travelling
          ? 'Travel mode is on: nothing is sent or received until you turn it off.'
          : 'Nothing is sent or received until you choose Sync now.'
      }
    >
      {loaded.kind === 'ready' && (
        <PreviewBody preview={loaded.preview} now={now} offline={loaded.offline} travelling={travelling} />
      )}
      {loaded.kind === 'loading' && (
        <p className="dialog-body preview-empty" data-testid="preview-loading">
          Working out what would change…
        </p>
      )}
      {loaded.kind === 'error' && (
        <p className="dialog-error" role="alert" data-testid="dialog-error">
          {loaded.message}
        </p>
      )}
      <footer className="dialog-footer">
        {loaded.kind === 'error' && engine && (
          <button type="button" className="btn btn-ghost" onClick={() => setAttempt((n) => n + 1)}>
            <RefreshCw size={14} aria-hidden /> Try again
          </button>
        )}
        <button type="button" className="btn" onClick={onClose} data-testid="dialog-cancel" data-autofocus="">
          Close
        </button>
        {travelling ? (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="preview-travel-off"
            onClick={() => void setTravelMode(bridge, false)}
          >
            <Plane size={14} aria-hidden /> Turn off travel mode
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="sync-now"
            disabled={!engine}
            onClick={() => {
              onClose();
              void syncNow(workspace, branchId);
            }}
          >
            Sync now
          </button>
        )}
      </footer>
    </Dialog>
  );
}

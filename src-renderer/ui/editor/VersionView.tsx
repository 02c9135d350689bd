import { History } from 'lucide-react';
import { useState } from 'react';
import type { ItemState, Op } from '../../../src-shared/model/index.js';
import { describeError } from '../../app/errors.js';
import { useUi } from '../../state/ui-slice.js';
import { toastError } from '../../state/toast-slice.js';
import { useWorkspace } from '../../state/workspace-store.js';
import { EmptyState } from '../common/EmptyState.js';
import { opLabel } from '../format.js';
import { CodeEditor } from './CodeEditor.js';
import { HistoryDiff } from './HistoryDiff.js';

/**
 * One version in History: its changes against the version before (or its
 * whole content), and "Restore this version" — a new op on the current
 * heads, or, on an item in conflict, this version offered as the resolution.
 */
export function VersionView({ item, version, before }: { item: ItemState; version: Op; before: Op | null }) {
  const [view, setView] = useState<'changes' | 'content'>('changes');
  if (version.type === 'delete') {
    return (
      <EmptyState title="Deleted in this version">The item had this path when it was deleted.</EmptyState>
    );
  }
  return (
    <>
      <div className="history-viewer-bar">
        <div className="history-views" role="group" aria-label="Show">
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={view === 'changes'}
            data-testid="history-show-changes"
            onClick={() => setView('changes')}
          >
            Changes
          </button>
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={view === 'content'}
            data-testid="history-show-content"
            onClick={() => setView('content')}
          >
            Whole content
          </button>
        </div>
        <span className="spacer" />
        <RestoreButton item={item} version={version} />
      </div>
      <div className="history-restore-note">
        <span className="history-compared" data-testid="history-compared">
          {before
            ? `Compared with the version before (${opLabel(before).toLowerCase()} by ${before.author}). `
            : 'The first version: every line is new. '}
        </span>
        <RestoreNote item={item} version={version} />
      </div>
      {view === 'changes' ? (
        <HistoryDiff
          before={before && before.type !== 'delete' ? before.content : ''}
          after={version.content}
        />
      ) : (
        <CodeEditor
          docKey={version.id}
          value={version.content}
          kind={version.kind}
          readOnly
          label="Content at this version (read-only)"
          testId="history-content"
        />
      )}
    </>
  );
}

function RestoreButton({ item, version }: { item: ItemState; version: Op }) {
  const workspace = useWorkspace();
  const showNewest = useUi((s) => s.setHistoryOp);
  const [busy, setBusy] = useState(false);
  const plan = workspace.restorePlan(item.itemId, version.id);
  const restore = async () => {
    setBusy(true);
    try {
      await workspace.restoreVersion(item.itemId, version.id);
      showNewest(null);
    } catch (error) {
      toastError(describeError(error, 'Couldn’t restore this version'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`btn btn-small${plan.kind === 'nothing' ? '' : ' btn-primary'}`}
      data-testid="history-restore"
      data-plan={plan.kind}
      disabled={plan.kind === 'nothing' || busy}
      title={plan.note}
      onClick={() => void restore()}
    >
      <History size={14} aria-hidden />
      {plan.kind === 'resolve' ? 'Resolve with this version' : 'Restore this version'}
    </button>
  );
}

function RestoreNote({ item, version }: { item: ItemState; version: Op }) {
  const workspace = useWorkspace();
  const plan = workspace.restorePlan(item.itemId, version.id);
  return <span data-testid="history-restore-note">{plan.note}</span>;
}

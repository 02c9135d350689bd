import { useMemo, useState } from 'react';
import { MergePlanChangedError } from '../../workspace/branch-merge.js';
import { useSync } from '../../state/sync-slice.js';
import { toastError, useToasts } from '../../state/toast-slice.js';
import { dismissNotice } from '../sync/sync-actions.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { useConflictsUi } from './conflicts-ui.js';
import type { BranchMergeRemote } from '../../workspace/branch-merge.js';

/** Merge preview: what merges cleanly, what needs the resolver; confirm writes it all on main. */
export function BranchMerge({ branchId }: { branchId: string }) {
  const { workspace } = useServices();
  const snapshot = useSnapshot();
  const show = useConflictsUi((s) => s.show);
  const resolutions = useConflictsUi((s) => s.mergeResolutions);
  const setResolution = useConflictsUi((s) => s.setMergeResolution);
  const clear = useConflictsUi((s) => s.clearMergeResolutions);
  const [busy, setBusy] = useState(false);
  const branch = snapshot.branches.find((b) => b.id === branchId);
  const plan = useMemo(() => {
    try {
      return workspace.branchMerge.preview(branchId);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }, [workspace, branchId, snapshot.version]); // eslint-disable-line react-hooks/exhaustive-deps
  if (plan instanceof Error)
    return (
      <p className="banner banner-danger" data-testid="merge-error">
        {plan.message}
      </p>
    );
  const unresolved = plan.conflicts.filter((e) => !resolutions[e.itemId]);
  const confirm = async () => {
    setBusy(true);
    try {
      const engine = useSync.getState().engine as unknown;
      const remote =
        engine && typeof (engine as BranchMergeRemote).mergeBranchRemote === 'function'
          ? (engine as BranchMergeRemote)
          : null;
      const done = await workspace.branchMerge.merge(
        branchId,
        new Map(Object.entries(resolutions)),
        plan,
        remote,
      );
      clear();
      // "Main changed items you changed on this branch" no longer applies: the branch is merged.
      dismissNotice(`main-changed-${branchId}`);
      useToasts.getState().show({
        tone: 'success',
        testId: 'merged-toast',
        message: `Merged ${branch?.name ?? 'the branch'} into main (${done.ops.length} item${done.ops.length === 1 ? '' : 's'})${done.toldServer ? '' : '; the server hears of it at the next sync'}`,
      });
      show(null);
    } catch (error) {
      toastError(
        error instanceof MergePlanChangedError
          ? error.message
          : error instanceof Error
            ? error.message
            : String(error),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="branch-merge" data-testid="branch-merge" aria-label="Merge branch into main">
      <h2>Merge {branch?.name ?? branchId} into main</h2>
      <div className="merge-preview" data-testid="merge-preview">
        <h3>Conflicts ({plan.conflicts.length})</h3>
        {plan.conflicts.length === 0 && (
          <p className="muted">None — this merge works offline and is sent at the next sync.</p>
        )}
        <ul className="inbox-rows">
          {plan.conflicts.map((e) => (
            <li
              key={e.itemId}
              className="inbox-row"
              data-testid={`merge-conflict-${e.path}`}
              data-resolved={!!resolutions[e.itemId]}
            >
              <span className="mono inbox-path">{e.path}</span>
              <span className="muted">{e.reason}</span>
              <span className="spacer" />
              {resolutions[e.itemId] ? (
                <>
                  <span className="resolved-tag">Resolved</span>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setResolution(e.itemId, null)}
                  >
                    Undo
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  data-testid={`merge-resolve-${e.path}`}
                  onClick={() =>
                    show({
                      kind: 'resolver',
                      session: workspace.branchMerge.session(branchId, e),
                      target: { kind: 'branch-merge', branchId },
                      path: e.path,
                    })
                  }
                >
                  Resolve
                </button>
              )}
            </li>
          ))}
        </ul>
        <h3>Merges cleanly ({plan.clean.length})</h3>
        <ul className="inbox-rows">
          {plan.clean.map((e) => (
            <li key={e.itemId} className="inbox-row" data-testid={`merge-clean-${e.path}`}>
              <span className="mono inbox-path">{e.path}</span>
              <span className="muted">
                {e.reason}
                {e.result?.deleted ? ' (deleted)' : ''}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div className="row-actions">
        {unresolved.length > 0 && (
          <span className="muted">
            Resolve {unresolved.length === 1 ? 'the conflict' : `${unresolved.length} conflicts`} to merge.
          </span>
        )}
        <button type="button" className="btn" onClick={() => show(null)}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="merge-confirm"
          disabled={busy || unresolved.length > 0}
          title={unresolved.length ? 'Resolve every conflict first' : 'Write the merge on main'}
          onClick={() => void confirm()}
        >
          Merge {plan.clean.length + plan.conflicts.length} item
          {plan.clean.length + plan.conflicts.length === 1 ? '' : 's'} into main
        </button>
      </div>
    </section>
  );
}

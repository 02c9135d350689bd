import { GitMerge, TriangleAlert } from 'lucide-react';
import { openSession } from '../../../src-shared/conflicts/index.js';
import type { ItemState } from '../../../src-shared/model/index.js';
import { useServices, useSnapshot } from '../../state/workspace-store.js';
import { useBranchRights } from '../sync/branch-rights.js';
import { useConflictsUi } from './conflicts-ui.js';

/** Sidebar entry "Conflicts (N)", and "Merge into main…" while on a branch. */
export function ConflictsNav() {
  const snapshot = useSnapshot();
  const show = useConflictsUi((s) => s.show);
  const count = snapshot.conflicts.length;
  const rights = useBranchRights(snapshot.branch);
  return (
    <div className="conflicts-nav">
      <button
        type="button"
        className={`btn btn-ghost btn-small conflicts-nav-button${count ? ' has-conflicts' : ''}`}
        data-testid="open-conflicts"
        onClick={() => show({ kind: 'inbox', tab: 'open' })}
      >
        <TriangleAlert size={14} aria-hidden /> Conflicts ({count})
      </button>
      {snapshot.branch && snapshot.branch.state === 'open' && (
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="open-branch-merge"
          disabled={!rights.mayChange}
          title={rights.why ?? undefined}
          onClick={() => show({ kind: 'branch-merge', branchId: snapshot.branchId })}
        >
          <GitMerge size={14} aria-hidden /> Merge into main…
        </button>
      )}
    </div>
  );
}

/** The status bar's conflict count; opens the inbox. Hidden when there are none. */
export function ConflictsStatusCount() {
  const count = useSnapshot().conflicts.length;
  const show = useConflictsUi((s) => s.show);
  if (count === 0) return null;
  return (
    <span
      role="button"
      tabIndex={0}
      className="status-chip status-conflicts"
      data-testid="status-conflicts"
      title="Open the conflict inbox"
      onClick={(e) => {
        e.stopPropagation();
        show({ kind: 'inbox', tab: 'open' });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          show({ kind: 'inbox', tab: 'open' });
        }
      }}
    >
      <TriangleAlert size={12} aria-hidden /> {count === 1 ? '1 conflict' : `${count} conflicts`}
    </span>
  );
}

/** "Resolve…" on the editor's conflict banner: opens the resolver on this item. */
export function ResolveButton({ item }: { item: ItemState }) {
  const { workspace } = useServices();
  const snapshot = useSnapshot();
  const show = useConflictsUi((s) => s.show);
  if (!item.conflict) return null;
  const conflict = item.conflict;
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="open-resolver"
      onClick={() =>
        show({
          kind: 'resolver',
          path: item.path,
          target: { kind: 'item', branchId: snapshot.branchId },
          session: openSession({
            itemId: item.itemId,
            conflict,
            heads: item.heads,
            instanceId: workspace.conflicts.instanceId,
          }),
        })
      }
    >
      Resolve…
    </button>
  );
}

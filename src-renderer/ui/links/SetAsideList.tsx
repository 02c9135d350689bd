import { useEffect } from 'react';
import { shortCommit } from '../../../src-shared/links/status.js';
import { dismissSetAside, loadSetAside, restoreSetAside } from '../../links/pull-actions.js';
import { useLinks } from '../../state/links-slice.js';
import { useServices } from '../../state/workspace-store.js';

/** Local edits overwrite and stash pulls saved first: put back, or forget. */
export function SetAsideList({ namespace }: { namespace: string }) {
  const { workspace } = useServices();
  const busy = useLinks((s) => s.busy);
  const all = useLinks((s) => s.setAside);
  useEffect(() => {
    void loadSetAside(workspace);
  }, [workspace]);
  const records = all.filter((r) => r.namespace === namespace);
  if (records.length === 0) return null;
  return (
    <ul className="links-set-aside" data-testid="links-set-aside">
      {records.map((record) => (
        <li key={record.id} data-testid={`set-aside-${record.strategy}`}>
          <span>
            {record.strategy === 'stash' ? 'Stashed' : 'Saved before overwrite'}: {record.items.length} local
            edit{record.items.length === 1 ? '' : 's'} (
            <span className="mono">{record.items.map((i) => i.path.split('.').pop()).join(', ')}</span>) made
            on {shortCommit(record.fromCommit)}, {new Date(record.at).toLocaleString()}
          </span>
          <button
            type="button"
            className="btn btn-small"
            disabled={busy}
            data-testid="set-aside-restore"
            onClick={() => void restoreSetAside(workspace, record.id)}
          >
            {record.strategy === 'stash' ? 'Reapply stash' : 'Restore my versions'}
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={busy}
            title="Forget this record; the versions stay in each item’s history"
            data-testid="set-aside-dismiss"
            onClick={() => void dismissSetAside(workspace, record.id)}
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}

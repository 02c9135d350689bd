import { Eye, SlidersHorizontal, Users } from 'lucide-react';
import type { Branch } from '../../../src-shared/model/index.js';
import { useLastSyncedAt, useServerConfigured } from '../../state/sync-slice.js';
import { useUi } from '../../state/ui-slice.js';
import { useServices } from '../../state/workspace-store.js';
import { MenuAction } from '../common/MenuAction.js';
import { useNow } from '../common/useNow.js';
import { absoluteTime, relativeTime } from '../format.js';

/** The dim "5 min ago" beside a branch in the menu; nothing while no server is configured. */
export function BranchSyncTime({ branchId }: { branchId: string }) {
  const configured = useServerConfigured();
  const at = useLastSyncedAt(branchId);
  const now = useNow(30_000);
  if (!configured) return null;
  return (
    <span
      className="menu-meta"
      data-testid={`branch-synced-${branchId}`}
      title={at == null ? 'Never synced from this computer' : `Last synced ${absoluteTime(at)}`}
    >
      {at == null ? 'not synced' : relativeTime(at, now)}
    </span>
  );
}

/**
 * The branch menu's sync entries: preview a sync of the current branch, its
 * sync settings, and who works on it ("Share…" for its owner).
 */
export function BranchMenuSyncItems({ branchId, branch }: { branchId: string; branch: Branch | null }) {
  const openDialog = useUi((s) => s.openDialog);
  const configured = useServerConfigured();
  const me = useServices().info.userName;
  return (
    <>
      {configured && (
        <MenuAction
          icon={Eye}
          label="Preview sync…"
          testId="branch-menu-preview-sync"
          onClick={() => openDialog({ kind: 'sync-preview', branchId })}
        />
      )}
      {branch && (
        <MenuAction
          icon={SlidersHorizontal}
          label={`“${branch.name}” sync settings…`}
          testId="branch-settings"
          onClick={() => openDialog({ kind: 'branch-settings', branchId: branch.id })}
        />
      )}
      {branch && configured && (
        <MenuAction
          icon={Users}
          label={branch.createdBy === me ? `Share “${branch.name}”…` : `Who works on “${branch.name}”…`}
          testId="branch-share"
          onClick={() => openDialog({ kind: 'branch-people', branchId: branch.id })}
        />
      )}
    </>
  );
}

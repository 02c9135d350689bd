import { BellRing, GitMerge, Users } from 'lucide-react';
import { MAIN_BRANCH } from '../../../src-shared/model/index.js';
import { switchBranch } from '../../app/actions.js';
import { useSync } from '../../state/sync-slice.js';
import { useSnapshot, useWorkspace } from '../../state/workspace-store.js';
import type { SyncNotice } from '../../sync/types.js';
import { branchName, dismissNotice, updateFromMain } from './sync-actions.js';
import { noticeMessage } from './sync-text.js';

const NO_NOTICES: readonly SyncNotice[] = [];

function NoticeActions({ notice }: { notice: SyncNotice }) {
  const workspace = useWorkspace();
  const current = useSnapshot().branchId;
  if (notice.kind === 'main-changed') {
    return (
      <button
        type="button"
        className="btn btn-small"
        data-testid="notice-update-from-main"
        onClick={() => {
          dismissNotice(notice.id);
          void updateFromMain(workspace, notice.branchId);
        }}
      >
        Update from main
      </button>
    );
  }
  if (notice.kind !== 'branch-merged-elsewhere' && notice.kind !== 'branch-abandoned-elsewhere') return null;
  // A branch closed elsewhere: offer main only to someone still looking at it.
  if (current !== notice.branchId) return null;
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="notice-switch-to-main"
      onClick={() => {
        dismissNotice(notice.id);
        void switchBranch(workspace, MAIN_BRANCH);
      }}
    >
      Switch to main
    </button>
  );
}

/**
 * Banners for what happened on the server that concerns this person's
 * branches: main touched items they changed, a branch was merged or
 * abandoned by someone else, or its owner shared it with them or stopped.
 * They stay until acted on or dismissed.
 */
export function SyncNotices() {
  const workspace = useWorkspace();
  const notices = useSync((s) => s.engineState?.notices ?? NO_NOTICES);
  if (notices.length === 0) return null;
  const name = (branchId: string) => branchName(workspace, branchId);
  return (
    <div className="sync-notices" role="region" aria-label="Sync notices">
      {notices.map((notice) => {
        const Icon =
          notice.kind === 'branch-merged-elsewhere' || notice.kind === 'branch-abandoned-elsewhere'
            ? GitMerge
            : notice.kind === 'branch-shared-with-you' || notice.kind === 'branch-unshared-with-you'
              ? Users
              : BellRing;
        return (
          <div
            key={notice.id}
            className="sync-notice"
            role="status"
            data-testid="sync-notice"
            data-kind={notice.kind}
          >
            <Icon size={15} aria-hidden className="sync-notice-icon" />
            <span className="sync-notice-text">{noticeMessage(notice, name)}</span>
            <NoticeActions notice={notice} />
            <button
              type="button"
              className="btn btn-small btn-ghost"
              data-testid="notice-dismiss"
              onClick={() => dismissNotice(notice.id)}
            >
              Dismiss
            </button>
          </div>
        );
      })}
    </div>
  );
}

import type { MainPolicy } from '../../../src-shared/model/index.js';
import type { SyncNotice, SyncProgress, SyncSummary } from '../../sync/types.js';
import { plural } from '../format.js';

/** The four "main while on a branch" policies, in the order the settings list them. */
export const MAIN_POLICIES: readonly MainPolicy[] = ['isolated', 'follow', 'notify', 'manual'];

export const POLICY_INFO: Record<MainPolicy, { label: string; description: string }> = {
  isolated: {
    label: 'Isolated',
    description: 'Main never reaches this branch until you merge it.',
  },
  follow: {
    label: 'Follow main',
    description: 'Changes on main flow into this branch as they arrive.',
  },
  notify: {
    label: 'Notify',
    description: 'You are told when main changes items you changed here.',
  },
  manual: {
    label: 'Manual',
    description: 'Main comes in only when you choose “Update from main”.',
  },
};

/**
 * "3 pushed, 5 pulled, 1 conflict", leaving out what is zero. Conflicts are
 * the items in conflict on the branch after the sync (not only new ones).
 */
export function summaryCounts(summary: Pick<SyncSummary, 'pushed' | 'pulled' | 'conflicts'>): string {
  const { pushed, pulled, conflicts } = summary;
  const moved = [
    pushed > 0 ? `${pushed.toLocaleString()} pushed` : '',
    pulled > 0 ? `${pulled.toLocaleString()} pulled` : '',
  ].filter(Boolean);
  if (moved.length === 0) moved.push('nothing to push or pull');
  if (conflicts > 0) moved.push(plural(conflicts, 'conflict'));
  return moved.join(', ');
}

/** The toast line: "Synced feature-x: 3 pushed, 5 pulled, 1 conflict". */
export function summaryMessage(summary: SyncSummary, branchName: string): string {
  return `Synced ${branchName}: ${summaryCounts(summary)}`;
}

/** True when a sync moved ops, which is worth telling about unasked (standing conflicts are not). */
export function summaryMoved(summary: SyncSummary): boolean {
  return summary.pushed + summary.pulled > 0;
}

/**
 * The status bar's progress words, or null when nothing runs. History has its
 * own wording: the items are already usable while it fills in behind.
 */
export function progressText(progress: SyncProgress | null | undefined): string | null {
  if (!progress || progress.phase === 'idle') return null;
  const { phase, done, total } = progress;
  if (phase === 'history') {
    if (!total) return 'Loading history…';
    return `Loading history… ${Math.min(100, Math.floor((done / total) * 100))}%`;
  }
  if (phase === 'heads')
    return done > 0 ? `Loading current items… ${done.toLocaleString()}` : 'Loading current items…';
  const verb = phase === 'pushing' ? 'Sending' : 'Syncing';
  if (total == null) return done > 0 ? `${verb} ${done.toLocaleString()}…` : `${verb}…`;
  return `${verb} ${Math.min(done, total).toLocaleString()} of ${total.toLocaleString()}…`;
}

/**
 * "Last synced 5 min ago"; a branch never synced while the server is out of
 * reach was made offline (one made online syncs as soon as it is switched to).
 */
export function branchSyncedText(
  lastSyncedAt: number | null,
  isBranch: boolean,
  relative: (at: number) => string,
  online = false,
): string {
  if (lastSyncedAt != null) return `Last synced ${relative(lastSyncedAt)}`;
  if (online) return 'Not synced yet';
  return isBranch ? 'Never synced (created offline)' : 'Never synced';
}

/** "Acme.charge, Acme.refund" — the first few paths, then "and 3 more". */
export function pathList(paths: readonly string[], shown = 3): string {
  const head = paths.slice(0, shown).join(', ');
  const rest = paths.length - shown;
  return rest > 0 ? `${head} and ${rest.toLocaleString()} more` : head;
}

/** The notice's sentence; branch names come from the workspace when the notice has none. */
export function noticeMessage(notice: SyncNotice, branchName: (branchId: string) => string): string {
  if (notice.kind === 'main-changed') {
    const paths = notice.items.map((i) => i.path);
    return `Main changed ${plural(paths.length, 'item')} you changed on ${branchName(notice.branchId)}: ${pathList(paths)}`;
  }
  if (notice.kind === 'clock-ahead') {
    const hours = Math.round(notice.aheadMs / 3_600_000);
    const ahead = hours >= 48 ? plural(Math.round(hours / 24), 'day') : plural(hours, 'hour');
    return `This computer's clock is about ${ahead} ahead of the server. Your edits still sync; set the date and time right so history shows them in order.`;
  }
  if (notice.kind === 'unreadable-ops') {
    return `The server sent ${plural(notice.count, 'change')} this app cannot read (a broken time stamp); they were skipped and everything else synced. Tell your server's admin.`;
  }
  if ('owner' in notice) {
    const { owner, branchName: name } = notice;
    return notice.kind === 'branch-shared-with-you'
      ? `${owner} shared “${name}” with you: you may now change, merge or abandon it too`
      : `${owner} stopped sharing “${name}” with you: only ${owner} and the people they add can change, merge or abandon it now`;
  }
  const by = notice.by ? ` by ${notice.by}` : '';
  const name = notice.branchName || branchName(notice.branchId);
  return notice.kind === 'branch-merged-elsewhere'
    ? `${name} was merged into main${by}`
    : `${name} was abandoned${by}`;
}

/** "Updated from main — 2 conflicts to resolve" / "— no conflicts". */
export function updateFromMainMessage(conflicts: number): string {
  return conflicts > 0
    ? `Updated from main — ${plural(conflicts, 'conflict')} to resolve`
    : 'Updated from main — no conflicts';
}

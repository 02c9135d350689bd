import type { MirrorStatus } from '../bridge/git.js';

/**
 * The folder mirror and its git sync in words, for the status bar, the tray
 * (Electron's and the page's stand-in) and notifications: one place decides
 * what each state reads as.
 */

function folderWords(status: MirrorStatus): string {
  if (status.state === 'exporting') return 'Writing files…';
  if (status.state === 'importing') return 'Reading changes…';
  if (status.state === 'waiting') return 'Folder starting…';
  return 'Folder watched';
}

/** Files left out of the store (bad names, binaries, …): their reasons are in the chip's tooltip. */
function notImported(status: MirrorStatus): string {
  return status.notices.length > 0 ? ` · ${status.notices.length} not imported` : '';
}

/** Release tags the remote holds on other commits: reported, never forced over (short: the chip is narrow). */
function tagsRefused(git: MirrorStatus['git']): string {
  const [first, ...more] = git.tagsRefused;
  if (!first) return '';
  return more.length
    ? ` · ${more.length + 1} release tags not pushed (taken on the remote)`
    : ` · tag ${first} not pushed (taken on the remote)`;
}

function counts(git: MirrorStatus['git']): string {
  return git.remote ? ` · ${git.ahead} ahead, ${git.behind} behind` : '';
}

/** The status bar's chip: watching / exporting, ahead and behind, the last commit, or the failure and why. */
export function mirrorStatusText(status: MirrorStatus): string {
  if (status.state === 'failing') return `Folder: ${status.error ?? 'failing'}`;
  const folder = folderWords(status);
  const { git } = status;
  if (!git.enabled) return `${folder}${notImported(status)}`;
  if (git.error) return `${folder} · Git: ${git.error}`;
  if (git.busy !== 'idle') return `${folder} · Git ${git.busy}…`;
  const last = git.lastCommit ? ` · last commit “${git.lastCommit.subject}”` : ' · no commit yet';
  return `${folder}${notImported(status)}${tagsRefused(git)}${counts(git)}${last}`;
}

/**
 * The tray's line (null: no folder, no line). Shorter than the chip: a
 * tooltip has little room, so no commit subject; a failure keeps its reason.
 */
export function trayFolderLine(status: MirrorStatus | null): string | null {
  if (!status || status.state === 'off') return null;
  if (status.state === 'failing') return `Folder failing: ${status.error ?? 'no reason given'}`;
  const folder = folderWords(status);
  const { git } = status;
  if (!git.enabled) return `${folder}${notImported(status)}`;
  if (git.error) return `${folder} · git failing: ${git.error}`;
  if (git.busy !== 'idle') return `${folder} · git ${git.busy}…`;
  return `${folder}${notImported(status)}${tagsRefused(git)}${counts(git) || ' · git, no remote'}`;
}

/** The folder's notification (same shape and rules as sync's: a failure once, withdrawn when it clears). */
export const FOLDER_FAILED_KEY = 'folder-failed';

export interface FolderNotification {
  key: string;
  title: string;
  body: string;
  tone: 'error';
  actions: { id: 'details'; label: string }[];
}

/**
 * What needs the person: the folder failing, or git failing for a reason
 * Tether cannot get past by trying again (a sign-in, no remote). A remote out
 * of reach is retried with backoff and reads in the tray and status bar, like
 * "offline" for sync: a state, never a notification.
 */
export function folderFailure(status: MirrorStatus | null): string | null {
  if (!status || status.state === 'off') return null;
  if (status.state === 'failing') return `The folder mirror stopped: ${status.error ?? 'no reason given'}`;
  if (status.git.error && !status.git.errorRetryable) return `Git: ${status.git.error}`;
  return null;
}

/**
 * The same failure again stays quiet; a new one is announced; once the
 * failure clears, its notification is taken back.
 */
export function planFolderNotifications(
  lastFailure: string | null,
  status: MirrorStatus | null,
): { lastFailure: string | null; notifications: FolderNotification[]; withdraw: string[] } {
  const failure = folderFailure(status);
  if (failure === null)
    return { lastFailure: null, notifications: [], withdraw: lastFailure ? [FOLDER_FAILED_KEY] : [] };
  if (failure === lastFailure) return { lastFailure, notifications: [], withdraw: [] };
  const note: FolderNotification = {
    key: FOLDER_FAILED_KEY,
    title: 'Tether — folder sync failed',
    body: failure,
    tone: 'error',
    actions: [{ id: 'details', label: 'View details' }],
  };
  return { lastFailure: failure, notifications: [note], withdraw: [] };
}
